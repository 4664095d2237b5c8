import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { KeptSection } from "#app/components/kept-section.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { DownloadLinks } from "../components/download-links.tsx";
import { MeasuresSection } from "../components/plan-sections.tsx";
import { Content, DemoNotice, DemoTag, ProgressBar } from "../components/progress.tsx";
import { strategyLoader } from "../strategies.parts.server.tsx";
import type { Route } from "./+types/strategy-detail";

export async function loader(args: Route.LoaderArgs) {
  return strategyLoader(args);
}

export default function StrategyDetail({ loaderData: s, params }: Route.ComponentProps) {
  const { t } = useTranslation("strategies");
  const locale = localeFromParams(params);
  return (
    <article>
      <PageTitle title={s.title?.text ?? t("index.title")} />
      <p className="text-sm">
        <Link to={`/${locale}/strategies`}>{t("detail.back")}</Link>
      </p>
      <h1 className="mt-2" lang={s.title?.lang}>
        {s.title?.text}
      </h1>
      <p className="mt-2 flex flex-wrap gap-2">
        <DemoTag isDemo={s.isDemo} />
      </p>
      <DemoNotice isDemo={s.isDemo} />
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="font-semibold">{t("columns.period")}</dt>
        <dd>{s.period}</dd>
        <dt className="font-semibold">{t("columns.status")}</dt>
        <dd>{t(`planStatus.${s.status}`)}</dd>
        <dt className="font-semibold">{t("detail.owner")}</dt>
        <dd>
          <Content value={s.owner.name} />
        </dd>
        <dt className="font-semibold">{t("detail.overallProgress")}</dt>
        <dd className="max-w-sm">
          <ProgressBar progress={s.progress} label={t("detail.overallProgress")} />
        </dd>
      </dl>
      {s.summary ? (
        <div className="mt-4 max-w-3xl">
          <Content value={s.summary} as="p" />
        </div>
      ) : null}
      <p className="mt-3 text-sm text-slate-700">{t("progress.explanation")}</p>

      <LabelledSection id="reports-heading" heading={t("reports.heading")} className="mt-8">
        {s.reports.length === 0 ? (
          <p className="mt-2">{t("reports.none")}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {s.reports.map((r) => (
              <li key={r.id}>
                <Link to={r.href} lang={r.title?.lang}>
                  {r.title?.text}
                </Link>
                <TranslationNote value={r.title} spaced />
                {r.publishedLabel ? (
                  <span className="text-sm text-slate-700">
                    {" "}
                    · {t("reports.published", { date: r.publishedLabel })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </LabelledSection>

      <LabelledSection id="documents-heading" heading={t("detail.documents")} className="mt-8">
        {s.documents.length === 0 ? (
          <p className="mt-2">{t("detail.noDocuments")}</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {s.documents.map((d) => (
              <li key={d.id}>
                <a href={d.href} hrefLang={d.languageTag} lang={d.title?.lang}>
                  {d.title?.text}
                </a>
                <TranslationNote value={d.title} spaced />
              </li>
            ))}
          </ul>
        )}
      </LabelledSection>

      {s.national ? (
        <>
          <p className="mt-8">
            {t("detail.nationalPlan")}:{" "}
            <Link to={s.national.href} lang={s.national.title?.lang}>
              {s.national.title?.text}
            </Link>
            <TranslationNote value={s.national.title} spaced /> {"("}
            {s.national.code})
          </p>
          <KeptSection headingId="sectors-heading" className="mt-10" html={s.parts.sectors} />
          <KeptSection headingId="objectives-heading" className="mt-10" html={s.parts.objectives} />

          <MeasuresSection measures={s.measures} tableHtml={s.parts.measures} sectors={s.sectorFilter} />
          <DownloadLinks href={s.national.downloadHref} label={t("downloads.measures")} />
        </>
      ) : null}

      <LabelledSection id="local-plans-heading" heading={t("localPlans.heading")} className="mt-10">
        <div className="mt-4" dangerouslySetInnerHTML={{ __html: s.parts.localPlans }} />
      </LabelledSection>
    </article>
  );
}

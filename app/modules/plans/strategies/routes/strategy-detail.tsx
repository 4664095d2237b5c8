import { useTranslation } from "react-i18next";
import { LabelledSection } from "#app/components/labelled-section.tsx";
import { KeptSection } from "#app/components/kept-section.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { localeFromParams } from "#app/i18n/locales.ts";
import { DownloadLinks } from "../components/download-links.tsx";
import { MeasuresSection } from "../components/plan-sections.tsx";
import { PlanPageHead } from "../components/plan-page-head.tsx";
import { Content } from "../components/progress.tsx";
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
      <PlanPageHead
        documentTitle={s.title?.text ?? t("index.title")}
        up={<Link to={`/${locale}/strategies`}>{t("detail.back")}</Link>}
        title={s.title}
        isDemo={s.isDemo}
        facts={[
          { key: "period", term: t("columns.period"), value: s.period },
          { key: "status", term: t("columns.status"), value: t(`planStatus.${s.status}`) },
          { key: "owner", term: t("detail.owner"), value: <Content value={s.owner.name} /> },
        ]}
        progress={s.progress}
      >
        {s.summary ? (
          <div className="mt-4 max-w-3xl">
            <Content value={s.summary} as="p" />
          </div>
        ) : null}
      </PlanPageHead>

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

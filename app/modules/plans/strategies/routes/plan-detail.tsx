import { useTranslation } from "react-i18next";
import { KeptSection } from "#app/components/kept-section.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { PageTitle } from "#app/components/page-title.tsx";
import { DownloadLinks } from "../components/download-links.tsx";
import { MeasuresSection } from "../components/plan-sections.tsx";
import { DemoNotice, DemoTag, ProgressBar } from "../components/progress.tsx";
import { planLoader } from "../strategies.parts.server.tsx";
import type { Route } from "./+types/plan-detail";

export async function loader(args: Route.LoaderArgs) {
  return planLoader(args);
}

export default function PlanDetail({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation("strategies");
  return (
    <article>
      <PageTitle title={p.title?.text ?? p.code} />
      <p className="text-sm">
        <Link to={p.strategy.href} lang={p.strategy.title?.lang}>
          {p.strategy.title?.text}
        </Link>
        <TranslationNote value={p.strategy.title} spaced />
      </p>
      <h1 className="mt-2" lang={p.title?.lang}>
        {p.title?.text}
      </h1>
      <p className="mt-2 flex flex-wrap gap-2">
        <DemoTag isDemo={p.isDemo} />
      </p>
      <DemoNotice isDemo={p.isDemo} />
      <dl className="mt-4 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="font-semibold">{t("columns.code")}</dt>
        <dd>{p.code}</dd>
        <dt className="font-semibold">{t("plan.kind")}</dt>
        <dd>{t(`plan.${p.kind}`)}</dd>
        {p.municipality ? (
          <>
            <dt className="font-semibold">{t("columns.municipality")}</dt>
            <dd>
              <Link to={p.municipality.href}>{p.municipality.name}</Link>
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("columns.period")}</dt>
        <dd>{p.period}</dd>
        <dt className="font-semibold">{t("columns.status")}</dt>
        <dd>{t(`planStatus.${p.status}`)}</dd>
        <dt className="font-semibold">{t("columns.planned")}</dt>
        <dd>{p.plannedLabel}</dd>
        <dt className="font-semibold">{t("detail.overallProgress")}</dt>
        <dd className="max-w-sm">
          <ProgressBar progress={p.progress} label={t("detail.overallProgress")} />
        </dd>
      </dl>
      <p className="mt-3 text-sm text-slate-700">{t("progress.explanation")}</p>
      <KeptSection headingId="sectors-heading" className="mt-10" html={p.parts.sectors} />
      <MeasuresSection measures={p.measures} tableHtml={p.parts.measures} sectors={p.sectorFilter} />
      <DownloadLinks href={p.downloadHref} label={t("downloads.measures")} />
      {p.kind === "local" ? <p className="mt-3 text-sm text-slate-700">{t("plan.rollUpNote")}</p> : null}
    </article>
  );
}

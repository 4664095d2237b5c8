import { useTranslation } from "react-i18next";
import { KeptSection } from "#app/components/kept-section.tsx";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { DownloadLinks } from "../components/download-links.tsx";
import { MeasuresSection } from "../components/plan-sections.tsx";
import { PlanPageHead } from "../components/plan-page-head.tsx";
import { planLoader } from "../strategies.parts.server.tsx";
import type { Route } from "./+types/plan-detail";

export async function loader(args: Route.LoaderArgs) {
  return planLoader(args);
}

export default function PlanDetail({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation("strategies");
  return (
    <article>
      <PlanPageHead
        documentTitle={p.title?.text ?? p.code}
        up={
          <>
            <Link to={p.strategy.href} lang={p.strategy.title?.lang}>
              {p.strategy.title?.text}
            </Link>
            <TranslationNote value={p.strategy.title} spaced />
          </>
        }
        title={p.title}
        isDemo={p.isDemo}
        facts={[
          { key: "code", term: t("columns.code"), value: p.code },
          { key: "kind", term: t("plan.kind"), value: t(`plan.${p.kind}`) },
          ...(p.municipality
            ? [
                {
                  key: "municipality",
                  term: t("columns.municipality"),
                  value: <Link to={p.municipality.href}>{p.municipality.name}</Link>,
                },
              ]
            : []),
          { key: "period", term: t("columns.period"), value: p.period },
          { key: "status", term: t("columns.status"), value: t(`planStatus.${p.status}`) },
          { key: "planned", term: t("columns.planned"), value: p.plannedLabel },
        ]}
        progress={p.progress}
      />
      <KeptSection headingId="sectors-heading" className="mt-10" html={p.parts.sectors} />
      <MeasuresSection measures={p.measures} tableHtml={p.parts.measures} sectors={p.sectorFilter} />
      <DownloadLinks href={p.downloadHref} label={t("downloads.measures")} />
      {p.kind === "local" ? <p className="mt-3 text-sm text-slate-700">{t("plan.rollUpNote")}</p> : null}
    </article>
  );
}

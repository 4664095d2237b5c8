import { useTranslation } from "react-i18next";
import { TranslationNote } from "#app/components/translated.tsx";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { localeFromParams } from "#app/i18n/locales.ts";
import { Content, DemoTag, ProgressBar } from "../components/progress.tsx";
import { DownloadLinks } from "../components/download-links.tsx";
import { strategiesListPage } from "../strategies.pages.server.ts";
import type { Route } from "./+types/strategies-index";

export async function loader({ params, context }: Route.LoaderArgs) {
  const locale = localeFromParams(params);
  return strategiesListPage(context.db, locale);
}

export default function StrategiesIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("strategies");
  const locale = localeFromParams(params);
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <DataTable
        caption={t("index.caption")}
        rows={loaderData.strategies}
        rowKey={(s) => s.slug}
        columns={[
          {
            key: "title",
            header: t("columns.strategy"),
            rowHeader: true,
            cell: (s) => (
              <>
                <Link to={s.href} lang={s.title?.lang}>
                  {s.title?.text}
                </Link>
                <TranslationNote value={s.title} spaced /> <DemoTag isDemo={s.isDemo} />
                <span className="block text-slate-700">
                  <Content value={s.owner.name} />
                </span>
              </>
            ),
          },
          { nowrap: true, key: "period", header: t("columns.period"), cell: (s) => s.period },
          { key: "status", header: t("columns.status"), cell: (s) => t(`planStatus.${s.status}`) },
          { key: "plans", header: t("columns.plans"), numeric: true, cell: (s) => s.planCountLabel },
          { key: "measures", header: t("columns.measures"), numeric: true, cell: (s) => s.measureCountLabel },
          { key: "planned", header: t("columns.planned"), numeric: true, cell: (s) => s.plannedLabel },
          {
            key: "progress",
            header: t("columns.progress"),
            cell: (s) => <ProgressBar progress={s.progress} label={t("columns.progress")} />,
          },
        ]}
      />
      <p className="mt-3 text-sm text-slate-700">{t("progress.explanation")}</p>
      <DownloadLinks href={`/${locale}/downloads/strategies`} label={t("downloads.strategies")} />
    </>
  );
}

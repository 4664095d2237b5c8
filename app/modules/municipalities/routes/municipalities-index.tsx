import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DataTable } from "#app/components/data-table.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import { listMunicipalities, type MunicipalitySummary } from "../municipalities.queries.server.ts";
import { municipalityName } from "../municipality-name.ts";
import type { Route } from "./+types/municipalities-index";

export async function loader({ context }: Route.LoaderArgs) {
  return { municipalities: await listMunicipalities(context.db) };
}

export default function MunicipalitiesIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("municipalities");
  const locale = isLocale(params.lang) ? params.lang : "sq";
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <DataTable<MunicipalitySummary>
        caption={t("index.tableCaption")}
        rows={loaderData.municipalities}
        rowKey={(m) => m.kasCode}
        columns={[
          { key: "name", header: t("index.columns.name"), rowHeader: true, cell: (m) => <Link to={`/${locale}/municipalities/${m.kasCode}-${m.slug}`}>{municipalityName(m, locale)}</Link> },
          { key: "population", header: t("index.columns.population2024"), numeric: true, cell: (m) => formatNumber(m.population2024, locale) },
        ]}
      />
    </>
  );
}

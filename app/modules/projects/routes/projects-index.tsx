import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { isLocale } from "#app/i18n/locales.ts";
import { ProjectFilters } from "../components/project-filters.tsx";
import { ProjectsSummary, ProjectsTable } from "../components/projects-table.tsx";
import { loadCoordinationView } from "../coordination.queries.server.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { parseProjectFilter, PROJECTS_PAGE_SIZE } from "../projects.schema.ts";
import { filterOptions, summaryOf, tableRows } from "../public-view.server.ts";
import type { Route } from "./+types/projects-index";

/** The public list of validated projects, filtered and paged (two queries). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const url = new URL(request.url);
  const filter = parseProjectFilter(url.searchParams);
  const [view, choices] = await Promise.all([
    loadCoordinationView(context.db, filter, { unfundedMeasures: false }),
    loadProjectChoices(context.db, { measures: "none", organisations: false }),
  ]);
  const downloadQuery = new URLSearchParams({ lang: locale });
  for (const [key, value] of Object.entries(filter))
    if (key !== "page" && value !== undefined) downloadQuery.set(key, String(value));
  return {
    filters: filterOptions(choices, view, filter, locale),
    summary: summaryOf(view, locale),
    page: filter.page,
    rows: tableRows(view, choices, locale),
    search: url.search,
    downloadQuery: downloadQuery.toString(),
  };
}

export default function ProjectsIndex({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const { summary } = loaderData;
  return (
    <>
      <PageTitle title={t("index.title")} />
      <PageHeader title={t("index.title")} lead={t("index.lead")} />
      <ul className="mb-4 flex flex-wrap gap-x-6 gap-y-2">
        <li>
          <Link to={`/${params.lang}/projects/3w${loaderData.search}`}>{t("index.threeWLink")}</Link>
        </li>
      </ul>
      <ProjectFilters options={loaderData.filters} />
      <ProjectsSummary summary={summary} className="mb-4" />
      <ProjectsTable rows={loaderData.rows} caption={t("index.caption")} />
      <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2" aria-label={t("index.downloads")}>
        <li>
          <a href={`/api/v1/projects.csv?${loaderData.downloadQuery}`} download>
            {t("index.csv")}
          </a>
        </li>
        <li>
          <a href={`/api/v1/projects.xlsx?${loaderData.downloadQuery}`} download>
            {t("index.xlsx")}
          </a>
        </li>
        <li>
          <a href={`/api/v1/project-results.csv?${loaderData.downloadQuery}`} download>
            {t("export.resultsCsv")}
          </a>
        </li>
        <li>
          <a href={`/api/v1/project-results.xlsx?${loaderData.downloadQuery}`} download>
            {t("export.resultsXlsx")}
          </a>
        </li>
        <li>
          <a href={`/api/v1/projects.iati.xml?${loaderData.downloadQuery}`}>{t("index.iati")}</a>
        </li>
      </ul>
      <ListPagination
        list={{ page: loaderData.page, total: summary.total, totalLabel: summary.totalText }}
        pageSize={PROJECTS_PAGE_SIZE}
      />
    </>
  );
}

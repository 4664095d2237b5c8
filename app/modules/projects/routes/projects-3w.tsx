import { useTranslation } from "react-i18next";
import { KeptSection } from "#app/components/kept-section.tsx";
import { data, Form, Link } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { ListPagination } from "#app/components/pagination.tsx";
import { collatorFor } from "#app/i18n/collation.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { NATIONAL_MAP_FRAME } from "#app/modules/municipalities/map-frames.ts";
import { FILTERS_FORM_CLASS, ProjectFilterFields } from "../components/project-filters.tsx";
import { ProjectsSummary, ProjectsTable } from "../components/projects-table.tsx";
import { MapPart, PerMemberPart, TimelinePart, UnfundedPart } from "../components/threew-parts.tsx";
import { keptMarkup } from "#app/services/kept-markup.server.tsx";
import { loadCoordinationView, readThreeWGenerations, UNFUNDED_PER_PLAN } from "../coordination.queries.server.ts";
import { keptThreeWPage } from "../threew-kept.server.ts";
import { loadProjectedOutlines } from "#app/modules/municipalities/projected-outlines.server.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { parseProjectFilter, PROJECTS_PAGE_SIZE, type ProjectFilter } from "../projects.schema.ts";
import { filterOptions, summaryOf, tableRows } from "../public-view.server.ts";
import { formatMoney, namesFor, projectsTranslator, textOf } from "../projects.view.server.ts";
import type { Route } from "./+types/projects-3w";

/** Colour class of a municipality by its number of projects (0 = none, hatched). */
function countClass(count: number, max: number): number {
  if (count === 0) return 0;
  if (max <= 1) return 3;
  return Math.min(5, 1 + Math.floor((4 * (count - 1)) / Math.max(1, max - 1)));
}

const TIMELINE = { width: 640, height: 220, left: 44, bottom: 28, top: 12 };

/** The filter's fields in a fixed order, without the page: the base of every link the page makes. */
function filterQuery(filter: ProjectFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ["sector", "municipality", "community", "donor", "year", "status"] as const) {
    const value = filter[key];
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  return query;
}

/**
 * The coordination view: who does what where, for the filters. One statement per request: the
 * generations of everything the page shows; the page (its parts as HTML, the table's rows) is built
 * once per language, filter and page of the table and kept until a write bumps one of them
 * (decision 064).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const filter = parseProjectFilter(new URL(request.url).searchParams);
  const generations = await readThreeWGenerations(context.db);
  const query = filterQuery(filter);
  return keptThreeWPage(context.db, generations, `${locale}?${query.toString()}#${filter.page}`, () =>
    buildThreeW(context.db, locale, filter, query),
  );
}

/**
 * The page's loader data, from the figures (decision 022), the reference lists and the outlines:
 * three statements. Every figure and label is made here (decision 010); the parts that show figures
 * only, the unfunded measures and the filters' fields are rendered to HTML (decision 057).
 */
async function buildThreeW(
  db: Route.LoaderArgs["context"]["db"],
  locale: Locale,
  filter: ProjectFilter,
  query: URLSearchParams,
) {
  const [view, choices, outlines] = await Promise.all([
    loadCoordinationView(db, filter),
    loadProjectChoices(db, { measures: "none", organisations: false }),
    loadProjectedOutlines(db, NATIONAL_MAP_FRAME),
  ]);
  const t = projectsTranslator(locale);
  const names = namesFor(choices, locale);
  const number = (n: number) => formatNumber(n, locale);
  const euro = (n: number | null) => formatMoney(n, "EUR", locale) ?? t("table.noBudget");
  const byKas = new Map(view.byMunicipality.map((m) => [m.kasCode, m]));
  const max = Math.max(0, ...view.byMunicipality.map((m) => m.projects));
  const areas = outlines.map((shape) => {
    const figures = byKas.get(shape.kasCode);
    const name = names.municipality(shape.kasCode);
    const next = new URLSearchParams(query);
    next.set("municipality", shape.kasCode);
    return {
      kasCode: shape.kasCode,
      path: shape.path,
      href: `/${locale}/projects/3w?${next.toString()}`,
      colourClass: countClass(figures?.projects ?? 0, max),
      label: figures
        ? t("threeW.map.areaLabel", {
            name,
            count: figures.projects,
            countText: number(figures.projects),
            amount: euro(figures.amount),
          })
        : t("threeW.map.areaLabelNone", { name }),
    };
  });
  const municipalityRows = view.byMunicipality
    .map((m) => {
      const next = new URLSearchParams(query);
      next.set("municipality", m.kasCode);
      return {
        kasCode: m.kasCode,
        href: `/${locale}/projects/3w?${next.toString()}`,
        name: names.municipality(m.kasCode),
        projects: number(m.projects),
        amount: euro(m.amount),
        sort: m.amount ?? -1,
      };
    })
    .sort((a, b) => b.sort - a.sort || collatorFor(locale).compare(a.name, b.name))
    .map(({ sort: _sort, ...row }) => row);
  // Funding per member as a matrix (a row per municipality, a column per community): a few hundred
  // cells instead of a few hundred five-column rows, which kept the page small (decision 022).
  const majority = new Set(choices.communities.filter((c) => c.isMajority).map((c) => c.code));
  const memberFigures = view.perMember.filter((m) => !majority.has(m.community));
  const present = new Set(memberFigures.map((m) => m.community));
  const memberCommunities = choices.communities
    .filter((c) => present.has(c.code))
    .map((c) => ({ code: c.code, name: names.community(c.code) }));
  const byCell = new Map(memberFigures.map((m) => [`${m.kasCode}/${m.community}`, m]));
  const perMember = {
    communities: memberCommunities,
    rows: [...new Set(memberFigures.map((m) => m.kasCode))]
      .map((kasCode) => ({
        kasCode,
        municipality: names.municipality(kasCode),
        cells: memberCommunities.map((c) => {
          const m = byCell.get(`${kasCode}/${c.code}`);
          if (!m) return "–";
          if (m.population <= 0) return t("threeW.perMember.noMembers");
          return m.amount === null ? t("table.noBudget") : (formatMoney(m.amount / m.population, "EUR", locale) ?? "");
        }),
      }))
      .sort((a, b) => collatorFor(locale).compare(a.municipality, b.municipality)),
  };
  const years = view.timeline;
  const maxProjects = Math.max(1, ...years.map((y) => y.projects));
  const plotWidth = TIMELINE.width - TIMELINE.left - 8;
  const plotHeight = TIMELINE.height - TIMELINE.bottom - TIMELINE.top;
  const barWidth = years.length ? plotWidth / years.length : 0;
  const timeline = years.map((y, i) => {
    const height = (y.projects / maxProjects) * plotHeight;
    return {
      year: String(y.year),
      x: TIMELINE.left + i * barWidth + barWidth * 0.1,
      width: barWidth * 0.8,
      y: TIMELINE.top + plotHeight - height,
      height,
      showYear: years.length <= 16 || i % Math.ceil(years.length / 16) === 0,
      projects: number(y.projects),
      commitments: euro(y.commitments),
      disbursements: euro(y.disbursements),
      label: t("threeW.timeline.barLabel", { year: String(y.year), count: y.projects, countText: number(y.projects) }),
    };
  });
  const plans = new Map<
    string,
    {
      title: LocalizedText;
      measures: { id: number; code: string; title: LocalizedText }[];
      unfunded: number;
      more: string | null;
    }
  >();
  for (const m of view.unfundedMeasures) {
    const rest = m.planUnfunded - UNFUNDED_PER_PLAN;
    const plan = plans.get(m.planCode) ?? {
      title: textOf(m.planTitle, locale),
      measures: [],
      unfunded: m.planUnfunded,
      more: rest > 0 ? t("threeW.unfunded.more", { count: rest, countText: number(rest) }) : null,
    };
    plan.measures.push({ id: m.id, code: m.code, title: textOf(m.title, locale) });
    plans.set(m.planCode, plan);
  }
  const morePlans = (view.unfundedMeasures[0]?.plansUnfunded ?? 0) - plans.size;
  const filters = filterOptions(choices, view, filter, locale);
  return {
    // The form itself is rendered per request (its action is the current address); its fields once per content.
    filters: {
      values: filters.values,
      fields: keptMarkup("filters", locale, { options: filters }, ProjectFilterFields),
    },
    summary: summaryOf(view, locale),
    page: filter.page,
    // The figures-only parts as HTML (rendered once per content, decision 057): their data is not
    // sent a second time as loader data.
    parts: {
      map: keptMarkup("map", locale, { areas, legendMax: number(max), municipalityRows }, MapPart),
      perMember: keptMarkup("per-member", locale, perMember, PerMemberPart),
      timeline: keptMarkup(
        "timeline",
        locale,
        { bars: timeline, maxText: number(maxProjects), ...TIMELINE },
        TimelinePart,
      ),
      unfunded: keptMarkup(
        "unfunded",
        locale,
        {
          plans: [...plans.entries()].map(([code, plan]) => ({ code, ...plan })),
          morePlans:
            morePlans > 0 ? t("threeW.unfunded.morePlans", { count: morePlans, countText: number(morePlans) }) : null,
        },
        UnfundedPart,
      ),
    },
    rows: tableRows(view, choices, locale),
  };
}

export default function ProjectsThreeW({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const { summary } = loaderData;
  return (
    <>
      <PageTitle title={t("threeW.title")} />
      <PageHeader title={t("threeW.title")} lead={t("threeW.lead")} />
      <p className="mb-4">
        <Link to={`/${params.lang}/projects`}>{t("threeW.listLink")}</Link>
      </p>
      <Form
        method="get"
        key={JSON.stringify(loaderData.filters.values)}
        className={FILTERS_FORM_CLASS}
        dangerouslySetInnerHTML={{ __html: loaderData.filters.fields }}
      />
      <ProjectsSummary summary={summary} className="mb-6 text-lg" otherCurrency />

      {/* Rendered by the loader once per content and kept (decisions 057, 064). */}
      <KeptSection headingId="map-heading" className="mb-10" html={loaderData.parts.map} />
      <KeptSection headingId="per-member-heading" className="mb-10" html={loaderData.parts.perMember} />
      <KeptSection headingId="timeline-heading" className="mb-10" html={loaderData.parts.timeline} />

      <KeptSection headingId="unfunded-heading" className="mb-10" html={loaderData.parts.unfunded} />

      <section aria-labelledby="table-heading">
        <h2 id="table-heading" className="mb-3">
          {t("threeW.table.heading")}
        </h2>
        <ProjectsTable rows={loaderData.rows} caption={t("threeW.table.caption")} />
        <ListPagination
          list={{ page: loaderData.page, total: summary.total, totalLabel: summary.totalText }}
          pageSize={PROJECTS_PAGE_SIZE}
        />
      </section>
    </>
  );
}

import { useTranslation } from "react-i18next";
import { data, Link, useLocation } from "react-router";
import { PageHeader } from "#app/components/page-header.tsx";
import { PageTitle } from "#app/components/page-title.tsx";
import { Translated } from "#app/components/translated.tsx";
import { Pagination } from "#app/components/pagination.tsx";
import { collatorFor } from "#app/i18n/collation.ts";
import { formatNumber } from "#app/i18n/format.ts";
import { isLocale } from "#app/i18n/locales.ts";
import type { LocalizedText } from "#app/i18n/translated-text.ts";
import { NATIONAL_MAP_FRAME } from "#app/modules/municipalities/map-frames.ts";
import { ProjectFilters } from "../components/project-filters.tsx";
import { ProjectsTable } from "../components/projects-table.tsx";
import { MapPart, PerMemberPart, TimelinePart } from "../components/threew-parts.tsx";
import { keptMarkup } from "#app/services/kept-markup.server.tsx";
import { loadCoordinationView, UNFUNDED_PER_PLAN } from "../coordination.queries.server.ts";
import { loadProjectedOutlines } from "#app/modules/municipalities/projected-outlines.server.ts";
import { loadProjectChoices } from "../projects.queries.server.ts";
import { parseProjectFilter, PROJECTS_PAGE_SIZE } from "../projects.schema.ts";
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

/**
 * The coordination view: who does what where, for the filters. Every figure and label is made
 * here (decision 010); the component only lays them out. Three queries whatever the data size.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  if (!isLocale(params.lang)) throw data(null, { status: 404 });
  const locale = params.lang;
  const filter = parseProjectFilter(new URL(request.url).searchParams);
  const [view, choices, outlines] = await Promise.all([
    loadCoordinationView(context.db, filter),
    loadProjectChoices(context.db, { measures: "none", organisations: false }),
    loadProjectedOutlines(context.db, NATIONAL_MAP_FRAME),
  ]);
  const t = projectsTranslator(locale);
  const names = namesFor(choices, locale);
  const number = (n: number) => formatNumber(n, locale);
  const euro = (n: number | null) => formatMoney(n, "EUR", locale) ?? t("table.noBudget");
  const byKas = new Map(view.byMunicipality.map((m) => [m.kasCode, m]));
  const max = Math.max(0, ...view.byMunicipality.map((m) => m.projects));
  const query = new URLSearchParams(new URL(request.url).search);
  query.delete("page");
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
  return {
    filters: filterOptions(choices, view, filter, locale),
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
    },
    unfunded: [...plans.entries()].map(([code, plan]) => ({ code, ...plan })),
    morePlans:
      morePlans > 0 ? t("threeW.unfunded.morePlans", { count: morePlans, countText: number(morePlans) }) : null,
    rows: tableRows(view, choices, locale),
  };
}

export default function ProjectsThreeW({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation("projects");
  const location = useLocation();
  const { summary } = loaderData;
  return (
    <>
      <PageTitle title={t("threeW.title")} />
      <PageHeader title={t("threeW.title")} lead={t("threeW.lead")} />
      <p className="mb-4">
        <Link to={`/${params.lang}/projects`}>{t("threeW.listLink")}</Link>
      </p>
      <ProjectFilters options={loaderData.filters} />
      <p className="mb-6 text-lg" role="status">
        {t("summary", {
          count: summary.total,
          countText: summary.totalText,
          budget: summary.budget ?? t("table.noBudget"),
        })}
        {summary.otherCurrency > 0
          ? ` ${t("summaryOtherCurrency", { count: summary.otherCurrency, countText: summary.otherCurrencyText })}`
          : null}
      </p>

      {/* Figures only, rendered by the loader once per content and kept (decision 057). */}
      <section
        aria-labelledby="map-heading"
        className="mb-10"
        dangerouslySetInnerHTML={{ __html: loaderData.parts.map }}
      />
      <section
        aria-labelledby="per-member-heading"
        className="mb-10"
        dangerouslySetInnerHTML={{ __html: loaderData.parts.perMember }}
      />
      <section
        aria-labelledby="timeline-heading"
        className="mb-10"
        dangerouslySetInnerHTML={{ __html: loaderData.parts.timeline }}
      />

      <section aria-labelledby="unfunded-heading" className="mb-10">
        <h2 id="unfunded-heading">{t("threeW.unfunded.heading")}</h2>
        <p className="mt-1 mb-3 text-sm text-slate-700">{t("threeW.unfunded.hint")}</p>
        {loaderData.unfunded.length === 0 ? <p>{t("threeW.unfunded.none")}</p> : null}
        {loaderData.unfunded.map((plan) => (
          <div key={plan.code} className="mb-4">
            <h3>
              <Translated value={plan.title} />
            </h3>
            <ul className="list-disc ps-5">
              {plan.measures.map((m) => (
                <li key={m.id}>
                  {m.code} <Translated value={m.title} />
                </li>
              ))}
            </ul>
            {plan.more ? <p className="mt-1 text-sm text-slate-700">{plan.more}</p> : null}
          </div>
        ))}
        {loaderData.morePlans ? <p className="text-sm text-slate-700">{loaderData.morePlans}</p> : null}
      </section>

      <section aria-labelledby="table-heading">
        <h2 id="table-heading" className="mb-3">
          {t("threeW.table.heading")}
        </h2>
        <ProjectsTable rows={loaderData.rows} caption={t("threeW.table.caption")} />
        <Pagination
          page={loaderData.page}
          pageSize={PROJECTS_PAGE_SIZE}
          total={summary.total}
          totalLabel={summary.totalText}
          search={location.search}
        />
      </section>
    </>
  );
}

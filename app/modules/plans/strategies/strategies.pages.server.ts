import type { Kysely } from "kysely";
import type { ContentLocale, Database, TranslatedText } from "#app/db/schema.ts";
import { formatDate, formatDateTime, formatNumber, formatPercentValue } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import type { LocalPlansSectionView } from "#app/services/page-sections.ts";
import { groupBy } from "#app/services/group-by.ts";
import { listDisputes } from "#app/modules/reporting/reporting.queries.server.ts";
import {
  approvedFiguresOf,
  indicatorActuals,
  loadApprovedFigures,
  loadMeasureHistory,
  EMPTY_PLAN_FIGURES,
  loadStrategyFigures,
  measureStatus,
  planFiguresOf,
  progressOf,
  spentOf,
  type ApprovedFigures,
  type PlanFigures,
  type ObjectiveRow,
  type SectorBudgetRow,
  type StrategyMeasure,
} from "../progress.server.ts";
import { renderLineChart, renderStackedColumnChart } from "./strategies.charts.server.ts";
import {
  getPublicMeasure,
  getPublicPlan,
  getPublicStrategy,
  listImplementingMeasures,
  listMeasureRows,
  listMunicipalityPlans,
  listPublicStrategies,
  type MeasureListRow,
  type PlanSummary,
} from "../strategies.queries.server.ts";
import { MEASURES_PAGE_SIZE, OBJECTIVES_ALL_LIMIT } from "./strategies.schema.ts";
import { strategiesTranslator } from "./strategies.translator.server.ts";
import { progressBarView } from "./progress-bar-view.ts";
import {
  formatEuro,
  measureFigureLabels,
  municipalityView,
  organisationView,
  periodLabel,
  progressView,
  spentView,
} from "./strategies.view.server.ts";

/*
 * The view models of the public strategy pages: each function reads what its page shows in a
 * constant number of queries (see the query count in each doc comment) and returns strings
 * already formatted for the reader (decision 010). Routes only parse parameters and call these.
 */

type Db = Kysely<Database>;

/**
 * What the pages derive from one plan's kept figures (decision 054): the sectors with their
 * formatted budgets and the budget chart, the plan's progress. The kept `PlanFigures` object is
 * replaced by a new one whenever a write bumps the figures' generation (decision 044), so views
 * kept with it can never outlive the figures they were computed from; they are computed once per
 * generation, language and plan instead of on every request. The approved figures they were
 * computed with are kept beside them: a request holding other figures (the measure page adds
 * indicator values) computes its own.
 */
const keptViews = new WeakMap<PlanFigures, { figures: ApprovedFigures; views: Map<string, unknown> }>();

function keptView<T>(plan: PlanFigures, figures: ApprovedFigures, key: string, compute: () => T): T {
  let kept = keptViews.get(plan);
  if (!kept || kept.figures !== figures) {
    kept = { figures, views: new Map() };
    keptViews.set(plan, kept);
  }
  if (kept.views.has(key)) return kept.views.get(key) as T;
  const view = compute();
  kept.views.set(key, view);
  return view;
}

/** A plan's progress over all its measures, once per generation and language. */
function planProgressView(plan: PlanFigures, figures: ApprovedFigures, locale: Locale) {
  return keptView(plan, figures, `progress|${locale}`, () => progressView(progressOf(figures, plan.measures), locale));
}

/** The sectors section of a plan, once per generation, language and period shown. */
function keptSectorsView(
  locale: Locale,
  plan: PlanFigures,
  figures: ApprovedFigures,
  period: { start: number; end: number },
) {
  return keptView(plan, figures, `sectors|${locale}|${period.start}|${period.end}`, () =>
    sectorsView(locale, plan.sectorBudgets, plan.measures, figures, period),
  );
}

/**
 * The lookups the pages make in a plan's measures and objectives, derived once per generation (decision 059):
 * the measures of each sector in plan order (a sector's pages of the measures table), the measures of each
 * objective and sector (the objectives table), the objectives of each sector and how many objectives there
 * are. Before, every request filtered or grouped the plan's 2,000 measures again. Kept in a `WeakMap` keyed by
 * the kept `PlanFigures` object, which a write bumping the figures' generation replaces (decision 044), so an
 * index never outlives the figures it was derived from; it holds nothing those figures do not hold.
 */
interface PlanIndex {
  orderBySector: Map<string, { id: number; sectorCode: string }[]>;
  measuresByObjective: Map<string, StrategyMeasure[]>;
  objectivesBySector: Map<string, ObjectiveRow[]>;
  objectiveCount: number;
}

const planIndexes = new WeakMap<PlanFigures, PlanIndex>();

function planIndex(plan: PlanFigures): PlanIndex {
  let index = planIndexes.get(plan);
  if (!index) {
    index = {
      orderBySector: groupBy(plan.order, (m) => m.sectorCode),
      // An objective spanning sectors has one row per sector, each with its measures in that sector (decision 045).
      measuresByObjective: groupBy(plan.measures, (m) => `${m.objectiveId}|${m.sectorCode}`),
      objectivesBySector: groupBy(plan.objectives, (o) => o.sectorCode),
      objectiveCount: new Set(plan.objectives.map((o) => o.id)).size,
    };
    planIndexes.set(plan, index);
  }
  return index;
}

function planLink(locale: Locale, strategySlug: string, code: string): string {
  return `/${locale}/strategies/${strategySlug}/plans/${encodeURIComponent(code)}`;
}

/** A link to a measure's public page with its code and title (the national measure a local one implements). */
function measureLink(locale: Locale, measure: { id: number; code: string; title: TranslatedText }) {
  return { href: `/${locale}/measures/${measure.id}`, code: measure.code, title: localize(measure.title, locale) };
}

/** A link to a strategy's public page with its title. */
function strategyLink(
  locale: Locale,
  strategy: { slug: string; title: TranslatedText; originalLocale: ContentLocale },
) {
  return {
    href: `/${locale}/strategies/${strategy.slug}`,
    title: localize(strategy.title, locale, strategy.originalLocale),
  };
}

/** A plan's summary; with `withProgress`, its progress from the kept figures. */
function planSummaryView(
  plan: PlanSummary,
  strategySlug: string,
  locale: Locale,
  figures: ApprovedFigures,
  kept: PlanFigures,
  withProgress: boolean,
) {
  return {
    id: plan.id,
    code: plan.code,
    kind: plan.kind,
    href: planLink(locale, strategySlug, plan.code),
    title: localize(plan.title, locale, plan.originalLocale),
    municipality: plan.municipality ? municipalityView(plan.municipality, locale) : null,
    period: periodLabel(plan.periodStartYear, plan.periodEndYear),
    status: plan.status,
    isDemo: plan.isDemo,
    measureCount: kept.measureCount,
    ...measureFigureLabels(kept.measureCount, kept.planned, locale),
    progress: withProgress ? planProgressView(kept, figures, locale) : progressView({ kind: "not_reported" }, locale),
  };
}

/**
 * The strategies list: every public strategy with its plans, measures, planned budget and progress.
 * 2 queries (the figures kept until a write: decision 044).
 */
export async function strategiesListPage(db: Db, locale: Locale) {
  const strategies = await listPublicStrategies(db);
  const kept = await loadStrategyFigures(
    db,
    strategies.flatMap((s) => s.plans.map((p) => p.id)),
  );
  const { figures } = kept;
  return {
    strategies: strategies.map((s) => {
      const nationalPlan = s.plans.find((p) => p.kind === "national");
      const measures = s.plans.reduce((sum, p) => sum + planFiguresOf(kept, p.id).measureCount, 0);
      const planned = s.plans.reduce((sum, p) => sum + planFiguresOf(kept, p.id).planned, 0);
      return {
        slug: s.slug,
        href: `/${locale}/strategies/${s.slug}`,
        title: localize(s.title, locale, s.originalLocale),
        owner: organisationView(s.owner, locale),
        period: periodLabel(s.periodStartYear, s.periodEndYear),
        status: s.status,
        isDemo: s.isDemo,
        planCount: s.plans.length,
        planCountLabel: formatNumber(s.plans.length, locale),
        localPlanCount: s.plans.filter((p) => p.kind === "local").length,
        ...measureFigureLabels(measures, planned, locale),
        progress: planProgressView(
          nationalPlan ? planFiguresOf(kept, nationalPlan.id) : EMPTY_PLAN_FIGURES,
          figures,
          locale,
        ),
      };
    }),
  };
}

/** Sectors of a plan: measures, planned budget, spent and progress per sector, and the budget chart. */
function sectorsView(
  locale: Locale,
  budgets: readonly SectorBudgetRow[],
  weights: readonly StrategyMeasure[],
  figures: ApprovedFigures,
  period: { start: number; end: number },
) {
  const t = strategiesTranslator(locale);
  const bySector = groupBy(weights, (w) => w.sectorCode);
  const sectors = new Map<
    string,
    { code: string; name: string; lang: string; byYear: Map<number, number>; planned: number }
  >();
  for (const row of budgets) {
    let sector = sectors.get(row.sectorCode);
    if (!sector) {
      const name = localize(row.sectorName, locale);
      sector = {
        code: row.sectorCode,
        name: name?.text ?? row.sectorCode,
        lang: name?.lang ?? locale,
        byYear: new Map(),
        planned: 0,
      };
      sectors.set(row.sectorCode, sector);
    }
    if (row.year !== null) sector.byYear.set(row.year, (sector.byYear.get(row.year) ?? 0) + row.planned);
    sector.planned += row.planned;
  }
  const budgetYears = budgets.flatMap((b) => (b.year === null ? [] : [b.year]));
  const first = Math.min(period.start, ...budgetYears);
  const last = Math.max(period.end, ...budgetYears);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const list = [...sectors.values()];
  const chartTitle = t("sectors.chartTitle");
  const largest = [...list].sort((a, b) => b.planned - a.planned)[0];
  const chartSvg =
    list.length > 0
      ? renderStackedColumnChart({
          title: chartTitle,
          description: largest
            ? t("sectors.chartDescription", { sector: largest.name, amount: formatEuro(largest.planned, locale) })
            : undefined,
          categories: years.map(String),
          series: list.map((s) => ({ name: s.name, values: years.map((y) => s.byYear.get(y) ?? 0) })),
          locale,
        })
      : null;
  const yearTotals = years.map((y) => list.reduce((sum, s) => sum + (s.byYear.get(y) ?? 0), 0));
  return {
    years,
    chart: chartSvg ? { title: chartTitle, svg: chartSvg } : null,
    totalsByYear: yearTotals.map((v) => formatEuro(v, locale)),
    totalPlanned: formatEuro(
      list.reduce((sum, s) => sum + s.planned, 0),
      locale,
    ),
    rows: list.map((s) => {
      const inSector = bySector.get(s.code) ?? [];
      return {
        code: s.code,
        name: s.name,
        lang: s.lang,
        ...measureFigureLabels(inSector.length, s.planned, locale),
        byYear: years.map((y) => formatEuro(s.byYear.get(y) ?? 0, locale)),
        spent: spentView(
          spentOf(
            figures,
            inSector.map((w) => w.id),
          ),
          locale,
        ),
        progress: progressView(progressOf(figures, inSector), locale),
      };
    }),
  };
}

function measureRowView(locale: Locale, row: MeasureListRow, figures: ApprovedFigures) {
  return {
    id: row.id,
    href: `/${locale}/measures/${row.id}`,
    code: row.code,
    title: localize(row.title, locale, row.originalLocale),
    sectorCode: row.sectorCode,
    responsible: organisationView(row.responsible, locale),
    periodLabel: `${formatDate(row.startDate, locale)} – ${formatDate(row.endDate, locale)}`,
    plannedLabel: formatEuro(row.planned, locale),
    spent: spentView(spentOf(figures, [row.id]), locale),
    status: measureStatus(figures, row.id),
    isDemo: row.isDemo,
    implements: row.implements ? measureLink(locale, row.implements) : null,
  };
}

/** One page of a plan's measures (of one sector, when asked), chosen from the plan order kept with the figures. One query. */
async function measuresPage(
  db: Db,
  plan: PlanFigures,
  query: { page: number; sector?: string },
): Promise<{ rows: MeasureListRow[]; total: number }> {
  const inScope = query.sector ? (planIndex(plan).orderBySector.get(query.sector) ?? []) : plan.order;
  const start = (query.page - 1) * MEASURES_PAGE_SIZE;
  const rows = await listMeasureRows(
    db,
    inScope.slice(start, start + MEASURES_PAGE_SIZE).map((m) => m.id),
  );
  return { rows, total: inScope.length };
}

/** The measures table of a plan: one page, the sector filter, the total. */
function measuresTableView(
  locale: Locale,
  measures: { rows: MeasureListRow[]; total: number },
  figures: ApprovedFigures,
  query: { page: number; sector?: string },
  sectorCodes: string[],
) {
  return {
    page: query.page,
    pageSize: MEASURES_PAGE_SIZE,
    sector: query.sector && sectorCodes.includes(query.sector) ? query.sector : null,
    total: measures.total,
    totalLabel: formatNumber(measures.total, locale),
    rows: measures.rows.map((row) => measureRowView(locale, row, figures)),
  };
}

/**
 * The strategy page: the strategy, its documents, its national plan's sectors (budget chart,
 * progress), objectives and a page of measures, its local plans and its published reports.
 * 3 queries whatever the size: the strategy, the generation of the kept figures (decision 044),
 * the page of measures.
 */
export async function strategyPage(db: Db, locale: Locale, slug: string, query: { page: number; sector?: string }) {
  const strategy = await getPublicStrategy(db, slug);
  if (!strategy) return null;
  const national = strategy.plans.find((p) => p.kind === "national") ?? null;
  const sector = query.sector;
  const kept = await loadStrategyFigures(
    db,
    strategy.plans.map((p) => p.id),
  );
  const { figures } = kept;
  const nationalFigures = national ? planFiguresOf(kept, national.id) : null;
  const objectives = nationalFigures?.objectives ?? [];
  const measures = nationalFigures
    ? await measuresPage(db, nationalFigures, { page: query.page, sector })
    : { rows: [], total: 0 };
  const index = planIndex(nationalFigures ?? EMPTY_PLAN_FIGURES);
  const sectors = keptSectorsView(locale, nationalFigures ?? EMPTY_PLAN_FIGURES, figures, {
    start: strategy.periodStartYear,
    end: strategy.periodEndYear,
  });
  const sectorCodes = sectors.rows.map((s) => s.code);
  // A large plan lists its objectives one sector at a time (the sectors table carries the totals).
  const sectorShown = sector && sectorCodes.includes(sector) ? sector : null;
  const objectivesShown = sectorShown
    ? (index.objectivesBySector.get(sectorShown) ?? [])
    : objectives.length <= OBJECTIVES_ALL_LIMIT
      ? objectives
      : [];
  return {
    slug: strategy.slug,
    title: localize(strategy.title, locale, strategy.originalLocale),
    summary: localize(strategy.summary, locale, strategy.originalLocale),
    period: periodLabel(strategy.periodStartYear, strategy.periodEndYear),
    status: strategy.status,
    isDemo: strategy.isDemo,
    owner: organisationView(strategy.owner, locale),
    progress: planProgressView(nationalFigures ?? EMPTY_PLAN_FIGURES, figures, locale),
    documents: strategy.documents.map((d) => ({
      id: d.id,
      title: localize(d.title, locale),
      href: d.fileId ? `/files/${d.fileId}` : (d.url ?? ""),
      languageTag: d.locale,
    })),
    national: national
      ? {
          ...planSummaryView(national, strategy.slug, locale, figures, planFiguresOf(kept, national.id), true),
          downloadHref: `/${locale}/downloads/plans/${encodeURIComponent(national.code)}/measures`,
        }
      : null,
    sectors,
    objectivesChoice:
      objectivesShown.length === 0 && objectives.length > 0
        ? {
            totalLabel: formatNumber(index.objectiveCount, locale),
            sectors: sectors.rows.map((s) => ({
              code: s.code,
              name: s.name,
              lang: s.lang,
              href: `?sector=${encodeURIComponent(s.code)}#objectives-heading`,
              countLabel: formatNumber(index.objectivesBySector.get(s.code)?.length ?? 0, locale),
            })),
          }
        : null,
    objectives: objectivesShown.map((o) => {
      const inObjective = index.measuresByObjective.get(`${o.id}|${o.sectorCode}`) ?? [];
      return {
        id: o.id,
        key: `${o.id}-${o.sectorCode}`,
        code: o.code,
        title: localize(o.title, locale),
        sectorCode: o.sectorCode,
        ...measureFigureLabels(
          inObjective.length,
          inObjective.reduce((s, w) => s + w.planned, 0),
          locale,
        ),
        progress: progressView(progressOf(figures, inObjective), locale),
      };
    }),
    measures: measuresTableView(locale, measures, figures, query, sectorCodes),
    sectorFilter: sectors.rows.map((s) => ({ code: s.code, name: s.name, lang: s.lang })),
    // Only what the local plans table shows (decision 059): the loader's data is encoded on every request.
    localPlans: strategy.plans
      .filter((p) => p.kind === "local")
      .map((p) => {
        const planFigures = planFiguresOf(kept, p.id);
        return {
          code: p.code,
          href: planLink(locale, strategy.slug, p.code),
          title: localize(p.title, locale, p.originalLocale),
          municipality: p.municipality ? municipalityView(p.municipality, locale) : null,
          isDemo: p.isDemo,
          ...measureFigureLabels(planFigures.measureCount, planFigures.planned, locale),
        };
      }),
    reports: strategy.reports.map((r) => ({
      id: r.id,
      href: `/${locale}/library/${r.slug}`,
      title: localize(r.title, locale, r.originalLocale),
      publishedLabel: r.publishedAt ? formatDate(r.publishedAt, locale) : null,
    })),
  };
}

/**
 * A plan page (a local plan, or the national plan in full): its sectors and a page of its
 * measures. 3 queries whatever the size: the plan, the generation of the kept figures, the page.
 */
export async function planPage(
  db: Db,
  locale: Locale,
  slug: string,
  code: string,
  query: { page: number; sector?: string },
) {
  const plan = await getPublicPlan(db, slug, code);
  if (!plan) return null;
  const kept = await loadStrategyFigures(db, [plan.id]);
  const { figures } = kept;
  const planFigures = planFiguresOf(kept, plan.id);
  const measures = await measuresPage(db, planFigures, query);
  const sectors = keptSectorsView(locale, planFigures, figures, {
    start: plan.periodStartYear,
    end: plan.periodEndYear,
  });
  return {
    ...planSummaryView(plan, slug, locale, figures, planFigures, true),
    strategy: strategyLink(locale, plan.strategy),
    sectors,
    measures: measuresTableView(
      locale,
      measures,
      figures,
      query,
      sectors.rows.map((s) => s.code),
    ),
    sectorFilter: sectors.rows.map((s) => ({ code: s.code, name: s.name, lang: s.lang })),
    downloadHref: `/${locale}/downloads/plans/${encodeURIComponent(plan.code)}/measures`,
  };
}

const UNIT_FORMAT: Record<string, Intl.NumberFormatOptions> = {
  count: { maximumFractionDigits: 0 },
  percent: { maximumFractionDigits: 1 },
  amount: { maximumFractionDigits: 0 },
  number: { maximumFractionDigits: 2 },
};

/** A value of an indicator in its unit, by the locale's formatter ("45", "12.5%", "€3,000"; "12,5%", "3.000 €" in Serbian). */
export function formatIndicatorValue(value: number, unit: string, locale: Locale): string {
  if (unit === "amount") return formatEuro(value, locale);
  if (unit === "percent") return formatPercentValue(value, locale, UNIT_FORMAT.percent!.maximumFractionDigits);
  return formatNumber(value, locale, UNIT_FORMAT[unit] ?? {});
}

/**
 * The measure page: description, institutions, communities, budget by year and source, indicators
 * (baseline, targets, reported actual values as a chart, by community where disaggregated), the
 * national measure it implements and the local measures implementing it (with their approved
 * status), the history per reporting cycle and the disputes raised by civil society. 6 queries.
 */
export async function measurePage(db: Db, locale: Locale, measureId: number) {
  const measure = await getPublicMeasure(db, measureId);
  if (!measure) return null;
  const t = strategiesTranslator(locale);
  const [figures, implementing, history, disputes] = await Promise.all([
    loadApprovedFigures(db, [measure.plan.id], { indicatorsOfMeasures: [measure.id] }),
    measure.plan.kind === "national" ? listImplementingMeasures(db, measure.id) : Promise.resolve([]),
    loadMeasureHistory(db, measure.id),
    listDisputes(db, { measureIds: [measure.id] }, locale),
  ]);
  const indicatorCode = new Map(
    measure.indicators.map((i) => [
      i.id,
      `${i.code} — ${localize(i.name, locale, measure.originalLocale)?.text ?? ""}`,
    ]),
  );
  const communityName = new Map(measure.communities.map((c) => [c.code, localize(c.name, locale)?.text ?? c.code]));
  const years = [...new Set(measure.budget.map((b) => b.year))].sort((a, b) => a - b);
  const sources = (["government", "municipality", "donor"] as const).filter((s) =>
    measure.budget.some((b) => b.source === s),
  );
  const amount = (year: number, source: string) =>
    measure.budget.find((b) => b.year === year && b.source === source)?.amount ?? 0;
  const total = measure.budget.reduce((s, b) => s + b.amount, 0);
  const title = localize(measure.title, locale, measure.originalLocale);
  return {
    id: measure.id,
    code: measure.code,
    title,
    description: localize(measure.description, locale, measure.originalLocale),
    isDemo: measure.isDemo,
    periodLabel: `${formatDate(measure.startDate, locale)} – ${formatDate(measure.endDate, locale)}`,
    startDate: measure.startDate,
    endDate: measure.endDate,
    status: measureStatus(figures, measure.id),
    strategy: strategyLink(locale, measure.strategy),
    plan: {
      href: planLink(locale, measure.strategy.slug, measure.plan.code),
      code: measure.plan.code,
      kind: measure.plan.kind,
      title: localize(measure.plan.title, locale),
      municipality: measure.plan.municipality ? municipalityView(measure.plan.municipality, locale) : null,
    },
    objective: { code: measure.objective.code, title: localize(measure.objective.title, locale) },
    sector: localize(measure.sector.name, locale),
    responsible: organisationView(measure.responsible, locale),
    supporting: measure.supporting.map((o) => organisationView(o, locale)),
    communities: measure.communities.map((c) => ({ code: c.code, name: localize(c.name, locale) })),
    budget: {
      years,
      sources,
      rows: years.map((year) => ({
        year,
        cells: sources.map((s) => formatEuro(amount(year, s), locale)),
        total: formatEuro(
          sources.reduce((sum, s) => sum + amount(year, s), 0),
          locale,
        ),
      })),
      sourceTotals: sources.map((s) =>
        formatEuro(
          measure.budget.filter((b) => b.source === s).reduce((sum, b) => sum + b.amount, 0),
          locale,
        ),
      ),
      totalLabel: formatEuro(total, locale),
      spent: spentView(spentOf(figures, [measure.id]), locale),
    },
    implements: measure.implements ? measureLink(locale, measure.implements) : null,
    implementing: implementing.map((m) => ({
      id: m.id,
      href: `/${locale}/measures/${m.id}`,
      code: m.code,
      title: localize(m.title, locale, m.originalLocale),
      municipality: municipalityView(m.municipality, locale),
      planHref: planLink(locale, m.strategySlug, m.planCode),
      responsible: organisationView(m.responsible, locale),
      plannedLabel: formatEuro(m.planned, locale),
      status: measureStatus(figures, m.id),
      isDemo: m.isDemo,
    })),
    history: history.map((h) => ({
      cycleId: h.cycleId,
      cycleLabel: h.cycleLabel,
      periodLabel: `${formatDate(h.periodStart, locale)} – ${formatDate(h.periodEnd, locale)}`,
      status: h.approved
        ? { kind: "reported" as const, status: h.approved.status, cycleLabel: h.cycleLabel }
        : { kind: "not_reported" as const },
      spent: spentView(
        h.approved && h.approved.spent !== null
          ? { kind: "reported", amount: h.approved.spent, cycleLabel: h.cycleLabel }
          : { kind: "not_reported" },
        locale,
      ),
      achievements:
        h.approved && h.approved.achievements
          ? { text: h.approved.achievements, lang: h.approved.achievementsLocale ?? undefined }
          : null,
    })),
    disputes: disputes.map((d) => ({
      id: d.id,
      cycleLabel: d.cycleLabel,
      organisation: d.organisation,
      body: d.body,
      lang: d.bodyLocale,
      dateLabel: formatDateTime(d.createdAt, locale),
      indicator: d.indicatorId !== null ? (indicatorCode.get(d.indicatorId) ?? null) : null,
      evidence: d.evidence,
    })),
    indicatorsDownloadHref: `/${locale}/downloads/measures/${measure.id}/indicators`,
    indicators: measure.indicators.map((indicator) => {
      const name = localize(indicator.name, locale, measure.originalLocale);
      const actuals = indicatorActuals(figures, indicator.id);
      const fmt = (v: number) => formatIndicatorValue(v, indicator.unit, locale);
      const yearsShown = [
        ...new Set([
          ...(indicator.baselineYear !== null ? [indicator.baselineYear] : []),
          ...indicator.targets.map((t) => t.year),
          ...(actuals.kind === "reported" ? actuals.values.map((v) => v.year) : []),
        ]),
      ].sort((a, b) => a - b);
      const targetOf = (year: number) => indicator.targets.find((t) => t.year === year)?.value ?? null;
      const actualSeries =
        actuals.kind === "reported"
          ? [...new Set(actuals.values.filter((v) => v.gender === null).map((v) => v.community))].map((community) => ({
              name:
                community === null
                  ? t("indicators.actual")
                  : t("indicators.actualFor", { community: communityName.get(community) ?? community }),
              values: yearsShown.map(
                (y) =>
                  actuals.values.find((v) => v.year === y && v.community === community && v.gender === null)?.value ??
                  null,
              ),
            }))
          : [];
      const chartTitle = t("indicators.chartTitle", { name: name?.text ?? indicator.code });
      const series = [
        ...(indicator.baselineValue !== null && indicator.baselineYear !== null
          ? [
              {
                name: t("indicators.baseline"),
                values: yearsShown.map((y) => (y === indicator.baselineYear ? indicator.baselineValue : null)),
              },
            ]
          : []),
        { name: t("indicators.target"), values: yearsShown.map(targetOf), dashed: true },
        ...actualSeries,
      ];
      return {
        id: indicator.id,
        code: indicator.code,
        name,
        isDemo: indicator.isDemo,
        unit: indicator.unit,
        direction: indicator.direction,
        byCommunity: indicator.byCommunity,
        byGender: indicator.byGender,
        disaggregation: indicator.byCommunity
          ? measure.communities.map((c) => communityName.get(c.code) ?? c.code)
          : [],
        baselineLabel: indicator.baselineValue === null ? null : fmt(indicator.baselineValue),
        baselineYear: indicator.baselineYear,
        targets: indicator.targets.map((target) => ({ year: target.year, label: fmt(target.value) })),
        actuals:
          actuals.kind === "reported"
            ? {
                kind: "reported" as const,
                cycleLabel: actuals.cycleLabel,
                rows: actuals.values.map((v) => ({
                  year: v.year,
                  community: v.community ? (communityName.get(v.community) ?? v.community) : null,
                  gender: v.gender,
                  label: fmt(v.value),
                })),
              }
            : { kind: "not_reported" as const },
        chart:
          yearsShown.length > 0
            ? {
                title: chartTitle,
                svg: renderLineChart({
                  title: chartTitle,
                  description: actuals.kind === "reported" ? undefined : t("indicators.chartDescriptionNotReported"),
                  categories: yearsShown.map(String),
                  series,
                  locale,
                }),
              }
            : null,
      };
    }),
  };
}

/**
 * The local action plans section of a municipality page (the plans module's section of that page,
 * decision 049): each plan's measures grouped by the national measure they implement, with
 * approved progress, every word translated here. 1 query.
 */
export async function municipalityPlansSection(
  db: Db,
  locale: Locale,
  kasCode: string,
): Promise<LocalPlansSectionView> {
  const t = strategiesTranslator(locale);
  const plans = await listMunicipalityPlans(db, kasCode);
  const figures = approvedFiguresOf(plans.flatMap((p) => p.measures.map((m) => m.approved)));
  type Group = LocalPlansSectionView["plans"][number]["groups"][number];
  return {
    kind: "local-plans",
    heading: t("municipality.heading"),
    intro:
      plans.length === 0
        ? { kind: "none", text: t("municipality.none") }
        : { kind: "lead", text: t("municipality.lead") },
    progressLabel: t("columns.progress"),
    plans: plans.map((plan) => {
      const groups = new Map<string, Group>();
      for (const m of plan.measures) {
        const key = m.implements ? String(m.implements.id) : "none";
        let group = groups.get(key);
        if (!group) {
          group = m.implements
            ? {
                heading: t("municipality.implements", { code: m.implements.code }),
                national: measureLink(locale, m.implements),
                measures: [],
              }
            : { heading: t("municipality.noNational"), national: null, measures: [] };
          groups.set(key, group);
        }
        group.measures.push({
          href: `/${locale}/measures/${m.id}`,
          code: m.code,
          title: localize(m.title, locale, plan.originalLocale),
          plannedLabel: formatEuro(m.planned, locale),
        });
      }
      return {
        id: plan.id,
        href: planLink(locale, plan.strategy.slug, plan.code),
        title: localize(plan.title, locale, plan.originalLocale),
        strategy: strategyLink(locale, plan.strategy),
        period: periodLabel(plan.periodStartYear, plan.periodEndYear),
        isDemo: plan.isDemo,
        summary: t("municipality.summary", {
          count: plan.measures.length,
          planned: formatEuro(
            plan.measures.reduce((s, m) => s + m.planned, 0),
            locale,
          ),
        }),
        progress: progressBarView(
          progressView(
            progressOf(
              figures,
              plan.measures.map((m) => ({ id: m.id, planned: m.planned })),
            ),
            locale,
          ),
          t,
        ),
        groups: [...groups.values()],
      };
    }),
  };
}

import { sql, type Kysely } from "kysely";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import type { ImplementationStatus } from "#app/db/tables/reporting.ts";
import type { BudgetSource } from "#app/db/tables/strategies.ts";
import { groupBy } from "#app/services/group-by.ts";
import { KeptPerGeneration } from "#app/services/kept-per-generation.server.ts";
import { groupProgress, rollUp, type MeasureFact, type MeasureProgress } from "#app/modules/reporting/rollup.server.ts";

/**
 * The one place the public pages, the API and the downloads get progress, status, money spent and
 * indicator values from (decision 011). Every figure comes from APPROVED measure reports, through
 * the reporting module's roll-up (decision 018): a measure, objective, sector or plan nobody has an
 * approved report for is "not yet reported", never an estimate and never 0.
 *
 * How it is used: a loader calls `loadApprovedFigures` once for the plans it shows (a constant
 * number of queries), then the pure functions below for each measure or group of measures.
 */

/** A measure's implementation status as reported in an approved report. */
export type ReportedMeasureStatus = ImplementationStatus;

/** What the approved reports say about one measure. */
export interface ApprovedMeasureFigure {
  /** Status of the latest approved report of the measure itself; null when only local measures implementing it were approved. */
  status: ReportedMeasureStatus | null;
  /** The roll-up's verdict: completed itself, or every local measure implementing it completed. */
  progress: MeasureProgress;
  /** Planned budget over the whole period, all sources (euro). */
  planned: number;
  /** Euro spent, summed over the approved reports of every cycle; null when no approved report gave an amount. */
  spent: number | null;
  /** Label of the latest cycle in which the measure's own report was approved; null when none. */
  cycleLabel: string | null;
}

/** One approved actual value of an indicator (a community's or a gender's when disaggregated). */
export interface ApprovedIndicatorValue {
  indicatorId: number;
  /** The year the reporting period ends in. */
  year: number;
  /** Community code for a value by community; null for the total. */
  community: string | null;
  /** "female" | "male" for a value by gender; null otherwise. */
  gender: "female" | "male" | null;
  value: number;
  cycleLabel: string;
}

/**
 * The approved reporting data behind the pages: the latest cycle with an approved report in scope
 * (`cycle`, null while nothing is approved), the roll-up of each measure in scope, and — when asked
 * for — the approved indicator values of some measures.
 */
export interface ApprovedFigures {
  cycle: { label: string } | null;
  measures: ReadonlyMap<number, ApprovedMeasureFigure>;
  indicatorValues: ReadonlyMap<number, readonly ApprovedIndicatorValue[]>;
}

/** Progress as shown to the public: a share of measures completed, or "not yet reported". */
export type Progress =
  | { kind: "not_reported" }
  | {
      kind: "reported";
      /** Completed measures ÷ measures of the group not cancelled, 0–1 (the headline figure). */
      share: number;
      /** The same weighted by planned budget; null when no measure in scope has a planned budget. */
      budgetWeightedShare: number | null;
      completed: number;
      /** Measures of the group with an approved report (their own, or of a local measure implementing them). */
      reported: number;
      /** Measures of the group not cancelled (the denominator of `share`). */
      counted: number;
      /** Measures of the group without an approved report. */
      missing: number;
      cycleLabel: string;
    };

/** A measure's status for the public: reported in an approved report, or not yet. */
export type MeasureStatus =
  { kind: "not_reported" } | { kind: "reported"; status: ReportedMeasureStatus; cycleLabel: string };

/** Money spent on a measure or a group: reported in approved reports, or not yet. */
export type Spent = { kind: "not_reported" } | { kind: "reported"; amount: number; cycleLabel: string };

/** Indicator actual values: reported in approved reports, or not yet. */
export type IndicatorActuals =
  { kind: "not_reported" } | { kind: "reported"; values: readonly ApprovedIndicatorValue[]; cycleLabel: string };

/** What progress needs to know about one measure in scope. */
export interface MeasureWeight {
  id: number;
  /** Planned euro over the whole period (all years and sources). */
  planned: number;
}

/** Approved figures when no report has been approved: everything is "not yet reported". */
export const NO_APPROVED_FIGURES: ApprovedFigures = Object.freeze({
  cycle: null,
  measures: new Map(),
  indicatorValues: new Map(),
});

/** A DATE column as yyyy-mm-dd (the client returns dates as strings; a Date is accepted too). */
function isoDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

const NOT_REPORTED_MEASURE: MeasureProgress = Object.freeze({
  status: null,
  completed: false,
  reported: false,
  local: Object.freeze({ implementing: 0, reported: 0, completed: 0 }),
});

/** One approved report of a measure: its cycle's period and the euro it reports spent (null when it gave no amount). */
export interface ApprovedSpending {
  cycleId: number;
  periodStart: string;
  periodEnd: string;
  amount: number | null;
}

/**
 * Euro spent on a measure over its approved reports, each stretch of time counted ONCE (decision
 * 023): reports that gave an amount are taken latest period end first (then the longer period, then
 * the later cycle), and a report whose period overlaps one already taken is left out. So a half
 * year inside an annual cycle of the same year counts only through the annual report, while two
 * half years, or consecutive years, add up. Null when no approved report gave an amount (pure).
 */
export function spentOnce(reports: readonly ApprovedSpending[]): number | null {
  const ranked = reports
    .filter((r) => r.amount !== null)
    .sort((a, b) =>
      a.periodEnd !== b.periodEnd
        ? a.periodEnd < b.periodEnd
          ? 1
          : -1
        : a.periodStart !== b.periodStart
          ? a.periodStart < b.periodStart
            ? -1
            : 1
          : b.cycleId - a.cycleId,
    );
  const kept: ApprovedSpending[] = [];
  for (const r of ranked)
    if (!kept.some((k) => k.periodStart <= r.periodEnd && r.periodStart <= k.periodEnd)) kept.push(r);
  return kept.length ? kept.reduce((sum, k) => sum + (k.amount ?? 0), 0) : null;
}

/** A measure with what its approved reports say, as the SQL below selects it. */
export interface ApprovedMeasureRow extends MeasureFact {
  /** Label and period end of the latest cycle in which the measure's own report was approved. */
  approvedLabel: string | null;
  approvedPeriodEnd: string | null;
  /** Euro spent over the measure's approved reports, each period counted once (`spentOnce`); null when none gave an amount. */
  spent: number | null;
}

/**
 * The approved status, cycle label and period end of a measure `m`, and its approved reports'
 * periods and spending (for `spentOnce`), as SQL columns (correlated subqueries on the approved
 * reports of `approved_measure_report`, the one published read of them, decision 049). For one plan's section; whole strategies go through `loadStrategyFigures`.
 */
export const APPROVED_COLUMNS = {
  status: sql<ReportedMeasureStatus | null>`(select a.status from approved_measure_report a where a.measure_id = m.id order by a.period_end desc, a.cycle_id desc limit 1)`,
  label: sql<
    string | null
  >`(select a.cycle_label from approved_measure_report a where a.measure_id = m.id order by a.period_end desc, a.cycle_id desc limit 1)`,
  periodEnd: sql<
    string | null
  >`(select max(a.period_end)::text from approved_measure_report a where a.measure_id = m.id)`,
  spending: sql<
    { c: number; s: string; e: string; a: string | number | null }[]
  >`(select coalesce(json_agg(json_build_object('c', a.cycle_id, 's', a.period_start::text, 'e', a.period_end::text, 'a', (select sum(s.amount) from measure_spending s where s.measure_report_id = a.id))), '[]'::json) from approved_measure_report a where a.measure_id = m.id)`,
};

/** The `APPROVED_COLUMNS.spending` JSON as `spentOnce` input. */
export function spendingOf(
  json: readonly { c: number; s: string; e: string; a: string | number | null }[] | string | null,
): ApprovedSpending[] {
  const list =
    typeof json === "string"
      ? (JSON.parse(json) as { c: number; s: string; e: string; a: string | number | null }[])
      : (json ?? []);
  return list.map((r) => ({
    cycleId: Number(r.c),
    periodStart: isoDate(r.s),
    periodEnd: isoDate(r.e),
    amount: r.a === null ? null : Number(r.a),
  }));
}

/** Builds the approved figures of a set of measures with the reporting roll-up (pure). */
export function approvedFiguresOf(
  rows: readonly ApprovedMeasureRow[],
  indicatorValues: ReadonlyMap<number, readonly ApprovedIndicatorValue[]> = new Map(),
): ApprovedFigures {
  let latest: { label: string; periodEnd: string } | null = null;
  for (const row of rows) {
    if (row.approvedLabel === null || row.approvedPeriodEnd === null) continue;
    if (!latest || row.approvedPeriodEnd > latest.periodEnd)
      latest = { label: row.approvedLabel, periodEnd: row.approvedPeriodEnd };
  }
  if (!latest) return NO_APPROVED_FIGURES;
  const rollup = rollUp([...rows]);
  const measures = new Map<number, ApprovedMeasureFigure>();
  for (const row of rows) {
    measures.set(row.id, {
      status: row.approvedStatus,
      progress: rollup.measures.get(row.id) ?? NOT_REPORTED_MEASURE,
      planned: row.plannedBudget,
      spent: row.spent,
      cycleLabel: row.approvedLabel,
    });
  }
  return { cycle: { label: latest.label }, measures, indicatorValues };
}

/** A measure of a strategy as the pages group it (sector, objective, plan) with its planned budget. */
export interface StrategyMeasure {
  id: number;
  actionPlanId: number;
  objectiveId: number;
  sectorCode: string;
  /** Planned euro over the whole period (all years and sources). */
  planned: number;
}

/** A JSON array column: an array from PostgreSQL's driver, a string from some clients, null for no rows. */
function parseJsonArray<T>(value: T[] | string | null): T[] {
  if (value === null) return [];
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}

interface IndicatorValueJson {
  indicator_id: number;
  community_code: string | null;
  gender: "female" | "male" | null;
  value: number | string;
  label: string;
  period_end: string;
}

interface BudgetJson {
  action_plan_id: number;
  sector_code: string;
  name: TranslatedText;
  year: number | null;
  source: BudgetSource | null;
  planned: number | string | null;
}

interface ObjectiveJson {
  id: number;
  action_plan_id: number;
  code: string;
  title: TranslatedText;
  sector_code: string;
}

interface FigureRow {
  id: number;
  action_plan_id: number;
  kind: "national" | "local";
  kas_code: string | null;
  plan_sector_id: number;
  sector_code: string;
  objective_id: number;
  implements_measure_id: number | null;
  planned: string | number;
  status: ReportedMeasureStatus | null;
  cycle_id: number | null;
  label: string | null;
  period_start: string | null;
  period_end: string | null;
  spent: string | number | null;
  /** Row number within the plan, in the measures table's order (sector, objective, measure, code). */
  position: string | number;
}

/** The planned budget of a plan per sector, year and source (a sector without budget once, with year null). */
export interface SectorBudgetRow {
  sectorCode: string;
  sectorName: TranslatedText;
  year: number | null;
  source: BudgetSource | null;
  planned: number;
}

/** An objective of a plan, once per sector it has measures in (decision 045). */
export interface ObjectiveRow {
  id: number;
  code: string;
  title: TranslatedText;
  sectorCode: string;
}

/** What a plan's pages show that depends on every measure of the plan: kept with the figures. */
export interface PlanFigures {
  measureCount: number;
  /** Planned euro of all the plan's measures (all years and sources). */
  planned: number;
  /** The plan's measures with their weights. */
  measures: readonly StrategyMeasure[];
  /** The plan's measure ids in plan order (sector, objective, measure, code), with their sector: the pages of its measures table. */
  order: readonly { id: number; sectorCode: string }[];
  sectorBudgets: readonly SectorBudgetRow[];
  /** The objectives in plan order, one row per objective and sector. */
  objectives: readonly ObjectiveRow[];
}

/** A plan the kept figures do not know (no measures, no sectors). */
export const EMPTY_PLAN_FIGURES: PlanFigures = Object.freeze({
  measureCount: 0,
  planned: 0,
  measures: [],
  order: [],
  sectorBudgets: [],
  objectives: [],
});

/** The figures of whole strategies, computed once per generation (see `loadStrategyFigures`). */
export interface StrategyFigures {
  figures: ApprovedFigures;
  measures: readonly StrategyMeasure[];
  /** Per action plan of the strategies (drafts included). */
  plans: ReadonlyMap<number, PlanFigures>;
}

/** The kept figures of one plan (`EMPTY_PLAN_FIGURES` for a plan outside them). */
export function planFiguresOf(kept: StrategyFigures, actionPlanId: number): PlanFigures {
  return kept.plans.get(actionPlanId) ?? EMPTY_PLAN_FIGURES;
}

/**
 * Per database handle (a test process opens many), per set of strategies: the figures computed at
 * a generation of `strategy_figures_generation`. Bounded: the pages ask for one strategy or for
 * every public strategy; the measures API for the strategies of a page of measures.
 */
const memos = new KeptPerGeneration<StrategyFigures>(32);

/**
 * Every measure of the given plans' strategies (so local measures roll up into the national
 * measures they implement) with its sector, objective and planned budget, and the roll-up of its
 * APPROVED reports (cycle period, status, spending), computed ONCE per generation of
 * `strategy_figures_generation` (decision 044): statement-level triggers bump it in the writing
 * transaction of anything the figures are computed from, so a request first reads the generation
 * (one small statement, which also brings the approved indicator values of `indicatorsOfMeasures`,
 * never kept) and reuses the figures this process computed at that generation; only the first
 * request after a write computes them again (one more statement). The generation is in the
 * database, so a write through another instance is seen at its next request. Progress is the
 * reporting module's roll-up (decision 018); draft, submitted and returned reports never count.
 * The returned objects are shared between requests: read only.
 */
export async function loadStrategyFigures(
  db: Kysely<Database>,
  actionPlanIds: readonly number[],
  options: { indicatorsOfMeasures?: readonly number[] } = {},
): Promise<StrategyFigures> {
  const ids = actionPlanIds.length ? [...actionPlanIds] : [-1];
  const measureIds = options.indicatorsOfMeasures?.length ? [...options.indicatorsOfMeasures] : [-1];
  // One statement: the generation, the strategies of the plans and, when asked, the approved indicator values.
  const { rows: scopeRows } = await sql<{
    generation: string;
    strategy_ids: number[];
    indicator_values: IndicatorValueJson[] | string | null;
  }>`
    select (select generation::text from strategy_figures_generation) as generation,
      array(select distinct strategy_id from action_plan where id in (${sql.join(ids)}) order by strategy_id) as strategy_ids,
      (select json_agg(json_build_object('indicator_id', iv.indicator_id, 'community_code', iv.community_code, 'gender', iv.gender, 'value', iv.value, 'label', a.cycle_label, 'period_end', a.period_end::text) order by a.period_end, a.cycle_id, iv.id)
        from indicator_value iv join approved_measure_report a on a.id = iv.measure_report_id
        where a.measure_id in (${sql.join(measureIds)})) as indicator_values`.execute(db);
  const scope = scopeRows[0]!;
  const values = parseJsonArray<IndicatorValueJson>(scope.indicator_values);
  const strategyIds = scope.strategy_ids.map(Number);
  const key = strategyIds.join(",");
  // The least recently used set of strategies leaves first.
  const kept = await memos.get(db, key, scope.generation, () => computeStrategyFigures(db, strategyIds));
  if (values.length === 0 || !kept.figures.cycle) return kept;

  // One value per indicator, year and dimension: the latest approved cycle ending in that year.
  const byKey = new Map<string, ApprovedIndicatorValue>();
  for (const v of values) {
    const year = Number(isoDate(v.period_end).slice(0, 4));
    byKey.set(`${v.indicator_id}|${year}|${v.community_code ?? ""}|${v.gender ?? ""}`, {
      indicatorId: v.indicator_id,
      year,
      community: v.community_code,
      gender: v.gender,
      value: Number(v.value),
      cycleLabel: v.label,
    });
  }
  const indicatorValues = groupBy([...byKey.values()], (value) => value.indicatorId);
  return { ...kept, figures: { ...kept.figures, indicatorValues } };
}

/**
 * Computes the figures of whole strategies in ONE statement whatever the size (three JSON
 * arrays): the measures with their approved reports and their place in the plan's order, the
 * plans' planned budgets by sector and year, and their objectives. Budgets and reports are
 * aggregated set-wise (no per-measure subqueries), and the measures come back too, so pages need
 * no query over a plan's measures.
 */
async function computeStrategyFigures(db: Kysely<Database>, strategyIds: readonly number[]): Promise<StrategyFigures> {
  // Plain joins on grouped derived tables, no CTEs and no per-row subqueries: the planner then
  // estimates the size right (a CTE join misestimated it by 1,000× and PostgreSQL's JIT compiler
  // spent 0.7 s on a 25 ms query).
  const inStrategies = sql`(${sql.join(strategyIds.length ? [...strategyIds] : [-1])})`;
  const figuresQuery = sql`
    select m.id, m.action_plan_id, ap.kind, ap.kas_code, ps.id as plan_sector_id, ps.sector_code, o.id as objective_id, m.implements_measure_id,
      coalesce(pl.planned, 0) as planned, a.status, a.cycle_id, a.label, a.period_start, a.period_end, sp.spent,
      row_number() over (partition by m.action_plan_id order by ps.sort_order, o.sort_order, m.sort_order, m.code, a.period_end desc nulls last, a.cycle_id desc) as position
    from measure m
    join action_plan ap on ap.id = m.action_plan_id
    join objective o on o.id = m.objective_id
    join plan_sector ps on ps.id = m.plan_sector_id
    left join (
      select b.measure_id, sum(b.amount) as planned
      from measure_budget b join measure bm on bm.id = b.measure_id join action_plan bap on bap.id = bm.action_plan_id
      where bap.strategy_id in ${inStrategies}
      group by b.measure_id
    ) pl on pl.measure_id = m.id
    left join (
      select a.id, a.measure_id, a.status, a.cycle_id, a.cycle_label as label, a.period_start::text as period_start, a.period_end::text as period_end
      from approved_measure_report a
    ) a on a.measure_id = m.id
    left join (select s.measure_report_id, sum(s.amount) as spent from measure_spending s group by s.measure_report_id) sp on sp.measure_report_id = a.id
    where ap.strategy_id in ${inStrategies}`;
  // Sums are grouped on integer keys first; sector names (jsonb) are joined to the few result rows.
  const budgetsQuery = sql`
    select ps.action_plan_id, ps.sector_code, sec.name, sums.year, sums.source, sums.planned, ps.sort_order as sector_sort, sec.sort_order as name_sort
    from plan_sector ps
    join action_plan ap on ap.id = ps.action_plan_id
    join sector sec on sec.code = ps.sector_code
    left join (
      select m.plan_sector_id, b.year, b.source, sum(b.amount) as planned
      from measure_budget b join measure m on m.id = b.measure_id join action_plan bap on bap.id = m.action_plan_id
      where bap.strategy_id in ${inStrategies}
      group by m.plan_sector_id, b.year, b.source
    ) sums on sums.plan_sector_id = ps.id
    where ap.strategy_id in ${inStrategies}`;
  // An objective is listed under its own sector and under every other sector one of its measures is in.
  const objectivesQuery = sql`
    select o.id, o.action_plan_id, o.code, o.title, ps.sector_code, ps.sort_order as sector_sort, o.sort_order
    from objective o
    join action_plan ap on ap.id = o.action_plan_id
    join plan_sector ps on ps.action_plan_id = o.action_plan_id
      and (ps.id = o.plan_sector_id or exists (select 1 from measure m where m.objective_id = o.id and m.plan_sector_id = ps.id))
    where ap.strategy_id in ${inStrategies}`;
  const { rows: results } = await sql<{
    figures: FigureRow[] | string | null;
    budgets: BudgetJson[] | string | null;
    objectives: ObjectiveJson[] | string | null;
  }>`
    select (select json_agg(f order by f.id, f.period_end desc nulls last, f.cycle_id desc) from (${figuresQuery}) f) as figures,
      (select json_agg(b order by b.action_plan_id, b.sector_sort, b.name_sort, b.year, b.source) from (${budgetsQuery}) b) as budgets,
      (select json_agg(o order by o.action_plan_id, o.sector_sort, o.sort_order, o.code) from (${objectivesQuery}) o) as objectives`.execute(
    db,
  );
  const rows = parseJsonArray<FigureRow>(results[0]?.figures ?? null);
  const budgetRows = parseJsonArray<BudgetJson>(results[0]?.budgets ?? null);
  const objectiveRows = parseJsonArray<ObjectiveJson>(results[0]?.objectives ?? null);

  // Rows come per measure, its latest approved report first (or one row with no report).
  const facts: ApprovedMeasureRow[] = [];
  const measures: StrategyMeasure[] = [];
  let spending: ApprovedSpending[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const first = i === 0 || rows[i - 1]!.id !== r.id;
    if (first) {
      spending = [];
      const planned = Number(r.planned);
      measures.push({
        id: r.id,
        actionPlanId: r.action_plan_id,
        objectiveId: r.objective_id,
        sectorCode: r.sector_code,
        planned,
      });
      facts.push({
        id: r.id,
        actionPlanId: r.action_plan_id,
        isLocal: r.kind === "local",
        kasCode: r.kas_code,
        planSectorId: r.plan_sector_id,
        sectorCode: r.sector_code,
        objectiveId: r.objective_id,
        implementsMeasureId: r.implements_measure_id,
        plannedBudget: planned,
        approvedStatus: r.cycle_id === null ? null : r.status,
        approvedLabel: r.cycle_id === null ? null : r.label,
        approvedPeriodEnd: r.period_end === null ? null : isoDate(r.period_end),
        spent: null,
      });
    }
    if (r.cycle_id !== null && r.period_start !== null && r.period_end !== null)
      spending.push({
        cycleId: r.cycle_id,
        periodStart: isoDate(r.period_start),
        periodEnd: isoDate(r.period_end),
        amount: r.spent === null ? null : Number(r.spent),
      });
    const last = i === rows.length - 1 || rows[i + 1]!.id !== r.id;
    if (last) facts[facts.length - 1]!.spent = spentOnce(spending);
  }

  const plans = new Map<
    number,
    {
      measureCount: number;
      planned: number;
      measures: StrategyMeasure[];
      order: { id: number; sectorCode: string }[];
      sectorBudgets: SectorBudgetRow[];
      objectives: ObjectiveRow[];
    }
  >();
  const planOf = (id: number) => {
    let plan = plans.get(id);
    if (!plan) {
      plan = { measureCount: 0, planned: 0, measures: [], order: [], sectorBudgets: [], objectives: [] };
      plans.set(id, plan);
    }
    return plan;
  };
  for (const m of measures) {
    const plan = planOf(m.actionPlanId);
    plan.measureCount += 1;
    plan.planned += m.planned;
    plan.measures.push(m);
  }
  // Budgets are numeric(14, 2): the sum of the measures' totals, back to whole cents, is the exact sum.
  for (const plan of plans.values()) plan.planned = Math.round(plan.planned * 100) / 100;
  // The measures table's order (what `listPlanMeasures` orders by): a measure's first row has its lowest position.
  const positions = new Map<number, number>();
  for (const r of rows) {
    const position = Number(r.position);
    const known = positions.get(r.id);
    if (known === undefined || position < known) positions.set(r.id, position);
  }
  for (const plan of plans.values())
    plan.order = [...plan.measures]
      .sort((a, b) => positions.get(a.id)! - positions.get(b.id)!)
      .map((m) => ({ id: m.id, sectorCode: m.sectorCode }));
  for (const r of budgetRows)
    planOf(r.action_plan_id).sectorBudgets.push({
      sectorCode: r.sector_code,
      sectorName: r.name,
      year: r.year,
      source: r.source,
      planned: r.planned === null ? 0 : Number(r.planned),
    });
  for (const r of objectiveRows)
    planOf(r.action_plan_id).objectives.push({ id: r.id, code: r.code, title: r.title, sectorCode: r.sector_code });
  return { figures: approvedFiguresOf(facts), measures, plans };
}

/** The approved figures of the given plans' strategies (see `loadStrategyFigures`): one statement while kept, two after a write. */
export async function loadApprovedFigures(
  db: Kysely<Database>,
  actionPlanIds: readonly number[],
  options: { indicatorsOfMeasures?: readonly number[] } = {},
): Promise<ApprovedFigures> {
  return (await loadStrategyFigures(db, actionPlanIds, options)).figures;
}

/** The status of one measure in the approved figures: its own latest approved report's, or "completed" through its local measures. */
export function measureStatus(figures: ApprovedFigures, measureId: number): MeasureStatus {
  const figure = figures.cycle ? figures.measures.get(measureId) : undefined;
  if (!figures.cycle || !figure) return { kind: "not_reported" };
  if (figure.status !== null && figure.cycleLabel !== null)
    return { kind: "reported", status: figure.status, cycleLabel: figure.cycleLabel };
  if (figure.progress.completed) return { kind: "reported", status: "completed", cycleLabel: figures.cycle.label };
  return { kind: "not_reported" };
}

/**
 * Progress of a group of measures (an objective, a sector, a plan, a strategy), by the reporting
 * roll-up's method (decision 018): completed measures ÷ measures not cancelled, plain (the headline)
 * and weighted by planned budget (beside it). A national measure counts as completed when every
 * local measure implementing it is. "Not yet reported" while none of the group's measures has an
 * approved report.
 */
export function progressOf(figures: ApprovedFigures, measures: readonly MeasureWeight[]): Progress {
  if (!figures.cycle) return { kind: "not_reported" };
  const progress = groupProgress(
    measures.map((m) => ({
      plannedBudget: m.planned,
      measure: figures.measures.get(m.id)?.progress ?? NOT_REPORTED_MEASURE,
    })),
  );
  if (progress.share === null) return { kind: "not_reported" };
  return {
    kind: "reported",
    share: progress.share,
    budgetWeightedShare: progress.weightedShare,
    completed: progress.completed,
    reported: progress.reported,
    counted: progress.measures - progress.cancelled,
    missing: progress.measures - progress.reported,
    cycleLabel: figures.cycle.label,
  };
}

/** Money spent on a group of measures, summed over those whose report gave an amount. */
export function spentOf(figures: ApprovedFigures, measureIds: readonly number[]): Spent {
  if (!figures.cycle) return { kind: "not_reported" };
  let amount = 0;
  let any = false;
  for (const id of measureIds) {
    const spent = figures.measures.get(id)?.spent;
    if (spent === null || spent === undefined) continue;
    amount += spent;
    any = true;
  }
  return any ? { kind: "reported", amount, cycleLabel: figures.cycle.label } : { kind: "not_reported" };
}

/** The approved actual values of one indicator, in year order. */
export function indicatorActuals(figures: ApprovedFigures, indicatorId: number): IndicatorActuals {
  const values = figures.cycle ? figures.indicatorValues.get(indicatorId) : undefined;
  if (!figures.cycle || !values || values.length === 0) return { kind: "not_reported" };
  return { kind: "reported", values: [...values].sort((a, b) => a.year - b.year), cycleLabel: figures.cycle.label };
}

/** One reporting cycle of a measure, as the public sees it: approved figures, or nothing. */
export interface MeasureCycleEntry {
  cycleId: number;
  cycleLabel: string;
  periodStart: string;
  periodEnd: string;
  /** Present only when the measure's report in this cycle is approved. */
  approved: {
    status: ReportedMeasureStatus;
    spent: number | null;
    achievements: string;
    achievementsLocale: string | null;
  } | null;
}

/**
 * The history of a measure per reporting cycle, newest first (one query). Unapproved reports
 * (draft, submitted, returned) give their cycle but none of their content: it is read only through
 * `approved_measure_report` (decision 049), so it stays in the database.
 */
export async function loadMeasureHistory(db: Kysely<Database>, measureId: number): Promise<MeasureCycleEntry[]> {
  const rows = await db
    .selectFrom("measure_report as mr")
    .innerJoin("reporting_cycle as c", "c.id", "mr.cycle_id")
    .leftJoin("approved_measure_report as a", "a.id", "mr.id")
    .select(["c.id", "c.label", "c.period_start", "c.period_end"])
    // What the approved report says: null (and `approved` false) while the cycle's report is not approved.
    .select([
      sql<boolean>`a.id is not null`.as("approved"),
      "a.status",
      "a.achievements",
      "a.achievements_locale",
      sql<string | null>`(select sum(s.amount) from measure_spending s where s.measure_report_id = a.id)`.as("spent"),
    ])
    .where("mr.measure_id", "=", measureId)
    .orderBy("c.period_end", "desc")
    .orderBy("c.id", "desc")
    .execute();
  return rows.map((r) => ({
    cycleId: r.id,
    cycleLabel: r.label,
    periodStart: isoDate(r.period_start),
    periodEnd: isoDate(r.period_end),
    approved:
      r.approved && r.status
        ? {
            status: r.status,
            spent: r.spent === null ? null : Number(r.spent),
            achievements: r.achievements ?? "",
            achievementsLocale: r.achievements_locale,
          }
        : null,
  }));
}

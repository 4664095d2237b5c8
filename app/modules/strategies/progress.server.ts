import { sql, type Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import type { ImplementationStatus } from "#app/db/tables/reporting.ts";
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
export type MeasureStatus = { kind: "not_reported" } | { kind: "reported"; status: ReportedMeasureStatus; cycleLabel: string };

/** Money spent on a measure or a group: reported in approved reports, or not yet. */
export type Spent = { kind: "not_reported" } | { kind: "reported"; amount: number; cycleLabel: string };

/** Indicator actual values: reported in approved reports, or not yet. */
export type IndicatorActuals = { kind: "not_reported" } | { kind: "reported"; values: readonly ApprovedIndicatorValue[]; cycleLabel: string };

/** What progress needs to know about one measure in scope. */
export interface MeasureWeight {
  id: number;
  /** Planned euro over the whole period (all years and sources). */
  planned: number;
}

/** Approved figures when no report has been approved: everything is "not yet reported". */
export const NO_APPROVED_FIGURES: ApprovedFigures = Object.freeze({ cycle: null, measures: new Map(), indicatorValues: new Map() });

/** A DATE column as yyyy-mm-dd (the client returns dates as strings; a Date is accepted too). */
function isoDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

const NOT_REPORTED_MEASURE: MeasureProgress = Object.freeze({ status: null, completed: false, reported: false, local: Object.freeze({ implementing: 0, reported: 0, completed: 0 }) });

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
    .sort((a, b) => (a.periodEnd !== b.periodEnd ? (a.periodEnd < b.periodEnd ? 1 : -1) : a.periodStart !== b.periodStart ? (a.periodStart < b.periodStart ? -1 : 1) : b.cycleId - a.cycleId));
  const kept: ApprovedSpending[] = [];
  for (const r of ranked) if (!kept.some((k) => k.periodStart <= r.periodEnd && r.periodStart <= k.periodEnd)) kept.push(r);
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
 * periods and spending (for `spentOnce`), as SQL columns (correlated subqueries on approved reports
 * only). For one plan's section; whole strategies go through `loadStrategyFigures`.
 */
export const APPROVED_COLUMNS = {
  status: sql<ReportedMeasureStatus | null>`(select mr.status from measure_report mr join reporting_cycle c on c.id = mr.cycle_id where mr.measure_id = m.id and mr.review_state = 'approved' order by c.period_end desc, c.id desc limit 1)`,
  label: sql<string | null>`(select c.label from measure_report mr join reporting_cycle c on c.id = mr.cycle_id where mr.measure_id = m.id and mr.review_state = 'approved' order by c.period_end desc, c.id desc limit 1)`,
  periodEnd: sql<string | null>`(select max(c.period_end)::text from measure_report mr join reporting_cycle c on c.id = mr.cycle_id where mr.measure_id = m.id and mr.review_state = 'approved')`,
  spending: sql<{ c: number; s: string; e: string; a: string | number | null }[]>`(select coalesce(json_agg(json_build_object('c', c.id, 's', c.period_start::text, 'e', c.period_end::text, 'a', (select sum(s.amount) from measure_spending s where s.measure_report_id = mr.id))), '[]'::json) from measure_report mr join reporting_cycle c on c.id = mr.cycle_id where mr.measure_id = m.id and mr.review_state = 'approved')`,
};

/** The `APPROVED_COLUMNS.spending` JSON as `spentOnce` input. */
export function spendingOf(json: readonly { c: number; s: string; e: string; a: string | number | null }[] | string | null): ApprovedSpending[] {
  const list = typeof json === "string" ? (JSON.parse(json) as { c: number; s: string; e: string; a: string | number | null }[]) : (json ?? []);
  return list.map((r) => ({ cycleId: Number(r.c), periodStart: isoDate(r.s), periodEnd: isoDate(r.e), amount: r.a === null ? null : Number(r.a) }));
}

/** Builds the approved figures of a set of measures with the reporting roll-up (pure). */
export function approvedFiguresOf(rows: readonly ApprovedMeasureRow[], indicatorValues: ReadonlyMap<number, readonly ApprovedIndicatorValue[]> = new Map()): ApprovedFigures {
  let latest: { label: string; periodEnd: string } | null = null;
  for (const row of rows) {
    if (row.approvedLabel === null || row.approvedPeriodEnd === null) continue;
    if (!latest || row.approvedPeriodEnd > latest.periodEnd) latest = { label: row.approvedLabel, periodEnd: row.approvedPeriodEnd };
  }
  if (!latest) return NO_APPROVED_FIGURES;
  const rollup = rollUp([...rows]);
  const measures = new Map<number, ApprovedMeasureFigure>();
  for (const row of rows) {
    measures.set(row.id, { status: row.approvedStatus, progress: rollup.measures.get(row.id) ?? NOT_REPORTED_MEASURE, planned: row.plannedBudget, spent: row.spent, cycleLabel: row.approvedLabel });
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
}

/**
 * Loads, in ONE query whatever the size, every measure of the given plans' strategies (so local
 * measures roll up into the national measures they implement) with its sector, objective and
 * planned budget, and each of its APPROVED reports (cycle period, status, spending); with
 * `indicatorsOfMeasures`, one more query for the approved indicator values of those measures.
 * Budgets and reports are aggregated set-wise (no per-measure subqueries), and the measures come
 * back too, so pages need no separate query for their counts and weights. Progress is the
 * reporting module's roll-up (decision 018); draft, submitted and returned reports never count.
 */
export async function loadStrategyFigures(db: Kysely<Database>, actionPlanIds: readonly number[], options: { indicatorsOfMeasures?: readonly number[] } = {}): Promise<{ figures: ApprovedFigures; measures: StrategyMeasure[] }> {
  const ids = actionPlanIds.length ? [...actionPlanIds] : [-1];
  // Plain joins on grouped derived tables, no CTEs and no per-row subqueries: the planner then
  // estimates the size right (a CTE join misestimated it by 1,000× and PostgreSQL's JIT compiler
  // spent 0.7 s on a 25 ms query).
  const inStrategies = sql`(select strategy_id from action_plan where id in (${sql.join(ids)}))`;
  const rowsQuery = sql<FigureRow>`
    select m.id, m.action_plan_id, ap.kind, ap.kas_code, ps.id as plan_sector_id, ps.sector_code, o.id as objective_id, m.implements_measure_id,
      coalesce(pl.planned, 0) as planned, a.status, a.cycle_id, a.label, a.period_start, a.period_end, sp.spent
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
      select mr.id, mr.measure_id, mr.status, c.id as cycle_id, c.label, c.period_start::text as period_start, c.period_end::text as period_end
      from measure_report mr join reporting_cycle c on c.id = mr.cycle_id
      where mr.review_state = 'approved'
    ) a on a.measure_id = m.id
    left join (select s.measure_report_id, sum(s.amount) as spent from measure_spending s group by s.measure_report_id) sp on sp.measure_report_id = a.id
    where ap.strategy_id in ${inStrategies}
    order by m.id, a.period_end desc nulls last, a.cycle_id desc`;
  const [{ rows }, values] = await Promise.all([
    rowsQuery.execute(db),
    options.indicatorsOfMeasures?.length
      ? db
          .selectFrom("indicator_value as iv")
          .innerJoin("measure_report as mr", "mr.id", "iv.measure_report_id")
          .innerJoin("reporting_cycle as c", "c.id", "mr.cycle_id")
          .select(["iv.indicator_id", "iv.community_code", "iv.gender", "iv.value", "c.label", "c.period_end"])
          .where("mr.review_state", "=", "approved")
          .where("mr.measure_id", "in", [...options.indicatorsOfMeasures])
          .orderBy("c.period_end")
          .orderBy("c.id")
          .orderBy("iv.id")
          .execute()
      : Promise.resolve([]),
  ]);

  // One value per indicator, year and dimension: the latest approved cycle ending in that year.
  const byKey = new Map<string, ApprovedIndicatorValue>();
  for (const v of values) {
    const year = Number(isoDate(v.period_end).slice(0, 4));
    byKey.set(`${v.indicator_id}|${year}|${v.community_code ?? ""}|${v.gender ?? ""}`, { indicatorId: v.indicator_id, year, community: v.community_code, gender: v.gender, value: Number(v.value), cycleLabel: v.label });
  }
  const indicatorValues = new Map<number, ApprovedIndicatorValue[]>();
  for (const value of byKey.values()) {
    const list = indicatorValues.get(value.indicatorId);
    if (list) list.push(value);
    else indicatorValues.set(value.indicatorId, [value]);
  }

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
      measures.push({ id: r.id, actionPlanId: r.action_plan_id, objectiveId: r.objective_id, sectorCode: r.sector_code, planned });
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
    if (r.cycle_id !== null && r.period_start !== null && r.period_end !== null) spending.push({ cycleId: r.cycle_id, periodStart: isoDate(r.period_start), periodEnd: isoDate(r.period_end), amount: r.spent === null ? null : Number(r.spent) });
    const last = i === rows.length - 1 || rows[i + 1]!.id !== r.id;
    if (last) facts[facts.length - 1]!.spent = spentOnce(spending);
  }
  return { figures: approvedFiguresOf(facts, indicatorValues), measures };
}

/** The approved figures of the given plans' strategies (see `loadStrategyFigures`): one query, two with indicator values. */
export async function loadApprovedFigures(db: Kysely<Database>, actionPlanIds: readonly number[], options: { indicatorsOfMeasures?: readonly number[] } = {}): Promise<ApprovedFigures> {
  return (await loadStrategyFigures(db, actionPlanIds, options)).figures;
}

/** The status of one measure in the approved figures: its own latest approved report's, or "completed" through its local measures. */
export function measureStatus(figures: ApprovedFigures, measureId: number): MeasureStatus {
  const figure = figures.cycle ? figures.measures.get(measureId) : undefined;
  if (!figures.cycle || !figure) return { kind: "not_reported" };
  if (figure.status !== null && figure.cycleLabel !== null) return { kind: "reported", status: figure.status, cycleLabel: figure.cycleLabel };
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
  const progress = groupProgress(measures.map((m) => ({ plannedBudget: m.planned, measure: figures.measures.get(m.id)?.progress ?? NOT_REPORTED_MEASURE })));
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
  approved: { status: ReportedMeasureStatus; spent: number | null; achievements: string; achievementsLocale: string | null } | null;
}

/**
 * The history of a measure per reporting cycle, newest first (one query). Unapproved reports
 * (draft, submitted, returned) give their cycle but none of their content: the CASE expressions keep
 * it in the database.
 */
export async function loadMeasureHistory(db: Kysely<Database>, measureId: number): Promise<MeasureCycleEntry[]> {
  const rows = await db
    .selectFrom("measure_report as mr")
    .innerJoin("reporting_cycle as c", "c.id", "mr.cycle_id")
    .select(["c.id", "c.label", "c.period_start", "c.period_end"])
    .select(sql<boolean>`mr.review_state = 'approved'`.as("approved"))
    .select(sql<ReportedMeasureStatus | null>`case when mr.review_state = 'approved' then mr.status end`.as("status"))
    .select(sql<string | null>`case when mr.review_state = 'approved' then mr.achievements end`.as("achievements"))
    .select(sql<string | null>`case when mr.review_state = 'approved' then mr.achievements_locale end`.as("achievements_locale"))
    .select(
      sql<string | null>`case when mr.review_state = 'approved' then (select sum(s.amount) from measure_spending s where s.measure_report_id = mr.id) end`.as("spent"),
    )
    .where("mr.measure_id", "=", measureId)
    .orderBy("c.period_end", "desc")
    .orderBy("c.id", "desc")
    .execute();
  return rows.map((r) => ({
    cycleId: r.id,
    cycleLabel: r.label,
    periodStart: isoDate(r.period_start),
    periodEnd: isoDate(r.period_end),
    approved: r.approved && r.status ? { status: r.status, spent: r.spent === null ? null : Number(r.spent), achievements: r.achievements ?? "", achievementsLocale: r.achievements_locale } : null,
  }));
}

import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ImplementationStatus } from "#app/db/tables/reporting.ts";
import { createKeptPages } from "#app/services/kept-pages.server.ts";
import { tasksWithCycle } from "./reporting.queries.server.ts";

/*
 * Progress of measures, objectives, sectors, plans and strategies, computed from APPROVED measure
 * reports only (decision 018). A measure counts as completed when its latest approved report says
 * "completed", or — for a national measure implemented by local measures — when every local measure
 * implementing it has an approved "completed" report. Cancelled measures leave the denominator.
 * Two shares are computed: the plain share of measures completed (shown as the headline figure)
 * and the share weighted by planned budget (shown beside it). A group none of whose measures has an
 * approved report has no share: "not yet reported", never 0.
 */

/** What the roll-up needs of one measure. */
export interface MeasureFact {
  id: number;
  actionPlanId: number;
  isLocal: boolean;
  kasCode: string | null;
  planSectorId: number;
  sectorCode: string;
  objectiveId: number;
  implementsMeasureId: number | null;
  /** Planned budget over all years and sources, in euro. */
  plannedBudget: number;
  /** Status of the latest approved report, or null when none is approved. */
  approvedStatus: ImplementationStatus | null;
}

/** Progress of a group of measures. */
export interface Progress {
  measures: number;
  /** Measures with at least one approved report (their own or, for national measures, of a local one). */
  reported: number;
  completed: number;
  cancelled: number;
  /** Completed ÷ (measures − cancelled), 0–1; null while nothing in the group is reported. */
  share: number | null;
  budgetPlanned: number;
  budgetCompleted: number;
  /** Planned budget of completed measures ÷ planned budget of measures not cancelled; null when not reported or no budget. */
  weightedShare: number | null;
}

/** A measure's progress, with how its implementing local measures stand. */
export interface MeasureProgress {
  status: ImplementationStatus | null;
  completed: boolean;
  reported: boolean;
  local: { implementing: number; reported: number; completed: number };
}

export interface Rollup {
  measures: Map<number, MeasureProgress>;
  objectives: Map<number, Progress>;
  /** By plan sector (a sector of one plan). */
  planSectors: Map<number, Progress>;
  /** By sector code, over every plan of the strategy. */
  sectors: Map<string, Progress>;
  plans: Map<number, Progress>;
  strategy: Progress;
}

function emptyProgress(): Progress {
  return {
    measures: 0,
    reported: 0,
    completed: 0,
    cancelled: 0,
    share: null,
    budgetPlanned: 0,
    budgetCompleted: 0,
    weightedShare: null,
  };
}

function add(progress: Progress, fact: Pick<MeasureFact, "plannedBudget">, measure: MeasureProgress): void {
  progress.measures += 1;
  if (measure.reported) progress.reported += 1;
  if (measure.status === "cancelled" && !measure.completed) {
    progress.cancelled += 1;
    return;
  }
  progress.budgetPlanned += fact.plannedBudget;
  if (measure.completed) {
    progress.completed += 1;
    progress.budgetCompleted += fact.plannedBudget;
  }
}

function finish(progress: Progress): Progress {
  const counted = progress.measures - progress.cancelled;
  if (progress.reported > 0 && counted > 0) progress.share = progress.completed / counted;
  if (progress.reported > 0 && progress.budgetPlanned > 0)
    progress.weightedShare = progress.budgetCompleted / progress.budgetPlanned;
  return progress;
}

function bump<K>(map: Map<K, Progress>, key: K, fact: MeasureFact, measure: MeasureProgress): void {
  let progress = map.get(key);
  if (!progress) {
    progress = emptyProgress();
    map.set(key, progress);
  }
  add(progress, fact, measure);
}

/**
 * Progress of any group of measures (as `rollUp` computes it for objectives, sectors and plans),
 * for a group the pages form themselves — a sector of one plan, a page's measures (pure).
 */
export function groupProgress(members: readonly { plannedBudget: number; measure: MeasureProgress }[]): Progress {
  const progress = emptyProgress();
  for (const member of members) add(progress, member, member.measure);
  return finish(progress);
}

/** The roll-up of a set of measures (a pure function: the method of decision 018). */
export function rollUp(facts: MeasureFact[]): Rollup {
  const byImplemented = new Map<number, MeasureFact[]>();
  for (const f of facts) {
    if (f.implementsMeasureId === null) continue;
    const list = byImplemented.get(f.implementsMeasureId) ?? [];
    list.push(f);
    byImplemented.set(f.implementsMeasureId, list);
  }
  const measures = new Map<number, MeasureProgress>();
  for (const f of facts) {
    const locals = byImplemented.get(f.id) ?? [];
    const local = {
      implementing: locals.length,
      reported: locals.filter((l) => l.approvedStatus !== null).length,
      completed: locals.filter((l) => l.approvedStatus === "completed").length,
    };
    const ownCompleted = f.approvedStatus === "completed";
    const allLocalCompleted = local.implementing > 0 && local.completed === local.implementing;
    measures.set(f.id, {
      status: f.approvedStatus,
      completed: ownCompleted || allLocalCompleted,
      reported: f.approvedStatus !== null || local.reported > 0,
      local,
    });
  }
  const result: Rollup = {
    measures,
    objectives: new Map(),
    planSectors: new Map(),
    sectors: new Map(),
    plans: new Map(),
    strategy: emptyProgress(),
  };
  for (const f of facts) {
    const m = measures.get(f.id);
    if (!m) continue;
    bump(result.objectives, f.objectiveId, f, m);
    bump(result.planSectors, f.planSectorId, f, m);
    bump(result.sectors, f.sectorCode, f, m);
    bump(result.plans, f.actionPlanId, f, m);
    add(result.strategy, f, m);
  }
  for (const map of [result.objectives, result.planSectors, result.sectors, result.plans])
    for (const p of map.values()) finish(p);
  finish(result.strategy);
  return result;
}

/**
 * The measures of a strategy (or of the plans given, or of one cycle) with their planned budget and
 * the status of their latest approved report — with `cycleId`, only the cycle's measures and that
 * cycle's approvals; otherwise the latest cycle (by period end) in which each measure was approved.
 * Two queries, whatever the size of the plan.
 */
export async function loadMeasureFacts(
  db: Db,
  scope: { strategyId?: number; actionPlanIds?: number[]; cycleId?: number },
): Promise<MeasureFact[]> {
  // The measures with their plan and sector, through the plans module's published read of them (decision 049).
  let query = db
    .selectFrom("plan_measure as m")
    .select([
      "m.id",
      "m.action_plan_id",
      "m.plan_kind",
      "m.kas_code",
      "m.plan_sector_id",
      "m.sector_code",
      "m.objective_id",
      "m.implements_measure_id",
      sql<string>`coalesce((select sum(b.amount) from measure_budget b where b.measure_id = m.id), 0)`.as("planned"),
    ]);
  if (scope.strategyId !== undefined) query = query.where("m.strategy_id", "=", scope.strategyId);
  if (scope.actionPlanIds !== undefined)
    query = query.where("m.action_plan_id", "in", scope.actionPlanIds.length ? scope.actionPlanIds : [-1]);
  if (scope.cycleId !== undefined)
    query = query.where(
      "m.id",
      "in",
      db.selectFrom("measure_report").select("measure_id").where("cycle_id", "=", scope.cycleId),
    );
  const rows = await query.orderBy("m.id").execute();
  if (rows.length === 0) return [];

  // Approved reports only, through the one published read of them (decision 049).
  let approved = db
    .selectFrom("approved_measure_report as a")
    .innerJoin("measure as m", "m.id", "a.measure_id")
    .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
    .distinctOn("a.measure_id")
    .select(["a.measure_id", "a.status"]);
  if (scope.strategyId !== undefined) approved = approved.where("ap.strategy_id", "=", scope.strategyId);
  if (scope.actionPlanIds !== undefined)
    approved = approved.where("ap.id", "in", scope.actionPlanIds.length ? scope.actionPlanIds : [-1]);
  if (scope.cycleId !== undefined) approved = approved.where("a.cycle_id", "=", scope.cycleId);
  const statuses = new Map(
    (
      await approved.orderBy("a.measure_id").orderBy("a.period_end", "desc").orderBy("a.cycle_id", "desc").execute()
    ).map((r) => [r.measure_id, r.status]),
  );

  return rows.map((r) => ({
    id: r.id,
    actionPlanId: r.action_plan_id,
    isLocal: r.plan_kind === "local",
    kasCode: r.kas_code,
    planSectorId: r.plan_sector_id,
    sectorCode: r.sector_code,
    objectiveId: r.objective_id,
    implementsMeasureId: r.implements_measure_id,
    plannedBudget: Number(r.planned),
    approvedStatus: statuses.get(r.id) ?? null,
  }));
}

/**
 * Per database handle (a test process opens many), per cycle: its progress at a generation of
 * `strategy_figures_generation`. At most 64 cycles, the least recently asked leaving first.
 */
const keptCycles = createKeptPages(64);

/** The current generation of the strategy figures (decision 044). One statement. */
export async function strategyFiguresGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{
    generation: string;
  }>`select generation::text as generation from strategy_figures_generation`.execute(db);
  return rows[0]?.generation ?? "0";
}

/**
 * The progress of a cycle's measures (what the reporting board shows: `rollUp` of the cycle's
 * measures and that cycle's approvals), computed once per generation of
 * `strategy_figures_generation` (decisions 044 and 060). Everything it is computed from bumps the
 * generation in the writing transaction: the plans' structure and budgets, the cycles, approved
 * reports, and (migration 0048) every measure report added to or removed from a cycle. A request
 * reads the generation (one small statement) and reuses the progress this process computed at that
 * generation; only the first request after a write reads the cycle's measures again (two statements
 * over every measure of the cycle). The returned object is shared between requests: read only.
 */
export async function loadCycleProgress(db: Db, cycleId: number): Promise<Progress> {
  return keptCycles.get(
    db,
    await strategyFiguresGeneration(db),
    String(cycleId),
    async () => rollUp(await loadMeasureFacts(db, { cycleId })).strategy,
  );
}

/** Progress of a strategy and everything under it, from approved data (two queries). */
export async function computeStrategyProgress(db: Db, strategyId: number): Promise<Rollup> {
  return rollUp(await loadMeasureFacts(db, { strategyId }));
}

/** One institution's on-time reporting. */
export interface OnTimeRate {
  organisationId: number;
  kasCode: string | null;
  /** Tasks whose deadline has passed or that were submitted. */
  due: number;
  /** Of those, submitted for the first time by the end of the deadline day (Kosovo time). */
  onTime: number;
  /** onTime ÷ due, or null when nothing was due yet. */
  rate: number | null;
}

/**
 * On-time reporting rate per institution (and municipality for local tasks), over the cycles of a
 * strategy or all cycles: one query.
 */
export async function computeOnTimeRates(
  db: Db,
  scope: { strategyId?: number; cycleId?: number } = {},
  now: Date = new Date(),
): Promise<OnTimeRate[]> {
  let query = tasksWithCycle(db)
    .innerJoin("action_plan as ap", "ap.id", "c.action_plan_id")
    .select([
      "t.organisation_id",
      "t.kas_code",
      sql<number>`count(*) filter (where t.first_submitted_at is not null or ((c.deadline + 1)::timestamp at time zone 'Europe/Belgrade') <= ${now})`.as(
        "due",
      ),
      sql<number>`count(*) filter (where t.first_submitted_at < ((c.deadline + 1)::timestamp at time zone 'Europe/Belgrade'))`.as(
        "on_time",
      ),
    ])
    .groupBy(["t.organisation_id", "t.kas_code"])
    .orderBy("t.organisation_id")
    .orderBy("t.kas_code");
  if (scope.strategyId !== undefined) query = query.where("ap.strategy_id", "=", scope.strategyId);
  if (scope.cycleId !== undefined) query = query.where("c.id", "=", scope.cycleId);
  const rows = await query.execute();
  return rows.map((r) => {
    const due = Number(r.due);
    const onTime = Number(r.on_time);
    return { organisationId: r.organisation_id, kasCode: r.kas_code, due, onTime, rate: due > 0 ? onTime / due : null };
  });
}

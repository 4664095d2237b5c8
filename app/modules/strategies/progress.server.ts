import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";

/**
 * The one place that computes the progress of measures, objectives, sectors, plans and strategies,
 * and money spent (decision 011). Every figure comes from APPROVED reporting data: until a
 * reporting cycle is approved, every value is "not yet reported", never an estimate.
 *
 * How it is used: a loader calls `loadApprovedFigures` once for the plans it shows (a constant
 * number of queries), then the pure functions below for each measure or group of measures.
 */

/** A measure's implementation status as reported in an approved cycle. */
export type ReportedMeasureStatus = "not_started" | "in_progress" | "completed" | "cancelled";

/** What an approved reporting cycle says about one measure. */
export interface ApprovedMeasureFigure {
  status: ReportedMeasureStatus;
  /** Euro spent up to the end of the cycle; null when the report gave no amount. */
  spent: number | null;
}

/** One approved actual value of an indicator (a community's or a gender's when disaggregated). */
export interface ApprovedIndicatorValue {
  indicatorId: number;
  year: number;
  /** Community code for a value by community; null for the total. */
  community: string | null;
  /** "female" | "male" for a value by gender; null otherwise. */
  gender: "female" | "male" | null;
  value: number;
}

/**
 * The approved reporting data behind the pages: the latest approved cycle and what it says about
 * each measure and indicator in scope. `cycle` is null when no cycle has been approved.
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
      /** Completed measures ÷ measures reported on (cancelled measures left out), 0–1. */
      share: number;
      /** The same weighted by planned budget; null when no measure in scope has a planned budget. */
      budgetWeightedShare: number | null;
      completed: number;
      reported: number;
      /** Measures in scope without a report in the approved cycle. */
      missing: number;
      cycleLabel: string;
    };

/** A measure's status for the public: reported in an approved cycle, or not yet. */
export type MeasureStatus = { kind: "not_reported" } | { kind: "reported"; status: ReportedMeasureStatus; cycleLabel: string };

/** Money spent on a measure or a group: reported in an approved cycle, or not yet. */
export type Spent = { kind: "not_reported" } | { kind: "reported"; amount: number; cycleLabel: string };

/** Indicator actual values: reported in approved cycles, or not yet. */
export type IndicatorActuals = { kind: "not_reported" } | { kind: "reported"; values: readonly ApprovedIndicatorValue[]; cycleLabel: string };

/** What progress needs to know about one measure in scope. */
export interface MeasureWeight {
  id: number;
  /** Planned euro over the whole period (all years and sources). */
  planned: number;
}

/** Approved figures when no reporting cycle has been approved: everything is "not yet reported". */
export const NO_APPROVED_FIGURES: ApprovedFigures = Object.freeze({ cycle: null, measures: new Map(), indicatorValues: new Map() });

/**
 * Loads the approved reporting figures for the given plans. Reporting cycles (the next issue) do
 * not exist yet, so no cycle can have been approved and this returns `NO_APPROVED_FIGURES`
 * without a query. The reporting module will read its latest approved cycle here, in one query
 * per kind of figure (measures, indicator values), whatever the number of plans and measures.
 */
export async function loadApprovedFigures(_db: Kysely<Database>, _actionPlanIds: readonly number[]): Promise<ApprovedFigures> {
  return NO_APPROVED_FIGURES;
}

/** The status of one measure in the approved figures. */
export function measureStatus(figures: ApprovedFigures, measureId: number): MeasureStatus {
  const figure = figures.cycle ? figures.measures.get(measureId) : undefined;
  if (!figures.cycle || !figure) return { kind: "not_reported" };
  return { kind: "reported", status: figure.status, cycleLabel: figures.cycle.label };
}

/**
 * Progress of a group of measures (an objective, a sector, a plan, a strategy): the share of the
 * measures reported on that are completed, plain and weighted by planned budget. Cancelled
 * measures count in neither part. "Not yet reported" when no cycle is approved or none of the
 * group's measures was reported on.
 */
export function progressOf(figures: ApprovedFigures, measures: readonly MeasureWeight[]): Progress {
  if (!figures.cycle) return { kind: "not_reported" };
  let reported = 0;
  let completed = 0;
  let plannedReported = 0;
  let plannedCompleted = 0;
  let missing = 0;
  for (const measure of measures) {
    const figure = figures.measures.get(measure.id);
    if (!figure) {
      missing++;
      continue;
    }
    if (figure.status === "cancelled") continue;
    reported++;
    plannedReported += measure.planned;
    if (figure.status === "completed") {
      completed++;
      plannedCompleted += measure.planned;
    }
  }
  if (reported === 0) return { kind: "not_reported" };
  return {
    kind: "reported",
    share: completed / reported,
    budgetWeightedShare: plannedReported > 0 ? plannedCompleted / plannedReported : null,
    completed,
    reported,
    missing,
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

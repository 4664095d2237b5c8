import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import {
  indicatorActuals,
  loadApprovedFigures,
  measureStatus,
  NO_APPROVED_FIGURES,
  progressOf,
  spentOf,
  type ApprovedFigures,
  type ApprovedMeasureFigure,
  type ReportedMeasureStatus,
} from "./progress.server.ts";

/** A measure's own approved report, as `loadApprovedFigures` builds it from the roll-up. */
function figure(status: ReportedMeasureStatus, spent: number | null, planned = 0): ApprovedMeasureFigure {
  return {
    status,
    planned,
    spent,
    cycleLabel: "2018",
    progress: {
      status,
      completed: status === "completed",
      reported: true,
      local: { implementing: 0, reported: 0, completed: 0 },
    },
  };
}

const measures = [
  { id: 1, planned: 1000 },
  { id: 2, planned: 3000 },
  { id: 3, planned: 0 },
  { id: 4, planned: 6000 },
];

/** An approved cycle as the reporting module will provide it. */
const approved: ApprovedFigures = {
  cycle: { label: "2018" },
  measures: new Map([
    [1, figure("completed", 900)],
    [2, figure("in_progress", 1000)],
    [3, figure("cancelled", null)],
  ]),
  indicatorValues: new Map([
    [
      7,
      [
        { indicatorId: 7, year: 2019, community: null, gender: null, value: 12, cycleLabel: "2019" },
        { indicatorId: 7, year: 2018, community: "roma", gender: null, value: 5, cycleLabel: "2018" },
      ],
    ],
  ]),
};

describe("progress without approved figures", () => {
  it("is 'not yet reported' for every measure, group, amount spent and indicator", () => {
    expect(progressOf(NO_APPROVED_FIGURES, measures)).toEqual({ kind: "not_reported" });
    expect(progressOf(NO_APPROVED_FIGURES, [])).toEqual({ kind: "not_reported" });
    expect(measureStatus(NO_APPROVED_FIGURES, 1)).toEqual({ kind: "not_reported" });
    expect(spentOf(NO_APPROVED_FIGURES, [1, 2])).toEqual({ kind: "not_reported" });
    expect(indicatorActuals(NO_APPROVED_FIGURES, 7)).toEqual({ kind: "not_reported" });
  });

  it("ignores figures that are not part of an approved cycle", () => {
    const unapproved: ApprovedFigures = { ...approved, cycle: null };
    expect(progressOf(unapproved, measures)).toEqual({ kind: "not_reported" });
    expect(measureStatus(unapproved, 1)).toEqual({ kind: "not_reported" });
    expect(spentOf(unapproved, [1])).toEqual({ kind: "not_reported" });
    expect(indicatorActuals(unapproved, 7)).toEqual({ kind: "not_reported" });
  });

  it("are 'none approved' on a database without approved reports, loaded in a constant number of queries", async () => {
    const handle = await createTestDatabase();
    try {
      const { result, stats } = await withQueryStats(() =>
        loadApprovedFigures(handle.db, [1, 2, 3], { indicatorsOfMeasures: [1] }),
      );
      expect(result.cycle).toBeNull();
      expect(stats.queries).toBeLessThanOrEqual(5);
    } finally {
      await handle.close();
    }
  });
});

describe("progress from an approved cycle", () => {
  it("is the share of measures completed, plain and weighted by planned budget, cancelled ones left out (decision 018)", () => {
    // 1 completed of 3 not cancelled (measure 4 has no approved report and counts as not completed).
    const result = progressOf(approved, measures);
    expect(result).toMatchObject({
      kind: "reported",
      completed: 1,
      reported: 3,
      counted: 3,
      missing: 1,
      cycleLabel: "2018",
    });
    expect(result.kind === "reported" ? [result.share, result.budgetWeightedShare] : []).toEqual([1 / 3, 0.1]);
  });

  it("is 'not yet reported' for a group none of whose measures was reported on", () => {
    expect(progressOf(approved, [{ id: 4, planned: 10 }])).toEqual({ kind: "not_reported" });
    expect(progressOf(approved, [{ id: 3, planned: 0 }])).toEqual({ kind: "not_reported" });
  });

  it("has no budget-weighted share when nothing reported had a planned budget", () => {
    const result = progressOf(approved, [{ id: 1, planned: 0 }]);
    expect(result).toMatchObject({ kind: "reported", share: 1, budgetWeightedShare: null });
  });

  it("sums money spent over the measures that reported an amount", () => {
    expect(spentOf(approved, [1, 2, 3, 4])).toEqual({ kind: "reported", amount: 1900, cycleLabel: "2018" });
    expect(spentOf(approved, [3, 4])).toEqual({ kind: "not_reported" });
  });

  it("gives a measure's status and an indicator's values in year order", () => {
    expect(measureStatus(approved, 2)).toEqual({ kind: "reported", status: "in_progress", cycleLabel: "2018" });
    expect(measureStatus(approved, 4)).toEqual({ kind: "not_reported" });
    const actuals = indicatorActuals(approved, 7);
    expect(actuals.kind === "reported" ? actuals.values.map((v) => v.year) : []).toEqual([2018, 2019]);
  });
});

import { describe, expect, it } from "vitest";
import { rollUp, type MeasureFact } from "./rollup.server.ts";

function fact(id: number, overrides: Partial<MeasureFact> = {}): MeasureFact {
  return {
    id,
    actionPlanId: 1,
    isLocal: false,
    kasCode: null,
    planSectorId: 10,
    sectorCode: "education",
    objectiveId: 100,
    implementsMeasureId: null,
    plannedBudget: 0,
    approvedStatus: null,
    ...overrides,
  };
}

describe("rollUp", () => {
  it("says 'not yet reported' (null), never 0, while nothing is approved", () => {
    const result = rollUp([fact(1, { plannedBudget: 100 }), fact(2)]);
    expect(result.strategy).toMatchObject({ measures: 2, reported: 0, completed: 0, share: null, weightedShare: null });
  });

  it("computes the plain share and the share weighted by planned budget", () => {
    const result = rollUp([
      fact(1, { plannedBudget: 9000, approvedStatus: "completed" }),
      fact(2, { plannedBudget: 1000, approvedStatus: "in_progress" }),
      fact(3, { plannedBudget: 0, approvedStatus: null, objectiveId: 101, planSectorId: 11, sectorCode: "health" }),
    ]);
    expect(result.strategy.share).toBeCloseTo(1 / 3);
    expect(result.strategy.weightedShare).toBeCloseTo(0.9);
    expect(result.objectives.get(100)?.share).toBe(0.5);
    expect(result.objectives.get(101)?.share).toBeNull();
    expect(result.sectors.get("health")?.share).toBeNull();
  });

  it("leaves cancelled measures out of the denominator", () => {
    const result = rollUp([
      fact(1, { approvedStatus: "completed", plannedBudget: 10 }),
      fact(2, { approvedStatus: "cancelled", plannedBudget: 90 }),
    ]);
    expect(result.strategy).toMatchObject({ measures: 2, cancelled: 1, completed: 1, share: 1, weightedShare: 1 });
  });

  it("completes a national measure when every local measure implementing it is completed", () => {
    const facts = [
      fact(1, { plannedBudget: 100 }),
      fact(2, { isLocal: true, kasCode: "20", actionPlanId: 2, implementsMeasureId: 1, approvedStatus: "completed" }),
      fact(3, { isLocal: true, kasCode: "07", actionPlanId: 3, implementsMeasureId: 1, approvedStatus: "completed" }),
    ];
    expect(rollUp(facts).measures.get(1)).toEqual({
      status: null,
      completed: true,
      reported: true,
      local: { implementing: 2, reported: 2, completed: 2 },
    });
    const partly = rollUp([
      ...facts.slice(0, 2),
      fact(3, { isLocal: true, kasCode: "07", actionPlanId: 3, implementsMeasureId: 1, approvedStatus: "delayed" }),
    ]);
    expect(partly.measures.get(1)).toMatchObject({
      completed: false,
      reported: true,
      local: { implementing: 2, reported: 2, completed: 1 },
    });
    expect(partly.plans.get(1)?.share).toBe(0);
  });
});

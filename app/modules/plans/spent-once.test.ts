import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { loadApprovedFigures, spentOf, spentOnce } from "./progress.server.ts";
import { listMunicipalityPlans } from "./strategies.queries.server.ts";

/*
 * Money spent is counted once per stretch of time (decision 023): when reporting cycles overlap
 * (a half year inside an annual cycle), the overlapping report's money is not added again.
 */

// The periods of the cases.
const FIRST_HALF_2018 = ["2018-01-01", "2018-06-30"] as const;
const SECOND_HALF_2018 = ["2018-07-01", "2018-12-31"] as const;
const YEAR_2018 = ["2018-01-01", "2018-12-31"] as const;
const YEAR_2019 = ["2019-01-01", "2019-12-31"] as const;
const JULY_2018_TO_JUNE_2019 = ["2018-07-01", "2019-06-30"] as const;

/** An approved report's spending: its cycle, the cycle's period and the amount reported. */
const r = (cycleId: number, [periodStart, periodEnd]: readonly [string, string], amount: number | null) => ({
  cycleId,
  periodStart,
  periodEnd,
  amount,
});

describe("spentOnce", () => {
  it("counts an annual report once even with a half year inside it", () => {
    expect(spentOnce([r(1, SECOND_HALF_2018, 300), r(2, YEAR_2018, 1000)])).toBe(1000);
    expect(spentOnce([r(1, FIRST_HALF_2018, 400), r(2, YEAR_2018, 1000), r(3, SECOND_HALF_2018, 600)])).toBe(1000);
  });
  it("adds periods that do not overlap (two half years, consecutive years)", () => {
    expect(spentOnce([r(1, FIRST_HALF_2018, 400), r(2, SECOND_HALF_2018, 600)])).toBe(1000);
    expect(spentOnce([r(1, YEAR_2018, 1000), r(2, YEAR_2019, 2000)])).toBe(3000);
  });
  it("keeps the later of partly overlapping periods and still counts an earlier one it does not touch", () => {
    expect(spentOnce([r(1, YEAR_2018, 100), r(2, JULY_2018_TO_JUNE_2019, 200), r(3, YEAR_2019, 400)])).toBe(500);
  });
  it("ignores reports without an amount, and is null when none gave one", () => {
    expect(spentOnce([r(1, FIRST_HALF_2018, 400), r(2, YEAR_2018, null)])).toBe(400);
    expect(spentOnce([r(2, YEAR_2018, null)])).toBeNull();
    expect(spentOnce([])).toBeNull();
  });
});

describe("approved spending with overlapping cycles, from the database", () => {
  let handle: DatabaseHandle;
  let plan: BuiltPlan;
  beforeAll(async () => {
    handle = await createTestDatabase();
    plan = await createPlanTree(handle.db, {
      national: { measures: [{ code: "N-1", budget: { government: 5000 } }] },
      locals: [{ kasCode: "20", measures: [{ code: "L-1", implements: "N-1", budget: { municipality: 2000 } }] }],
    });
    const db = handle.db;
    const cycle = async (planId: number, kind: "annual" | "half_year", start: string, end: string) =>
      (
        await db
          .insertInto("reporting_cycle")
          .values({
            action_plan_id: planId,
            period_kind: kind,
            period_start: start,
            period_end: end,
            label: `${kind} ${start}`,
            deadline: "2019-03-01",
            status: "closed",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const report = async (
      cycleId: number,
      measureId: number,
      orgId: number,
      kas: string | null,
      state: "approved" | "submitted",
      amounts: number[],
    ) => {
      const task = await db
        .insertInto("reporting_task")
        .values({
          cycle_id: cycleId,
          organisation_id: orgId,
          kas_code: kas,
          status: state === "approved" ? "approved" : "submitted",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const mr = await db
        .insertInto("measure_report")
        .values({
          cycle_id: cycleId,
          task_id: task.id,
          measure_id: measureId,
          status: "in_progress",
          review_state: state,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const sources = ["government", "municipality", "donor"] as const;
      if (amounts.length)
        await db
          .insertInto("measure_spending")
          .values(
            amounts.map((amount, i) => ({ measure_report_id: mr.id, source: sources[i]!, amount: String(amount) })),
          )
          .execute();
    };
    const annual = await cycle(plan.nationalPlanId, "annual", ...YEAR_2018);
    const half = await cycle(plan.nationalPlanId, "half_year", ...SECOND_HALF_2018);
    const next = await cycle(plan.nationalPlanId, "annual", ...YEAR_2019);
    const local = plan.measures["20:L-1"]!;
    const office = plan.municipalOfficeIds["20"]!;
    await report(annual, plan.measures["N-1"]!, plan.ministryId, null, "approved", [1000, 500]);
    await report(half, plan.measures["N-1"]!, plan.ministryId, null, "approved", [700]);
    await report(next, plan.measures["N-1"]!, plan.ministryId, null, "submitted", [9999]);
    await report(annual, local, office, "20", "approved", [300]);
    await report(half, local, office, "20", "approved", [200]);
  });
  afterAll(async () => handle.close());

  it("counts the annual report's money, not the half year inside it again, and never an unapproved amount", async () => {
    const figures = await loadApprovedFigures(handle.db, [plan.nationalPlanId]);
    expect(figures.measures.get(plan.measures["N-1"]!)?.spent).toBe(1500);
    expect(figures.measures.get(plan.measures["20:L-1"]!)?.spent).toBe(300);
    expect(spentOf(figures, [plan.measures["N-1"]!, plan.measures["20:L-1"]!])).toMatchObject({
      kind: "reported",
      amount: 1800,
    });
  });

  it("gives the same figure in the municipality's plans section", async () => {
    const plans = await listMunicipalityPlans(handle.db, "20");
    expect(plans.flatMap((p) => p.measures).find((m) => m.code === "L-1")?.approved.spent).toBe(300);
  });
});

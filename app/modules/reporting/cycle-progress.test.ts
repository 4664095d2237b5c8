import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { openAnnualCycle, secondInstance } from "../../../tests/support/plan-instances.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { setUpReportingTest } from "./annual-report.test-support.ts";
import { reportAndApproveCycle } from "./reporting.test-support.ts";
import { loadCycleProgress, loadMeasureFacts, rollUp } from "./rollup.server.ts";

/*
 * Decision 060: the reporting board keeps a cycle's progress per generation of
 * `strategy_figures_generation`. What must hold: the kept progress always equals the roll-up read
 * afresh, after a write through the commands, through direct SQL and through another database
 * handle (a second instance), including a measure report added to or removed from the cycle
 * (migration 0048); while nothing is written, a request reads one statement.
 */

const setUp = setUpReportingTest(
  {
    national: {
      measures: [
        { code: "M1", sector: "education", budget: { government: 1000 } },
        { code: "M2", sector: "health", budget: { government: 3000 } },
        { code: "M3", sector: "health", budget: { government: 500 } },
      ],
    },
  },
  "req-cycle-progress",
);
const { handle, audit } = setUp;
/** A second application instance on the same database: its own Kysely object, so its own kept progress. */
let otherInstance: Db;
let focal: Extract<Actor, { kind: "user" }>;
let cycleId = 0;

/** The cycle's progress read afresh, as the board computed it before it was kept. */
async function fresh() {
  return rollUp(await loadMeasureFacts(handle.db, { cycleId })).strategy;
}

/** Both instances show what a fresh reading shows. */
async function expectCurrent() {
  const expected = await fresh();
  expect(await loadCycleProgress(handle.db, cycleId)).toEqual(expected);
  expect(await loadCycleProgress(otherInstance, cycleId)).toEqual(expected);
  return expected;
}

beforeAll(async () => {
  otherInstance = secondInstance(handle.db);
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: setUp.plan.ministryId }]);
  cycleId = await openAnnualCycle(handle.db, audit(setUp.coordinator), setUp.plan.nationalPlanId);
});

describe("a cycle's kept progress (the reporting board)", () => {
  it("reads one statement while nothing is written, and is the same object", async () => {
    const first = await expectCurrent();
    expect(first).toMatchObject({ measures: 3, reported: 0, completed: 0, share: null });
    const kept = await loadCycleProgress(handle.db, cycleId);
    const again = await withQueryStats(() => loadCycleProgress(handle.db, cycleId));
    expect(again.stats.queries).toBe(1);
    expect(again.result).toBe(kept);
  });

  it("shows a draft report removed from or added to the cycle in direct SQL, on every instance", async () => {
    await expectCurrent();
    const removed = await otherInstance
      .deleteFrom("measure_report")
      .where("cycle_id", "=", cycleId)
      .where("measure_id", "=", setUp.plan.measures["M3"]!)
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(removed.review_state).not.toBe("approved");
    expect(await expectCurrent()).toMatchObject({ measures: 2 });
    await sql`insert into measure_report (cycle_id, task_id, measure_id) values (${cycleId}, ${removed.task_id}, ${removed.measure_id})`.execute(
      handle.db,
    );
    expect(await expectCurrent()).toMatchObject({ measures: 3 });
  });

  it("shows approvals through the commands, and approved statuses and budgets changed in direct SQL", async () => {
    await expectCurrent();
    await reportAndApproveCycle(handle.db, { cycleId, reporter: focal, coordinator: setUp.coordinator });
    expect(await expectCurrent()).toMatchObject({ measures: 3, reported: 3, completed: 3, share: 1 });
    await sql`update measure_report set status = 'in_progress' where cycle_id = ${cycleId} and measure_id = ${setUp.plan.measures["M1"]!}`.execute(
      otherInstance,
    );
    const partly = await expectCurrent();
    expect(partly).toMatchObject({ completed: 2, budgetPlanned: 4500, budgetCompleted: 3500 });
    await sql`update measure_budget set amount = amount * 9 where measure_id = ${setUp.plan.measures["M1"]!}`.execute(
      handle.db,
    );
    expect(await expectCurrent()).toMatchObject({ completed: 2, budgetPlanned: 12500, budgetCompleted: 3500 });
  });
});

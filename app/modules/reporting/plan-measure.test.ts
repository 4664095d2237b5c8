import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { loadMeasureFacts } from "./rollup.server.ts";

/*
 * The view `plan_measure` (migration 0058, decisions 049 and 050): the plans module's published read
 * of its measures, which the roll-up and the annual report read instead of plans' tables. It must say
 * what the tables say — the plan's kind, municipality and strategy, the measure's own sector — and,
 * holding nothing of its own, show a change at once.
 */

let handle: DatabaseHandle;
let plan: BuiltPlan;

beforeAll(async () => {
  handle = await createTestDatabase();
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        { code: "EDU-1", sector: "education" },
        // A measure in another sector than its objective's (decision 045): the view gives the measure's own.
        { code: "EMP-1", sector: "employment_social_welfare", objectiveSector: "education" },
      ],
    },
    locals: [{ kasCode: "20", measures: [{ code: "PZ-1", sector: "education", implements: "EDU-1" }] }],
  });
});

afterAll(async () => {
  await handle.close();
});

async function viewRows(strategyId: number) {
  return handle.db
    .selectFrom("plan_measure")
    .select([
      "id",
      "code",
      "plan_kind",
      "kas_code",
      "action_plan_id",
      "plan_sector_id",
      "sector_code",
      "implements_measure_id",
    ])
    .where("strategy_id", "=", strategyId)
    .orderBy("id")
    .execute();
}

describe("plan_measure", () => {
  it("gives every measure of a strategy with its plan and its own sector, as the tables say", async () => {
    const expected = await sql`
      select m.id, m.code, p.kind as plan_kind, p.kas_code, m.action_plan_id, m.plan_sector_id, ps.sector_code,
        m.implements_measure_id
      from measure m join action_plan p on p.id = m.action_plan_id join plan_sector ps on ps.id = m.plan_sector_id
      where p.strategy_id = ${plan.strategyId} order by m.id`.execute(handle.db);
    expect(expected.rows).toHaveLength(3);
    expect(await viewRows(plan.strategyId)).toEqual(expected.rows);
    const byCode = new Map((await viewRows(plan.strategyId)).map((r) => [r.code, r]));
    expect(byCode.get("EMP-1")).toMatchObject({
      plan_kind: "national",
      kas_code: null,
      sector_code: "employment_social_welfare",
    });
    expect(byCode.get("PZ-1")).toMatchObject({
      plan_kind: "local",
      kas_code: "20",
      action_plan_id: plan.localPlanIds["20"],
      implements_measure_id: plan.measures["EDU-1"],
    });
  });

  it("shows a measure moved to another sector at once, in the view and in the roll-up's facts", async () => {
    const measureId = plan.measures["EDU-1"]!;
    // The sector of the plan's other measure, EMP-1.
    const target = (await viewRows(plan.strategyId)).find((r) => r.code === "EMP-1")!.plan_sector_id;
    await handle.db.updateTable("measure").set({ plan_sector_id: target }).where("id", "=", measureId).execute();
    const moved = (await viewRows(plan.strategyId)).find((r) => r.id === measureId);
    expect(moved?.sector_code).toBe("employment_social_welfare");
    const fact = (await loadMeasureFacts(handle.db, { strategyId: plan.strategyId })).find((f) => f.id === measureId);
    expect(fact).toMatchObject({ sectorCode: "employment_social_welfare", planSectorId: target, isLocal: false });
  });
});

import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { searchPublicMeasures, type MeasureSearch } from "#app/modules/plans/strategies.queries.server.ts";
import { createPlanTree, type BuiltPlan } from "../support/plan-factory.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * Issue 18: the public measures list (`/api/v1/measures`) counted every public measure on each request.
 * Its total is now kept per filter at the generations it depends on (strategy figures', strategy
 * pages'), read by the page's own statement. What must hold: while nothing changes a page is one
 * statement with the right total; a write to anything a total depends on — by direct SQL, on one
 * database handle while another (a second instance) answers — changes the total at the next request;
 * a page past the end still says how many there are.
 */

let handle: DatabaseHandle;
/** A second application instance on the same database: its own Kysely object, so its own kept totals. */
let otherInstance: Db;
let plan: BuiltPlan;

/** Passes every query and result through unchanged: only makes `withPlugin` return a new Kysely object. */
const unchanged: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

async function total(search: Partial<MeasureSearch> = {}, db: Db = otherInstance): Promise<number> {
  return (await searchPublicMeasures(db, { page: 1, pageSize: 50, ...search })).total;
}

async function statements(fn: () => Promise<unknown>): Promise<number> {
  return (await withQueryStats(fn)).stats.queries;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  otherInstance = handle.db.withPlugin(unchanged);
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        { code: "EDU-1", sector: "education" },
        { code: "EDU-2", sector: "education" },
        { code: "HEA-1", sector: "health" },
      ],
    },
    locals: [{ kasCode: "20", measures: [{ code: "L-1", sector: "education", implements: "EDU-1" }] }],
  });
});
afterAll(() => handle.close());

describe("the public measures list's total, kept per filter and generation", () => {
  it("is counted once, then a page is one statement with the same total", async () => {
    expect(await statements(() => total())).toBe(2);
    expect(await statements(() => total())).toBe(1);
    expect(await total()).toBe(4);
    expect(await total({ sector: "education" })).toBe(3);
    expect(await total({ municipality: "20" })).toBe(1);
    expect(await statements(() => total({ sector: "education" }))).toBe(1);
  });

  it("a measure moved to another sector by direct SQL shows at the next request on another instance", async () => {
    expect(await total({ sector: "health" })).toBe(1);
    const health = await handle.db
      .selectFrom("measure")
      .select("plan_sector_id")
      .where("id", "=", plan.measures["HEA-1"]!)
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable("measure")
      .set({ plan_sector_id: health.plan_sector_id })
      .where("id", "=", plan.measures["EDU-2"]!)
      .execute();
    expect(await total({ sector: "health" })).toBe(2);
    expect(await total({ sector: "education" })).toBe(2);
    expect(await total()).toBe(4);
  });

  it("a supporting organisation added by direct SQL counts for that institution at the next request", async () => {
    const institution = plan.municipalOfficeIds["20"]!;
    const before = await total({ institution });
    await handle.db
      .insertInto("measure_supporting_organisation")
      .values({ measure_id: plan.measures["HEA-1"]!, organisation_id: institution })
      .execute();
    expect(await total({ institution })).toBe(before + 1);
  });

  it("a plan set back to draft leaves the totals at the next request", async () => {
    expect(await total({ municipality: "20" })).toBe(1);
    const localPlanId = plan.localPlanIds["20"]!;
    await handle.db.updateTable("action_plan").set({ status: "draft" }).where("id", "=", localPlanId).execute();
    try {
      expect(await total({ municipality: "20" })).toBe(0);
      expect(await total()).toBe(3);
    } finally {
      await handle.db.updateTable("action_plan").set({ status: "adopted" }).where("id", "=", localPlanId).execute();
    }
    expect(await total()).toBe(4);
  });

  it("a page past the end has no rows and the real total", async () => {
    const past = await searchPublicMeasures(otherInstance, { page: 9, pageSize: 50 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(4);
  });

  it("each instance keeps its own totals, and both see a write", async () => {
    expect(await total({}, handle.db)).toBe(4);
    await handle.db
      .updateTable("measure")
      .set({
        plan_sector_id: (eb) =>
          eb.selectFrom("measure as h").select("h.plan_sector_id").where("h.id", "=", plan.measures["EDU-1"]!),
      })
      .where("id", "=", plan.measures["EDU-2"]!)
      .execute();
    expect(await total({ sector: "education" }, handle.db)).toBe(3);
    expect(await total({ sector: "education" })).toBe(3);
  });
});

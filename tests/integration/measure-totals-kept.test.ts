import { describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { searchPublicMeasures, type MeasureSearch } from "#app/modules/plans/strategies.queries.server.ts";
import { moveMeasureToSector } from "../support/plan-instances.ts";
import { planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";

/*
 * Issue 18: the public measures list (`/api/v1/measures`) counted every public measure on each request.
 * Its total is now kept per filter at the generations it depends on (strategy figures', strategy
 * pages'), read by the page's own statement. What must hold: while nothing changes a page is one
 * statement with the right total; a write to anything a total depends on — by direct SQL, on one
 * database handle while another (a second instance) answers — changes the total at the next request;
 * a page past the end still says how many there are.
 */

/** The plan, and a second instance on its database: its own Kysely object, so its own kept totals. */
const opened = planOnTwoInstancesForFile({
  national: {
    measures: [
      { code: "EDU-1", sector: "education" },
      { code: "EDU-2", sector: "education" },
      { code: "HEA-1", sector: "health" },
    ],
  },
  locals: [{ kasCode: "20", measures: [{ code: "L-1", sector: "education", implements: "EDU-1" }] }],
});

async function total(search: Partial<MeasureSearch> = {}, db: Db = opened.otherInstance): Promise<number> {
  return (await searchPublicMeasures(db, { page: 1, pageSize: 50, ...search })).total;
}

async function statements(fn: () => Promise<unknown>): Promise<number> {
  return (await withQueryStats(fn)).stats.queries;
}

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
    await moveMeasureToSector(opened.handle.db, opened.plan.nationalPlanId, opened.plan.measures["EDU-2"]!, "health");
    expect(await total({ sector: "health" })).toBe(2);
    expect(await total({ sector: "education" })).toBe(2);
    expect(await total()).toBe(4);
  });

  it("a supporting organisation added by direct SQL counts for that institution at the next request", async () => {
    const institution = opened.plan.municipalOfficeIds["20"]!;
    const before = await total({ institution });
    await opened.handle.db
      .insertInto("measure_supporting_organisation")
      .values({ measure_id: opened.plan.measures["HEA-1"]!, organisation_id: institution })
      .execute();
    expect(await total({ institution })).toBe(before + 1);
  });

  it("a plan set back to draft leaves the totals at the next request", async () => {
    expect(await total({ municipality: "20" })).toBe(1);
    const localPlanId = opened.plan.localPlanIds["20"]!;
    await opened.handle.db.updateTable("action_plan").set({ status: "draft" }).where("id", "=", localPlanId).execute();
    try {
      expect(await total({ municipality: "20" })).toBe(0);
      expect(await total()).toBe(3);
    } finally {
      await opened.handle.db
        .updateTable("action_plan")
        .set({ status: "adopted" })
        .where("id", "=", localPlanId)
        .execute();
    }
    expect(await total()).toBe(4);
  });

  it("a page past the end has no rows and the real total", async () => {
    const past = await searchPublicMeasures(opened.otherInstance, { page: 9, pageSize: 50 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(4);
  });

  it("each instance keeps its own totals, and both see a write", async () => {
    expect(await total({}, opened.handle.db)).toBe(4);
    await moveMeasureToSector(
      opened.handle.db,
      opened.plan.nationalPlanId,
      opened.plan.measures["EDU-2"]!,
      "education",
    );
    expect(await total({ sector: "education" }, opened.handle.db)).toBe(3);
    expect(await total({ sector: "education" })).toBe(3);
  });
});

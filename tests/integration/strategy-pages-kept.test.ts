import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { keptStrategyPagesSize } from "#app/modules/plans/strategies/strategies.parts.server.tsx";
import type { BuiltPlan } from "../support/plan-factory.ts";
import { openPlanOnTwoInstances } from "../support/plan-instances.ts";
import { measurePage, planPage, strategyPage } from "../support/strategy-pages.ts";

/*
 * Decision 070: the strategy, plan and measure pages' loader data is kept whole per language, page of
 * measures and sector, at the generations of everything the page shows (the strategy figures', the
 * strategy pages' own, the organisations', the reference data's), read in one statement per request.
 * What must hold: while nothing changes a request is that one statement and gets the kept page; a write
 * to any table a page shows — by direct SQL, on one database handle while another (a second instance)
 * serves the page — shows at the next request; each language and sector has its own page, and
 * equivalent addresses share one. (Writes through the commands: strategy-parts-kept.test.ts, whose
 * approval goes through the same loaders.)
 */

let handle: DatabaseHandle;
/** A second application instance on the same database: its own Kysely object, so its own kept pages. */
let otherInstance: Db;
let plan: BuiltPlan;
let slug = "";
let localCode = "";

async function statements(fn: () => Promise<unknown>): Promise<number> {
  return (await withQueryStats(fn)).stats.queries;
}

beforeAll(async () => {
  ({ handle, otherInstance, plan, slug } = await openPlanOnTwoInstances({
    national: {
      measures: [
        { code: "EDU-1", sector: "education", budget: { government: 1000 }, indicators: [{ unit: "count" }] },
        { code: "HEA-1", sector: "health", budget: { government: 3000 } },
      ],
    },
    locals: [{ kasCode: "20", measures: [{ code: "L-1", sector: "education", implements: "EDU-1" }] }],
  }));
  localCode = plan.localPlanCodes["20"]!;
});
afterAll(() => handle.close());

describe("strategy pages kept per generation", () => {
  it("while nothing changes, a page is one statement and the kept page", async () => {
    const strategy = await strategyPage(otherInstance, slug);
    const local = await planPage(otherInstance, slug, localCode);
    const measure = await measurePage(otherInstance, plan.measures["EDU-1"]!);
    expect(await statements(() => strategyPage(otherInstance, slug))).toBe(1);
    expect(await statements(() => planPage(otherInstance, slug, localCode))).toBe(1);
    expect(await statements(() => measurePage(otherInstance, plan.measures["EDU-1"]!))).toBe(1);
    expect(await strategyPage(otherInstance, slug)).toBe(strategy);
    expect(await planPage(otherInstance, slug, localCode)).toBe(local);
    expect(await measurePage(otherInstance, plan.measures["EDU-1"]!)).toBe(measure);
    // Another handle (another instance) keeps its own.
    expect(await strategyPage(handle.db, slug)).not.toBe(strategy);
    expect(keptStrategyPagesSize(otherInstance)).toEqual({ pages: 2, measures: 1 });
  });

  it("each language and sector has its own page; equivalent addresses share one", async () => {
    const en = await strategyPage(otherInstance, slug);
    const sq = await strategyPage(otherInstance, slug, { lang: "sq" });
    expect(sq).not.toBe(en);
    expect(en.parts.sectors).toContain("Sectors");
    expect(sq.parts.sectors).toContain("Sektorët");
    const health = await strategyPage(otherInstance, slug, { search: "?sector=health" });
    expect(health).not.toBe(en);
    expect(health.parts.measures).toContain("HEA-1");
    expect(health.parts.measures).not.toContain(`/en/measures/${plan.measures["EDU-1"]}"`);
    // The first page asked for with its number, or a nonsense page, is the page without one.
    expect(await strategyPage(otherInstance, slug, { search: "?page=1" })).toBe(en);
    expect(await strategyPage(otherInstance, slug, { search: "?page=abc&utm_source=x" })).toBe(en);
    expect(await strategyPage(otherInstance, slug, { search: "?page=2" })).not.toBe(en);
    const measureSq = await measurePage(otherInstance, plan.measures["EDU-1"]!, { lang: "sq" });
    expect(measureSq.strategy.href).toBe(`/sq/strategies/${slug}`);
  });

  it("a strategy document and a strategy's title written directly show at the next request on another instance", async () => {
    const before = await strategyPage(otherInstance, slug);
    expect(before.documents).toEqual([]);
    await handle.db
      .insertInto("strategy_document")
      .values({
        strategy_id: plan.strategyId,
        title: { en: "Adopted text of the strategy" },
        locale: "en",
        url: "https://example.org/strategy.pdf",
        sort_order: 1,
      })
      .execute();
    const after = await strategyPage(otherInstance, slug);
    expect(after.documents.map((d) => d.title?.text)).toEqual(["Adopted text of the strategy"]);
    await handle.db
      .updateTable("strategy")
      .set({ title: { en: "Renamed strategy", sq: "Strategjia e riemërtuar" } })
      .where("id", "=", plan.strategyId)
      .execute();
    expect((await strategyPage(otherInstance, slug)).title?.text).toBe("Renamed strategy");
    expect((await strategyPage(otherInstance, slug, { lang: "sq" })).title?.text).toBe("Strategjia e riemërtuar");
    expect((await measurePage(otherInstance, plan.measures["EDU-1"]!)).strategy.title?.text).toBe("Renamed strategy");
  });

  it("an organisation's and a municipality's names written directly show at the next request on another instance", async () => {
    const before = await strategyPage(otherInstance, slug);
    const ownerId = before.owner.id;
    await handle.db
      .updateTable("organisation")
      .set({ name: { en: "Renamed owner office", sq: "Zyra e riemërtuar" } })
      .where("id", "=", ownerId)
      .execute();
    expect((await strategyPage(otherInstance, slug)).owner.name?.text).toBe("Renamed owner office");
    await handle.db
      .updateTable("organisation")
      .set({ name: { en: "Renamed ministry" } })
      .where("id", "=", plan.ministryId)
      .execute();
    expect((await measurePage(otherInstance, plan.measures["EDU-1"]!)).responsible.name?.text).toBe("Renamed ministry");
    const local = await planPage(otherInstance, slug, localCode);
    expect(local.municipality?.name).not.toBe("Prizreni i riemërtuar");
    await handle.db
      .updateTable("municipality")
      .set({ name_sq: "Prizreni i riemërtuar" })
      .where("kas_code", "=", "20")
      .execute();
    expect((await planPage(otherInstance, slug, localCode, { lang: "sq" })).municipality?.name).toBe(
      "Prizreni i riemërtuar",
    );
    expect((await strategyPage(otherInstance, slug, { lang: "sq" })).parts.localPlans).toContain(
      "Prizreni i riemërtuar",
    );
  });

  it("an indicator's name, a target and a community written directly show on the kept measure page at once", async () => {
    const id = plan.measures["EDU-1"]!;
    const indicatorId = plan.indicators["EDU-1/I1"]!;
    const before = await measurePage(otherInstance, id);
    expect(before.indicators[0]!.name?.text).toBe("Indicator I1 of EDU-1");
    await handle.db
      .updateTable("indicator")
      .set({ name: { en: "Children enrolled" } })
      .where("id", "=", indicatorId)
      .execute();
    expect((await measurePage(otherInstance, id)).indicators[0]!.name?.text).toBe("Children enrolled");
    await handle.db
      .insertInto("indicator_target")
      .values({ indicator_id: indicatorId, year: 2020, value: "77" })
      .execute();
    expect((await measurePage(otherInstance, id)).indicators[0]!.targets).toContainEqual({ year: 2020, label: "77" });
    await handle.db.insertInto("measure_community").values({ measure_id: id, community_code: "roma" }).execute();
    expect((await measurePage(otherInstance, id)).communities.map((c) => c.code)).toContain("roma");
  });
});

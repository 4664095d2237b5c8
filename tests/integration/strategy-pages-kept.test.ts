import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { keptStrategyPagesSize } from "#app/modules/plans/strategies/strategies.parts.server.tsx";
import { planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
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

const opened = planOnTwoInstancesForFile({
  national: {
    measures: [
      { code: "EDU-1", sector: "education", budget: { government: 1000 }, indicators: [{ unit: "count" }] },
      { code: "HEA-1", sector: "health", budget: { government: 3000 } },
    ],
  },
  locals: [{ kasCode: "20", measures: [{ code: "L-1", sector: "education", implements: "EDU-1" }] }],
});

let localCode = "";

async function statements(fn: () => Promise<unknown>): Promise<number> {
  return (await withQueryStats(fn)).stats.queries;
}

beforeAll(async () => {
  localCode = opened.plan.localPlanCodes["20"]!;
});

describe("strategy pages kept per generation", () => {
  it("while nothing changes, a page is one statement and the kept page", async () => {
    const strategy = await strategyPage(opened.otherInstance, opened.slug);
    const local = await planPage(opened.otherInstance, opened.slug, localCode);
    const measure = await measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!);
    expect(await statements(() => strategyPage(opened.otherInstance, opened.slug))).toBe(1);
    expect(await statements(() => planPage(opened.otherInstance, opened.slug, localCode))).toBe(1);
    expect(await statements(() => measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!))).toBe(1);
    expect(await strategyPage(opened.otherInstance, opened.slug)).toBe(strategy);
    expect(await planPage(opened.otherInstance, opened.slug, localCode)).toBe(local);
    expect(await measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!)).toBe(measure);
    // Another handle (another instance) keeps its own.
    expect(await strategyPage(opened.handle.db, opened.slug)).not.toBe(strategy);
    expect(keptStrategyPagesSize(opened.otherInstance)).toEqual({ pages: 2, measures: 1 });
  });

  it("each language and sector has its own page; equivalent addresses share one", async () => {
    const en = await strategyPage(opened.otherInstance, opened.slug);
    const sq = await strategyPage(opened.otherInstance, opened.slug, { lang: "sq" });
    expect(sq).not.toBe(en);
    expect(en.parts.sectors).toContain("Sectors");
    expect(sq.parts.sectors).toContain("Sektorët");
    const health = await strategyPage(opened.otherInstance, opened.slug, { search: "?sector=health" });
    expect(health).not.toBe(en);
    expect(health.parts.measures).toContain("HEA-1");
    expect(health.parts.measures).not.toContain(`/en/measures/${opened.plan.measures["EDU-1"]}"`);
    // The first page asked for with its number, or a nonsense page, is the page without one.
    expect(await strategyPage(opened.otherInstance, opened.slug, { search: "?page=1" })).toBe(en);
    expect(await strategyPage(opened.otherInstance, opened.slug, { search: "?page=abc&utm_source=x" })).toBe(en);
    expect(await strategyPage(opened.otherInstance, opened.slug, { search: "?page=2" })).not.toBe(en);
    const measureSq = await measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!, { lang: "sq" });
    expect(measureSq.strategy.href).toBe(`/sq/strategies/${opened.slug}`);
  });

  it("a strategy document and a strategy's title written directly show at the next request on another instance", async () => {
    const before = await strategyPage(opened.otherInstance, opened.slug);
    expect(before.documents).toEqual([]);
    await opened.handle.db
      .insertInto("strategy_document")
      .values({
        strategy_id: opened.plan.strategyId,
        title: { en: "Adopted text of the strategy" },
        locale: "en",
        url: "https://example.org/strategy.pdf",
        sort_order: 1,
      })
      .execute();
    const after = await strategyPage(opened.otherInstance, opened.slug);
    expect(after.documents.map((d) => d.title?.text)).toEqual(["Adopted text of the strategy"]);
    await opened.handle.db
      .updateTable("strategy")
      .set({ title: { en: "Renamed strategy", sq: "Strategjia e riemërtuar" } })
      .where("id", "=", opened.plan.strategyId)
      .execute();
    expect((await strategyPage(opened.otherInstance, opened.slug)).title?.text).toBe("Renamed strategy");
    expect((await strategyPage(opened.otherInstance, opened.slug, { lang: "sq" })).title?.text).toBe(
      "Strategjia e riemërtuar",
    );
    expect((await measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!)).strategy.title?.text).toBe(
      "Renamed strategy",
    );
  });

  it("an organisation's and a municipality's names written directly show at the next request on another instance", async () => {
    const before = await strategyPage(opened.otherInstance, opened.slug);
    const ownerId = before.owner.id;
    await opened.handle.db
      .updateTable("organisation")
      .set({ name: { en: "Renamed owner office", sq: "Zyra e riemërtuar" } })
      .where("id", "=", ownerId)
      .execute();
    expect((await strategyPage(opened.otherInstance, opened.slug)).owner.name?.text).toBe("Renamed owner office");
    await opened.handle.db
      .updateTable("organisation")
      .set({ name: { en: "Renamed ministry" } })
      .where("id", "=", opened.plan.ministryId)
      .execute();
    expect((await measurePage(opened.otherInstance, opened.plan.measures["EDU-1"]!)).responsible.name?.text).toBe(
      "Renamed ministry",
    );
    const local = await planPage(opened.otherInstance, opened.slug, localCode);
    expect(local.municipality?.name).not.toBe("Prizreni i riemërtuar");
    await opened.handle.db
      .updateTable("municipality")
      .set({ name_sq: "Prizreni i riemërtuar" })
      .where("kas_code", "=", "20")
      .execute();
    expect((await planPage(opened.otherInstance, opened.slug, localCode, { lang: "sq" })).municipality?.name).toBe(
      "Prizreni i riemërtuar",
    );
    expect((await strategyPage(opened.otherInstance, opened.slug, { lang: "sq" })).parts.localPlans).toContain(
      "Prizreni i riemërtuar",
    );
  });

  it("an indicator's name, a target and a community written directly show on the kept measure page at once", async () => {
    const id = opened.plan.measures["EDU-1"]!;
    const indicatorId = opened.plan.indicators["EDU-1/I1"]!;
    const before = await measurePage(opened.otherInstance, id);
    expect(before.indicators[0]!.name?.text).toBe("Indicator I1 of EDU-1");
    await opened.handle.db
      .updateTable("indicator")
      .set({ name: { en: "Children enrolled" } })
      .where("id", "=", indicatorId)
      .execute();
    expect((await measurePage(opened.otherInstance, id)).indicators[0]!.name?.text).toBe("Children enrolled");
    await opened.handle.db
      .insertInto("indicator_target")
      .values({ indicator_id: indicatorId, year: 2020, value: "77" })
      .execute();
    expect((await measurePage(opened.otherInstance, id)).indicators[0]!.targets).toContainEqual({
      year: 2020,
      label: "77",
    });
    await opened.handle.db.insertInto("measure_community").values({ measure_id: id, community_code: "roma" }).execute();
    expect((await measurePage(opened.otherInstance, id)).communities.map((c) => c.code)).toContain("roma");
  });
});

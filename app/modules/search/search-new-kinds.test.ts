import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import {
  municipalitySearchEntries,
  settlementSearchEntries,
} from "#app/modules/municipalities/municipalities.search-index.server.ts";
import { adoptPlan, updateStrategy } from "#app/modules/plans/planning.commands.server.ts";
import { StrategyUpdateSchema } from "#app/modules/plans/planning.schema.ts";
import {
  buildSamplePlan,
  expectOk,
  OFFICE,
  organisationIds,
  sampleStrategyFields,
} from "#app/modules/plans/planning.test-fixtures.ts";
import { searchIndexTexts } from "#app/services/search-index.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { listPublicPaths, searchEntries } from "./search.queries.server.ts";

/*
 * Action plans, measures, municipalities and settlements in the search index (issue 15 item 5,
 * decision 038): found, linked to their pages, in step with every write, and only when the public
 * pages show them.
 */

const handle = setUpTestDatabase();

async function find(query: string, includePrivate = false, kind?: string) {
  const result = await searchEntries(handle.db, { query, kind, page: 1, pageSize: 100, includePrivate });
  return result.items.map((i) => ({ kind: i.kind, refId: i.refId, path: i.path }));
}

describe("municipalities and settlements", () => {
  it("finds a municipality by its name in either language and script, first", async () => {
    for (const query of ["Ferizaj", "Uroševac", "Урошевац", "urosevac", "Ferizajt"]) {
      const items = await find(query);
      expect(items[0], query).toEqual({
        kind: "municipality",
        refId: expect.any(String),
        path: expect.stringMatching(/^municipalities\/\d{2}-ferizaj$/),
      });
    }
  });

  it("finds a settlement, linked to its municipality's list of settlements", async () => {
    const items = await find("Žur", false, "settlement");
    expect(items.map((i) => i.path)).toContain("municipalities/20-prizren#settlements-heading");
    const cyrillic = await find("Жур", false, "settlement");
    expect(cyrillic).toEqual(items);
  });

  it("writes the same entries in the migration as the municipalities module builds", async () => {
    const module = [...(await municipalitySearchEntries(handle.db)), ...(await settlementSearchEntries(handle.db))];
    const rows = await handle.db
      .selectFrom("search_entry")
      .select([
        "kind",
        "ref_id",
        "title",
        "summary",
        "body",
        "path",
        "municipalities",
        "is_public",
        "search_text",
        "head_text",
      ])
      .where("kind", "in", ["municipality", "settlement"])
      .orderBy("kind")
      .orderBy("ref_id")
      .execute();
    expect(rows.length).toBe(module.length);
    expect(rows.length).toBeGreaterThan(38);
    const byKey = new Map(rows.map((r) => [`${r.kind}:${r.ref_id}`, r]));
    for (const entry of module) {
      const row = byKey.get(`${entry.kind}:${entry.refId}`);
      const texts = searchIndexTexts(entry);
      expect(row, `${entry.kind}:${entry.refId}`).toMatchObject({
        title: entry.title,
        summary: entry.summary ?? {},
        body: entry.body ?? "",
        path: entry.path,
        municipalities: entry.municipalities,
        is_public: true,
        search_text: texts.searchText,
        head_text: texts.headText,
      });
    }
  });

  it("keeps settlement paths (fragments) out of the sitemap, municipalities in it", async () => {
    const paths = (await listPublicPaths(handle.db)).map((p) => p.path);
    expect(paths).toContain("municipalities/20-prizren");
    expect(paths.some((p) => p.includes("#"))).toBe(false);
  });
});

describe("action plans and measures", () => {
  it("are indexed on every write, and public only while the plan and its strategy are", async () => {
    const actor = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    const audit = { actor, requestId: "test" };
    // A draft strategy with a draft national plan "Plani i veprimit" / "Akcioni plan" and measures ("Bursa për nxënës").
    const { strategyId, planId, measureIds, version } = await buildSamplePlan(handle.db, audit);
    const planEntry = {
      kind: "action_plan",
      refId: String(planId),
      path: "strategies/strategjia-script-alert-1-script/plans/NAP-2022",
    };
    const slug = (
      await handle.db.selectFrom("strategy").select("slug").where("id", "=", strategyId).executeTakeFirstOrThrow()
    ).slug;
    planEntry.path = `strategies/${slug}/plans/NAP-2022`;

    expect(await find("akcioni plan", false, "action_plan")).toEqual([]);
    expect(await find("akcionog plana", true, "action_plan")).toEqual([planEntry]);
    expect(await find("bursa nxënës", false, "measure")).toEqual([]);

    // Adopting the plan is not enough while the strategy is a draft: its public pages show neither.
    expectOk(await adoptPlan(handle.db, audit, planId, { version }));
    expect(await find("Акциони план", false, "action_plan")).toEqual([]);
    expect(await find("bursat", false, "measure")).toEqual([]);

    const strategy = await handle.db
      .selectFrom("strategy")
      .select(["version"])
      .where("id", "=", strategyId)
      .executeTakeFirstOrThrow();
    const orgs = await organisationIds(handle.db, [OFFICE]);
    const form = { ...sampleStrategyFields(orgs[OFFICE]!), version: String(strategy.version) };
    expectOk(
      await updateStrategy(handle.db, audit, strategyId, StrategyUpdateSchema.parse({ ...form, status: "adopted" })),
    );
    expect(await find("Акциони план", false, "action_plan")).toEqual([planEntry]);
    expect(await find("planit veprimit", false, "action_plan")).toEqual([planEntry]);
    const measures = await find("bursat", false, "measure");
    expect(measures.map((m) => m.refId)).toContain(String(measureIds[0]));
    expect(measures[0]?.path).toBe(`measures/${measures[0]?.refId}`);

    // Back to draft: gone again for anonymous readers, in the same transaction as the change.
    expectOk(
      await updateStrategy(
        handle.db,
        audit,
        strategyId,
        StrategyUpdateSchema.parse({ ...form, status: "draft", version: String(strategy.version + 1) }),
      ),
    );
    expect(await find("akcioni plan", false, "action_plan")).toEqual([]);
    expect(await find("bursat", false, "measure")).toEqual([]);
    const hidden = await sql<{ kind: string; n: string }>`
      select kind, count(*) as n from search_entry where kind in ('action_plan', 'measure') and is_public group by kind`.execute(
      handle.db,
    );
    expect(hidden.rows).toEqual([]);
  });
});

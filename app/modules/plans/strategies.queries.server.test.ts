import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { loadStrategyFigures, planFiguresOf } from "./progress.server.ts";
import { LOCAL_PLANS, NATIONAL_OBJECTIVES } from "./strategies.demo-content.ts";
import {
  getPublicMeasure,
  getPublicPlan,
  getPublicStrategy,
  listImplementingMeasures,
  listMeasureRows,
  listMunicipalityPlans,
  listPlanMeasures,
  listPublicStrategies,
  searchPublicMeasures,
} from "./strategies.queries.server.ts";
import { seedStrategiesDemo } from "./strategies.seed.server.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";

const handle = setUpTestDatabase();
beforeAll(async () => {
  await handle.db.transaction().execute((trx) => seedStrategiesDemo(trx));
});

const SLUG = "roma-ashkali-inclusion-2017-2021";
const nationalMeasureCount = NATIONAL_OBJECTIVES.flatMap((o) => o.measures).length;

describe("demo strategy", () => {
  it("is seeded once, adopted, with a national and three local plans", async () => {
    await handle.db.transaction().execute((trx) => seedStrategiesDemo(trx));
    const strategies = await listPublicStrategies(handle.db);
    expect(strategies).toHaveLength(1);
    const [strategy] = strategies;
    expect(strategy?.status).toBe("adopted");
    expect(strategy?.owner.slug).toBe("office-for-good-governance");
    expect(strategy?.plans.map((p) => p.kind)).toEqual(["national", "local", "local", "local"]);
    expect(
      planFiguresOf(await loadStrategyFigures(handle.db, [strategy!.plans[0]!.id]), strategy!.plans[0]!.id)
        .measureCount,
    ).toBe(nationalMeasureCount);
    expect(
      strategy?.plans
        .slice(1)
        .map((p) => p.municipality?.kasCode)
        .sort(),
    ).toEqual(["02", "09", "20"]);
  });

  it("marks every measure and indicator as demo content and indexes them for search", async () => {
    const notDemo = await handle.db.selectFrom("measure").select("id").where("is_demo", "=", false).execute();
    expect(notDemo).toEqual([]);
    const indicatorsNotDemo = await handle.db
      .selectFrom("indicator")
      .select("id")
      .where("is_demo", "=", false)
      .execute();
    expect(indicatorsNotDemo).toEqual([]);
    const entries = await handle.db
      .selectFrom("search_entry")
      .select(["kind", "path"])
      .where("kind", "in", ["strategy", "measure"])
      .execute();
    expect(entries.filter((e) => e.kind === "strategy").map((e) => e.path)).toEqual([`strategies/${SLUG}`]);
    const measures = await handle.db.selectFrom("measure").select("id").execute();
    expect(entries.filter((e) => e.kind === "measure")).toHaveLength(measures.length);
  });

  it("gives local measures the municipality's Office for Communities and Returns and a national measure", async () => {
    const rows = await handle.db
      .selectFrom("measure as m")
      .innerJoin("action_plan as p", "p.id", "m.action_plan_id")
      .innerJoin("organisation as o", "o.id", "m.responsible_organisation_id")
      .select(["p.kas_code", "o.kas_code as org_kas", "o.type_code", "m.implements_measure_id"])
      .where("p.kind", "=", "local")
      .execute();
    expect(rows).toHaveLength(LOCAL_PLANS.flatMap((p) => p.objectives.flatMap((o) => o.measures)).length);
    for (const row of rows) {
      expect(row.type_code).toBe("municipality_office");
      expect(row.org_kas).toBe(row.kas_code);
      expect(row.implements_measure_id).not.toBeNull();
    }
  });
});

describe("public reads", () => {
  it("hide draft strategies and draft plans", async () => {
    const owner = await handle.db.selectFrom("organisation").select("id").limit(1).executeTakeFirstOrThrow();
    await handle.db
      .insertInto("strategy")
      .values({
        slug: "draft-strategy",
        title: { en: "Draft" },
        period_start_year: 2025,
        period_end_year: 2027,
        owner_organisation_id: owner.id,
      })
      .execute();
    expect(await getPublicStrategy(handle.db, "draft-strategy")).toBeNull();
    expect((await listPublicStrategies(handle.db)).map((s) => s.slug)).toEqual([SLUG]);
    const strategy = await getPublicStrategy(handle.db, SLUG);
    const local = strategy!.plans.find((p) => p.kind === "local")!;
    await handle.db.updateTable("action_plan").set({ status: "draft" }).where("id", "=", local.id).execute();
    try {
      expect(await getPublicPlan(handle.db, SLUG, local.code)).toBeNull();
      expect((await getPublicStrategy(handle.db, SLUG))!.plans.map((p) => p.code)).not.toContain(local.code);
      const { rows } = await listPlanMeasures(handle.db, local.id);
      expect(await getPublicMeasure(handle.db, rows[0]!.id)).toBeNull();
      expect(
        (await searchPublicMeasures(handle.db, { municipality: local.municipality!.kasCode, page: 1, pageSize: 50 }))
          .total,
      ).toBe(0);
    } finally {
      await handle.db.updateTable("action_plan").set({ status: "adopted" }).where("id", "=", local.id).execute();
    }
  });

  it("keep a plan's budgets, weights and measure order with the figures, and load a page of measures in one query", async () => {
    const strategy = (await getPublicStrategy(handle.db, SLUG))!;
    const national = strategy.plans[0]!;
    const { rows: sums } = await sql<{
      planned: string;
    }>`select sum(b.amount) as planned from measure_budget b join measure m on m.id = b.measure_id where m.action_plan_id = ${national.id}`.execute(
      handle.db,
    );
    const planned = Number(sums[0]!.planned);
    const { stats, result } = await withQueryStats(async () => {
      const plan = planFiguresOf(await loadStrategyFigures(handle.db, [national.id]), national.id);
      return {
        plan,
        page: await listMeasureRows(
          handle.db,
          plan.order.slice(4, 8).map((m) => m.id),
        ),
        housing: await listMeasureRows(
          handle.db,
          plan.order.filter((m) => m.sectorCode === "housing").map((m) => m.id),
        ),
      };
    });
    // The figures computed after the previous test's writes (the generation and the computation), and two pages.
    expect(stats.queries).toBe(4);
    expect(result.plan.sectorBudgets.reduce((s, b) => s + b.planned, 0)).toBe(planned);
    expect(result.plan.planned).toBe(planned);
    expect(result.plan.measures.reduce((s, w) => s + w.planned, 0)).toBe(planned);
    expect(result.plan.order).toHaveLength(nationalMeasureCount);
    // The kept order is the plan order of the full list (sector, objective, measure, code).
    const everyMeasure = await listPlanMeasures(handle.db, national.id);
    expect(result.plan.order.map((m) => m.id)).toEqual(everyMeasure.rows.map((r) => r.id));
    expect(result.page.map((r) => r.id)).toEqual(everyMeasure.rows.slice(4, 8).map((r) => r.id));
    expect(result.housing.every((r) => r.sectorCode === "housing")).toBe(true);
    expect(result.housing).toHaveLength(2);
  });

  it("load a measure with its indicators, targets and the local measures implementing it", async () => {
    const strategy = (await getPublicStrategy(handle.db, SLUG))!;
    const { rows } = await listPlanMeasures(handle.db, strategy.plans[0]!.id);
    const learningCentres = rows.find((r) => r.code === "1.1.2")!;
    const measure = (await getPublicMeasure(handle.db, learningCentres.id))!;
    expect(measure.responsible.slug).toBe("ministry-of-education-science-and-technology");
    expect(measure.supporting.map((o) => o.slug).sort()).toEqual([
      "ministry-of-local-government-administration",
      "office-for-good-governance",
    ]);
    expect(measure.communities.map((c) => c.code)).toEqual(["roma", "ashkali"]);
    expect(measure.indicators[0]?.targets.map((t) => t.year)).toEqual([2017, 2018, 2019, 2020, 2021]);
    expect(measure.indicators[0]?.baselineValue).toBe(1200);
    const implementing = await listImplementingMeasures(handle.db, measure.id);
    expect(implementing.map((m) => m.municipality.kasCode).sort()).toEqual(["02", "09", "20"]);
  });

  it("list a municipality's local plan with the national measures its measures implement", async () => {
    const plans = await listMunicipalityPlans(handle.db, "20");
    expect(plans).toHaveLength(1);
    expect(plans[0]?.measures.map((m) => m.implements?.code)).toEqual(["1.1.2", "2.1.2", "4.1.1"]);
    expect(await listMunicipalityPlans(handle.db, "38")).toEqual([]);
  });

  it("filter measures by sector, municipality and institution", async () => {
    const all = await searchPublicMeasures(handle.db, { page: 1, pageSize: 100 });
    const housing = await searchPublicMeasures(handle.db, { sector: "housing", page: 1, pageSize: 100 });
    expect(housing.rows.every((r) => r.sectorCode === "housing")).toBe(true);
    expect(housing.total).toBeLessThan(all.total);
    const prizren = await searchPublicMeasures(handle.db, { municipality: "20", page: 1, pageSize: 100 });
    expect(prizren.rows.map((r) => r.kasCode)).toEqual(["20", "20", "20"]);
    const mlga = await organisationIdBySlug(handle.db, "ministry-of-local-government-administration");
    const byMlga = await searchPublicMeasures(handle.db, { institution: mlga, page: 1, pageSize: 100 });
    expect(byMlga.rows.length).toBeGreaterThan(1);
    expect(
      byMlga.rows.every((r) => r.responsibleOrganisationId === mlga || r.supportingOrganisationIds.includes(mlga)),
    ).toBe(true);
    const page2 = await searchPublicMeasures(handle.db, { page: 2, pageSize: 5 });
    expect(page2.rows[0]?.id).toBe(all.rows[5]?.id);
  });
});

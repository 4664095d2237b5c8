import type { Kysely } from "kysely";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import {
  DEMO_STRATEGY,
  LOCAL_PLANS,
  MINISTRY,
  NATIONAL_OBJECTIVES,
  NATIONAL_PLAN,
  OWNER_SLUG,
  type DemoIndicator,
  type DemoMeasure,
  type InstitutionKey,
} from "./strategies.demo-content.ts";
import { indexPlanMeasures, indexStrategy } from "./strategies.search.server.ts";

/** The sectors of the strategy (seed 001), in the order the plan lists them. */
const SECTORS = ["education", "employment_social_welfare", "health", "housing"];

/**
 * Demo seeder: the Strategy for Roma and Ashkali Communities 2017–2021 (facts of seed 001) with an
 * INVENTED national action plan and three INVENTED local action plans, all marked `is_demo`
 * (see strategies.demo-content.ts). Plans are adopted at revision 0 (revisions belong to the
 * workspace side). Runs inside the demo-seeding transaction; does nothing if the strategy exists.
 */
export async function seedStrategiesDemo(trx: Kysely<Database>): Promise<void> {
  const existing = await trx
    .selectFrom("strategy")
    .select("id")
    .where("slug", "=", DEMO_STRATEGY.slug)
    .executeTakeFirst();
  if (existing) return;

  const organisations = await trx.selectFrom("organisation").select(["id", "slug", "type_code", "kas_code"]).execute();
  const bySlug = new Map(organisations.map((o) => [o.slug, o.id]));
  const orgId = (slug: string) => {
    const id = bySlug.get(slug);
    if (id === undefined)
      throw new Error(`The organisation "${slug}" of the demo strategy is missing from the directory.`);
    return id;
  };
  const institution = (key: InstitutionKey) => orgId(key === "owner" ? OWNER_SLUG : MINISTRY[key]);
  const officeOf = (kasCode: string) => {
    const office = organisations.find((o) => o.type_code === "municipality_office" && o.kas_code === kasCode);
    if (!office) throw new Error(`No Office for Communities and Returns for municipality ${kasCode}.`);
    return office.id;
  };

  const strategy = await trx
    .insertInto("strategy")
    .values({
      slug: DEMO_STRATEGY.slug,
      title: DEMO_STRATEGY.title,
      summary: DEMO_STRATEGY.summary,
      original_locale: "en",
      period_start_year: DEMO_STRATEGY.periodStartYear,
      period_end_year: DEMO_STRATEGY.periodEndYear,
      owner_organisation_id: orgId(OWNER_SLUG),
      status: "adopted",
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const national = await insertPlan(
    trx,
    strategy.id,
    { kind: "national", kasCode: null, code: NATIONAL_PLAN.code, title: NATIONAL_PLAN.title },
    SECTORS,
  );
  const nationalMeasureIds = new Map<string, number>();
  const insertNationalMeasure = (objectiveId: number, measure: DemoMeasure) =>
    insertMeasure(
      trx,
      national,
      objectiveId,
      measure,
      institution(measure.responsible),
      measure.supporting.map(institution),
      null,
    );
  // Measures with a sector of their own are written last, so that the other measures keep the ids
  // (and with them the demo reporting cycle's statuses) they had before decision 045.
  const ownSector: { objectiveId: number; measure: DemoMeasure }[] = [];
  for (const objective of NATIONAL_OBJECTIVES) {
    const objectiveId = await insertObjective(trx, national, objective.code, objective.sector, objective.title);
    for (const measure of objective.measures) {
      if (measure.sector !== undefined) {
        ownSector.push({ objectiveId, measure });
        continue;
      }
      nationalMeasureIds.set(measure.code, await insertNationalMeasure(objectiveId, measure));
    }
  }

  const planIds = [national.planId];
  for (const plan of LOCAL_PLANS) {
    const local = await insertPlan(
      trx,
      strategy.id,
      { kind: "local", kasCode: plan.kasCode, code: plan.code, title: plan.title },
      plan.objectives.map((o) => o.sector),
    );
    planIds.push(local.planId);
    const office = officeOf(plan.kasCode);
    for (const objective of plan.objectives) {
      const objectiveId = await insertObjective(trx, local, objective.code, objective.sector, objective.title);
      for (const measure of objective.measures) {
        const implementsId = nationalMeasureIds.get(measure.implements);
        if (implementsId === undefined)
          throw new Error(
            `Local measure ${measure.code} implements an unknown national measure ${measure.implements}.`,
          );
        await insertMeasure(trx, local, objectiveId, measure, office, [], implementsId);
      }
    }
  }

  for (const { objectiveId, measure } of ownSector) {
    nationalMeasureIds.set(measure.code, await insertNationalMeasure(objectiveId, measure));
  }

  await indexStrategy(trx, strategy.id);
  for (const planId of planIds) await indexPlanMeasures(trx, planId);
}

interface InsertedPlan {
  planId: number;
  sectorIds: Map<string, number>;
  objectiveCount: number;
}

async function insertPlan(
  trx: Kysely<Database>,
  strategyId: number,
  plan: { kind: "national" | "local"; kasCode: string | null; code: string; title: TranslatedText },
  sectors: string[],
): Promise<InsertedPlan> {
  const row = await trx
    .insertInto("action_plan")
    .values({
      strategy_id: strategyId,
      kind: plan.kind,
      kas_code: plan.kasCode,
      code: plan.code,
      title: plan.title,
      original_locale: "en",
      period_start_year: DEMO_STRATEGY.periodStartYear,
      period_end_year: DEMO_STRATEGY.periodEndYear,
      status: "adopted",
      revision: 0,
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const unique = [...new Set(sectors)];
  const inserted = await trx
    .insertInto("plan_sector")
    .values(unique.map((code, i) => ({ action_plan_id: row.id, sector_code: code, sort_order: i })))
    .returning(["id", "sector_code"])
    .execute();
  return { planId: row.id, sectorIds: new Map(inserted.map((s) => [s.sector_code, s.id])), objectiveCount: 0 };
}

async function insertObjective(
  trx: Kysely<Database>,
  plan: InsertedPlan,
  code: string,
  sector: string,
  title: TranslatedText,
): Promise<number> {
  const sectorId = plan.sectorIds.get(sector);
  if (sectorId === undefined) throw new Error(`Sector ${sector} is not part of the plan.`);
  const row = await trx
    .insertInto("objective")
    .values({ action_plan_id: plan.planId, plan_sector_id: sectorId, code, title, sort_order: plan.objectiveCount++ })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertMeasure(
  trx: Kysely<Database>,
  plan: InsertedPlan,
  objectiveId: number,
  measure: Omit<DemoMeasure, "responsible" | "supporting">,
  responsibleId: number,
  supportingIds: number[],
  implementsId: number | null,
): Promise<number> {
  // Without a sector of its own, the measure takes its objective's (the database's default).
  const ownSectorId = measure.sector === undefined ? undefined : plan.sectorIds.get(measure.sector);
  if (measure.sector !== undefined && ownSectorId === undefined)
    throw new Error(`Sector ${measure.sector} of measure ${measure.code} is not part of the plan.`);
  const row = await trx
    .insertInto("measure")
    .values({
      action_plan_id: plan.planId,
      objective_id: objectiveId,
      ...(ownSectorId === undefined ? {} : { plan_sector_id: ownSectorId }),
      code: measure.code,
      title: measure.title,
      description: measure.description,
      responsible_organisation_id: responsibleId,
      start_date: measure.start,
      end_date: measure.end,
      implements_measure_id: implementsId,
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const supporting = [...new Set(supportingIds.filter((id) => id !== responsibleId))];
  if (supporting.length > 0)
    await trx
      .insertInto("measure_supporting_organisation")
      .values(supporting.map((id) => ({ measure_id: row.id, organisation_id: id })))
      .execute();
  if (measure.communities.length > 0)
    await trx
      .insertInto("measure_community")
      .values(measure.communities.map((code) => ({ measure_id: row.id, community_code: code })))
      .execute();
  if (measure.budget.length > 0) {
    await trx
      .insertInto("measure_budget")
      .values(
        measure.budget.map((b) => ({
          measure_id: row.id,
          year: b.year,
          source: b.source,
          amount: b.amount.toFixed(2),
        })),
      )
      .execute();
  }
  for (const [i, indicator] of measure.indicators.entries()) await insertIndicator(trx, row.id, indicator, i);
  return row.id;
}

async function insertIndicator(
  trx: Kysely<Database>,
  measureId: number,
  indicator: DemoIndicator,
  sortOrder: number,
): Promise<void> {
  const row = await trx
    .insertInto("indicator")
    .values({
      measure_id: measureId,
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      direction: indicator.direction,
      baseline_value: indicator.baseline ? String(indicator.baseline.value) : null,
      baseline_year: indicator.baseline?.year ?? null,
      by_community: indicator.byCommunity ?? false,
      by_gender: indicator.byGender ?? false,
      sort_order: sortOrder,
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const targets = Object.entries(indicator.targets).map(([year, value]) => ({
    indicator_id: row.id,
    year: Number(year),
    value: String(value),
  }));
  if (targets.length > 0) await trx.insertInto("indicator_target").values(targets).execute();
}

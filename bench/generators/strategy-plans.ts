import type { Db } from "#app/db/client.server.ts";
import type { BudgetSource, IndicatorDirection, IndicatorUnit } from "#app/db/tables/strategies.ts";
import { createRandom, type Random } from "../random.ts";
import { batches } from "./generator.ts";

/** Generated strategies have slugs starting with this, so `clear` finds exactly them. */
export const BENCH_STRATEGY_PREFIX = "bench-strategy-";

const SECTORS = ["education", "employment_social_welfare", "health", "housing", "civil_registration", "participation"];
const VERBS = [
  { sq: "Mbështetje për", sr: "Podrška za", en: "Support for" },
  { sq: "Trajnime për", sr: "Obuke za", en: "Training for" },
  { sq: "Fushatë informimi për", sr: "Informativna kampanja za", en: "Information campaign on" },
  { sq: "Rindërtim i", sr: "Obnova", en: "Rebuilding of" },
];
const TOPICS = [
  { sq: "regjistrimin e fëmijëve në shkollë", sr: "upis dece u školu", en: "school enrolment of children" },
  { sq: "punësimin e të rinjve", sr: "zapošljavanje mladih", en: "youth employment" },
  { sq: "qasjen në kujdesin shëndetësor", sr: "pristup zdravstvenoj zaštiti", en: "access to health care" },
  { sq: "banimin social", sr: "socijalno stanovanje", en: "social housing" },
  { sq: "dokumentet personale", sr: "lična dokumenta", en: "personal documents" },
  { sq: "pjesëmarrjen në vendimmarrje", sr: "učešće u odlučivanju", en: "participation in decision-making" },
];
const UNITS: IndicatorUnit[] = ["count", "count", "percent", "amount", "number"];
const DIRECTIONS: IndicatorDirection[] = ["increase", "increase", "decrease", "maintain"];
const SOURCES: BudgetSource[] = ["government", "municipality", "donor"];

/** What `generateStrategyPlan` makes. */
export interface StrategyPlanSize {
  /** Measures of the national plan. */
  measures: number;
  /** Indicators per measure (each with a target per year). */
  indicatorsPerMeasure: number;
  /** Local plans, each with `localMeasures` measures implementing national ones. */
  localPlans: number;
  localMeasures: number;
}

/** The ids and codes of a generated strategy, for benchmarks and tests. */
export interface GeneratedStrategy {
  strategyId: number;
  slug: string;
  nationalPlanId: number;
  nationalPlanCode: string;
  localPlanCodes: string[];
  firstMeasureId: number;
  nationalMeasureIds: number[];
}

function title(random: Random, n: number) {
  const verb = random.pick(VERBS);
  const topic = random.pick(TOPICS);
  return {
    sq: `${verb.sq} ${topic.sq} (${n})`,
    sr: `${verb.sr} ${topic.sr} (${n})`,
    en: `${verb.en} ${topic.en} (${n})`,
  };
}

/**
 * Writes one adopted strategy with a national plan of `size.measures` measures (objectives of ten
 * measures over six sectors, budgets for five years from one to three sources, one to three target
 * communities, up to two supporting institutions, `indicatorsPerMeasure` indicators with five
 * targets each) and `size.localPlans` local plans. Batched inserts; deterministic for a seed.
 */
export async function generateStrategyPlan(
  db: Db,
  random: Random,
  size: StrategyPlanSize,
  label: string,
  batchSize = 1000,
): Promise<GeneratedStrategy> {
  const organisations = await db
    .selectFrom("organisation")
    .select(["id", "type_code", "kas_code"])
    .orderBy("id")
    .execute();
  const ministries = organisations
    .filter((o) => o.type_code === "ministry" || o.type_code === "government_office")
    .map((o) => o.id);
  const offices = organisations.filter((o) => o.type_code === "municipality_office" && o.kas_code !== null);
  const communities = ["roma", "ashkali", "egyptian", "serb", "bosniak", "turkish", "gorani"];
  const slug = `${BENCH_STRATEGY_PREFIX}${label}`;
  const years = [2025, 2026, 2027, 2028, 2029];

  const strategy = await db
    .insertInto("strategy")
    .values({
      slug,
      title: { sq: `Strategjia provë ${label}`, sr: `Probna strategija ${label}`, en: `Benchmark strategy ${label}` },
      summary: { en: "Generated for benchmarks." },
      period_start_year: years[0]!,
      period_end_year: years[years.length - 1]!,
      owner_organisation_id: ministries[0] ?? organisations[0]!.id,
      status: "adopted",
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  async function plan(
    kind: "national" | "local",
    code: string,
    kasCode: string | null,
    measureCount: number,
    responsible: () => number,
    implementsPool: number[],
  ) {
    const row = await db
      .insertInto("action_plan")
      .values({
        strategy_id: strategy.id,
        kind,
        kas_code: kasCode,
        code,
        title: { en: `Action plan ${code}`, sq: `Plani i veprimit ${code}` },
        period_start_year: years[0]!,
        period_end_year: years[years.length - 1]!,
        status: "adopted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const sectorRows = await db
      .insertInto("plan_sector")
      .values(SECTORS.map((code, i) => ({ action_plan_id: row.id, sector_code: code, sort_order: i })))
      .returning(["id"])
      .execute();
    const objectiveCount = Math.max(1, Math.ceil(measureCount / 10));
    const objectives = await db
      .insertInto("objective")
      .values(
        Array.from({ length: objectiveCount }, (_, i) => ({
          action_plan_id: row.id,
          plan_sector_id: sectorRows[i % sectorRows.length]!.id,
          code: `${(i % sectorRows.length) + 1}.${Math.floor(i / sectorRows.length) + 1}`,
          title: title(random, i),
          sort_order: i,
        })),
      )
      .returning("id")
      .execute();
    const measureIds: number[] = [];
    for (const [offset, length] of batches(measureCount, batchSize)) {
      const rows = Array.from({ length }, (_, k) => {
        const i = offset + k;
        const startYear = random.pick(years.slice(0, 3));
        return {
          action_plan_id: row.id,
          objective_id: objectives[Math.floor(i / 10)]!.id,
          code: `M${String(i + 1).padStart(4, "0")}`,
          title: title(random, i + 1),
          description: { en: "Generated measure description.", sq: "Përshkrim i gjeneruar i masës." },
          responsible_organisation_id: responsible(),
          start_date: `${startYear}-01-01`,
          end_date: `${random.int(startYear, years[years.length - 1]!)}-12-31`,
          implements_measure_id: implementsPool.length > 0 ? random.pick(implementsPool) : null,
          sort_order: i,
        };
      });
      const inserted = await db.insertInto("measure").values(rows).returning("id").execute();
      measureIds.push(...inserted.map((r) => r.id));
    }
    for (const [offset, length] of batches(measureIds.length, Math.max(1, Math.floor(batchSize / 10)))) {
      const ids = measureIds.slice(offset, offset + length);
      const budgets = ids.flatMap((id) => {
        const sources = SOURCES.filter(() => random.chance(0.5));
        return (sources.length > 0 ? sources : ["government" as const]).flatMap((source) =>
          years.map((year) => ({ measure_id: id, year, source, amount: String(random.int(1, 200) * 500) })),
        );
      });
      await db.insertInto("measure_budget").values(budgets).execute();
      const community = ids.flatMap((id) =>
        [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(communities)))].map((code) => ({
          measure_id: id,
          community_code: code,
        })),
      );
      await db.insertInto("measure_community").values(community).execute();
      const supporting = ids.flatMap((id) =>
        [...new Set(Array.from({ length: random.int(0, 2) }, () => random.pick(ministries)))].map(
          (organisation_id) => ({ measure_id: id, organisation_id }),
        ),
      );
      if (supporting.length > 0)
        await db
          .insertInto("measure_supporting_organisation")
          .values(supporting)
          .onConflict((oc) => oc.doNothing())
          .execute();
      const indicators = ids.flatMap((id) =>
        Array.from({ length: size.indicatorsPerMeasure }, (_, j) => ({
          measure_id: id,
          code: `I${j + 1}`,
          name: { en: `Indicator ${j + 1} of measure ${id}`, sq: `Treguesi ${j + 1} i masës ${id}` },
          unit: random.pick(UNITS),
          direction: random.pick(DIRECTIONS),
          baseline_value: String(random.int(0, 500)),
          baseline_year: 2024,
          by_community: random.chance(0.5),
          by_gender: random.chance(0.3),
          sort_order: j,
        })),
      );
      const indicatorIds =
        indicators.length > 0 ? await db.insertInto("indicator").values(indicators).returning("id").execute() : [];
      const targets = indicatorIds.flatMap(({ id }) =>
        years.map((year, y) => ({ indicator_id: id, year, value: String(100 + y * random.int(5, 40)) })),
      );
      for (const [tOffset, tLength] of batches(targets.length, batchSize * 5))
        await db
          .insertInto("indicator_target")
          .values(targets.slice(tOffset, tOffset + tLength))
          .execute();
    }
    return { planId: row.id, measureIds };
  }

  const nationalCode = `BENCH-${label}`;
  const national = await plan("national", nationalCode, null, size.measures, () => random.pick(ministries), []);
  const localPlanCodes: string[] = [];
  for (let i = 0; i < size.localPlans && i < offices.length; i++) {
    const office = offices[i]!;
    const code = `${nationalCode}-L${office.kas_code}`;
    localPlanCodes.push(code);
    await plan("local", code, office.kas_code, size.localMeasures, () => office.id, national.measureIds);
  }
  return {
    strategyId: strategy.id,
    slug,
    nationalPlanId: national.planId,
    nationalPlanCode: nationalCode,
    localPlanCodes,
    firstMeasureId: national.measureIds[0]!,
    nationalMeasureIds: national.measureIds,
  };
}

/** Deletes every generated strategy with its plans (measures, budgets, indicators cascade). */
export async function clearGeneratedStrategies(db: Db): Promise<void> {
  const strategies = db.selectFrom("strategy").select("id").where("slug", "like", `${BENCH_STRATEGY_PREFIX}%`);
  // Cycles (bench/generators/strategy-reports.ts) do not cascade with their plan.
  await db
    .deleteFrom("reporting_cycle")
    .where("action_plan_id", "in", db.selectFrom("action_plan").select("id").where("strategy_id", "in", strategies))
    .execute();
  await db.deleteFrom("action_plan").where("strategy_id", "in", strategies).where("kind", "=", "local").execute();
  await db.deleteFrom("action_plan").where("strategy_id", "in", strategies).execute();
  await db.deleteFrom("strategy").where("slug", "like", `${BENCH_STRATEGY_PREFIX}%`).execute();
}

/** `generateStrategyPlan` in one transaction of `db`: the whole strategy is written, or nothing of it. */
export function generateStrategyPlanInTransaction(
  db: Db,
  random: Random,
  size: StrategyPlanSize,
  label: string,
): Promise<GeneratedStrategy> {
  return db.transaction().execute((trx) => generateStrategyPlan(trx, random, size, label));
}

/**
 * The plan the strategy page benchmarks measure (label: its number of measures): `measures` national measures with
 * `indicatorsPerMeasure` indicators each and three local plans of twenty measures, from seed `seed`.
 */
export function generateStrategyPagePlan(
  db: Db,
  seed: number,
  measures: number,
  indicatorsPerMeasure: number,
): Promise<GeneratedStrategy> {
  const size = { measures, indicatorsPerMeasure, localPlans: 3, localMeasures: 20 };
  return generateStrategyPlanInTransaction(db, createRandom(seed).fork("strategy-page"), size, String(measures));
}

/** The generated strategy of the benchmarks' data (the first, when there are several) and its national plan. */
export async function findBenchStrategy(db: Db) {
  const strategy = await db
    .selectFrom("strategy")
    .select(["id", "slug"])
    .where("slug", "like", `${BENCH_STRATEGY_PREFIX}%`)
    .executeTakeFirstOrThrow();
  const national = await db
    .selectFrom("action_plan")
    .select(["id", "code"])
    .where("strategy_id", "=", strategy.id)
    .where("kind", "=", "national")
    .executeTakeFirstOrThrow();
  return { strategy, national };
}

/**
 * The generated strategy's pages the benchmarks request (bench:load, strategy-pages-cpu): the strategy,
 * its national plan, Prizren's local plan and the national plan's first measure.
 */
export async function findBenchStrategyPages(db: Db) {
  const { strategy, national } = await findBenchStrategy(db);
  const local = await db
    .selectFrom("action_plan")
    .select("code")
    .where("strategy_id", "=", strategy.id)
    .where("kas_code", "=", "20")
    .executeTakeFirstOrThrow();
  const measure = await db
    .selectFrom("measure")
    .select("id")
    .where("action_plan_id", "=", national.id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return { strategy, national, local, measure };
}

import type { Db } from "#app/db/client.server.ts";
import type { BudgetSource, IndicatorUnit } from "#app/db/tables/strategies.ts";
import { municipalityOfficeId, organisationIdBySlug } from "./organisation-ids.ts";

/** Hostile text by default, so escaping and layout bugs show wherever a title is printed. */
const HOSTILE =
  "<script>alert(1)</script> Ромски план ‏مرحبا‏ averyveryveryverylongwordwithoutanybreakopportunityatall";

let counter = 0;

export interface FactoryIndicator {
  code?: string;
  unit: IndicatorUnit;
  byCommunity?: boolean;
  byGender?: boolean;
}

export interface FactoryMeasure {
  code?: string;
  sector?: string;
  /**
   * The sector of the measure's objective, when it is not the measure's own: the measure then
   * belongs to that sector's objective (an objective spanning sectors, decision 045).
   */
  objectiveSector?: string;
  /** The responsible organisation; default: the plan's default institution. */
  organisationId?: number;
  /** Planned budget per source for the plan's first year. */
  budget?: Partial<Record<BudgetSource, number>>;
  indicators?: FactoryIndicator[];
  /** For a local measure: the code of the national measure it implements. */
  implements?: string;
  communities?: string[];
}

export interface FactoryPlan {
  /** The municipality of a local plan (KAS code); omitted for the national plan. */
  kasCode?: string;
  measures: FactoryMeasure[];
}

export interface BuiltPlan {
  strategyId: number;
  /** The strategy's slug: its public page is `/<lang>/strategies/<slug>`. */
  slug: string;
  nationalPlanId: number;
  /** The national plan's code: its public page is `/<lang>/strategies/<slug>/plans/<code>`. */
  nationalPlanCode: string;
  localPlanIds: Record<string, number>;
  /** The local plans' codes by KAS code. */
  localPlanCodes: Record<string, string>;
  /** Measure ids by code (local measures as `<kas>:<code>`). */
  measures: Record<string, number>;
  /** Indicator ids by `<measure code>/<indicator code>`. */
  indicators: Record<string, number>;
  /** Organisation ids used: the default ministry and the municipal offices by KAS code. */
  ministryId: number;
  municipalOfficeIds: Record<string, number>;
}

/**
 * Inserts a strategy with a national plan and optional local plans straight into the tables
 * (the strategies module's commands are built elsewhere): sectors, one objective per sector,
 * measures with budgets and indicators. Period 2018–2021; measures run through the whole period.
 */
export async function createPlanTree(
  db: Db,
  spec: { national: FactoryPlan; locals?: FactoryPlan[]; ministrySlug?: string },
): Promise<BuiltPlan> {
  counter += 1;
  const owner = await organisationIdBySlug(db, "office-for-community-affairs");
  const ministryId = await organisationIdBySlug(db, spec.ministrySlug ?? "ministry-of-labour-and-social-welfare");
  const strategy = await db
    .insertInto("strategy")
    .values({
      slug: `test-strategy-${counter}-${Date.now()}`,
      title: { en: `${HOSTILE} strategy ${counter}`, sq: `Strategjia ${counter}` },
      period_start_year: 2018,
      period_end_year: 2021,
      owner_organisation_id: owner,
      status: "adopted",
      is_demo: true,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  const built: BuiltPlan = {
    strategyId: strategy.id,
    slug: strategy.slug,
    nationalPlanId: 0,
    nationalPlanCode: "",
    localPlanIds: {},
    localPlanCodes: {},
    measures: {},
    indicators: {},
    ministryId,
    municipalOfficeIds: {},
  };

  const insertPlan = async (plan: FactoryPlan) => {
    const kas = plan.kasCode ?? null;
    const officeId = kas ? await municipalityOfficeId(db, kas) : null;
    if (kas && officeId) built.municipalOfficeIds[kas] = officeId;
    const row = await db
      .insertInto("action_plan")
      .values({
        strategy_id: strategy.id,
        kind: kas ? "local" : "national",
        kas_code: kas,
        code: `AP-${counter}-${kas ?? "N"}-${Date.now()}`,
        title: { en: `Action plan ${kas ?? "national"} ${HOSTILE}`, sq: `Plani i veprimit ${kas ?? "kombëtar"}` },
        period_start_year: 2018,
        period_end_year: 2021,
        status: "adopted",
        is_demo: true,
      })
      .returning(["id", "code"])
      .executeTakeFirstOrThrow();
    if (kas) {
      built.localPlanIds[kas] = row.id;
      built.localPlanCodes[kas] = row.code;
    } else {
      built.nationalPlanId = row.id;
      built.nationalPlanCode = row.code;
    }
    const sectorIds = new Map<string, { planSectorId: number; objectiveId: number }>();
    /** The plan sector of a sector code, with its one objective (created on first use). */
    const sectorOf = async (sector: string) => {
      let ids = sectorIds.get(sector);
      if (!ids) {
        const ps = await db
          .insertInto("plan_sector")
          .values({ action_plan_id: row.id, sector_code: sector, sort_order: sectorIds.size })
          .returning("id")
          .executeTakeFirstOrThrow();
        const ob = await db
          .insertInto("objective")
          .values({
            action_plan_id: row.id,
            plan_sector_id: ps.id,
            code: `O${sectorIds.size + 1}`,
            title: { en: `Objective for ${sector} ${HOSTILE}`, sq: `Objektivi për ${sector}` },
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids = { planSectorId: ps.id, objectiveId: ob.id };
        sectorIds.set(sector, ids);
      }
      return ids;
    };
    let index = 0;
    for (const m of plan.measures) {
      index += 1;
      const sector = m.sector ?? "education";
      const own = await sectorOf(sector);
      const ids = {
        planSectorId: own.planSectorId,
        objectiveId: (await sectorOf(m.objectiveSector ?? sector)).objectiveId,
      };
      const code = m.code ?? `M${index}`;
      const measure = await db
        .insertInto("measure")
        .values({
          action_plan_id: row.id,
          objective_id: ids.objectiveId,
          plan_sector_id: ids.planSectorId,
          code,
          title: { en: `Measure ${code} ${HOSTILE}`, sq: `Masa ${code}`, sr: `Mera ${code}` },
          responsible_organisation_id: m.organisationId ?? officeId ?? ministryId,
          start_date: "2018-01-01",
          end_date: "2021-12-31",
          implements_measure_id: m.implements ? built.measures[m.implements] : null,
          sort_order: index,
          is_demo: true,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      built.measures[kas ? `${kas}:${code}` : code] = measure.id;
      const budget = Object.entries(m.budget ?? {}).filter(([, v]) => v !== undefined);
      if (budget.length)
        await db
          .insertInto("measure_budget")
          .values(
            budget.map(([source, amount]) => ({
              measure_id: measure.id,
              year: 2018,
              source: source as BudgetSource,
              amount: String(amount),
            })),
          )
          .execute();
      if (m.communities?.length)
        await db
          .insertInto("measure_community")
          .values(m.communities.map((c) => ({ measure_id: measure.id, community_code: c })))
          .execute();
      let i = 0;
      for (const ind of m.indicators ?? []) {
        i += 1;
        const icode = ind.code ?? `I${i}`;
        const indicator = await db
          .insertInto("indicator")
          .values({
            measure_id: measure.id,
            code: icode,
            name: {
              en: `Indicator ${icode} of ${code}`,
              sq: `Treguesi ${icode} i ${code}`,
              sr: `Indikator ${icode} za ${code}`,
            },
            unit: ind.unit,
            direction: "increase",
            baseline_value: "0",
            baseline_year: 2017,
            by_community: ind.byCommunity ?? false,
            by_gender: ind.byGender ?? false,
            sort_order: i,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        built.indicators[`${kas ? `${kas}:` : ""}${code}/${icode}`] = indicator.id;
        await db
          .insertInto("indicator_target")
          .values({ indicator_id: indicator.id, year: 2018, value: "10" })
          .execute();
      }
    }
  };

  await insertPlan(spec.national);
  for (const local of spec.locals ?? []) await insertPlan(local);
  return built;
}

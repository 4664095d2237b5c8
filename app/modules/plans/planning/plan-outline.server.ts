import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { StrategyStatus } from "#app/db/tables/strategies.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { keptPerReferenceGeneration } from "#app/modules/reference/reference-generation.server.ts";
import { camelRow } from "#app/db/camel-row.ts";
import { canonicalText, PLAN_STATE_COLUMNS, plansWithStrategy, type CanonicalPlanHeader } from "../plan-tree.server.ts";

/**
 * Objectives per page of the plan editor (with all their measures): ten, about a hundred measures at ×10
 * (decision 071; twenty before, whose HTML and hydration data took most of the request).
 */
export const OUTLINE_OBJECTIVES_PER_PAGE = 10;

/** A measure as the plan editor lists it. */
export interface OutlineMeasure {
  id: number;
  code: string;
  title: TranslatedText;
  /** The measure's plan sector (its own or its objective's, decision 045). */
  planSectorId: number;
  responsible: { slug: string; name: TranslatedText; acronym: string | null };
  startDate: string;
  endDate: string;
  indicatorCount: number;
}

/** An objective with its measures. */
export interface OutlineObjective {
  id: number;
  planSectorId: number;
  code: string;
  title: TranslatedText;
  measures: OutlineMeasure[];
}

/** One page of a plan as the plan editor shows it. */
export interface PlanOutline {
  plan: CanonicalPlanHeader & {
    id: number;
    strategyId: number;
    strategyTitle: TranslatedText;
    status: StrategyStatus;
    revision: number;
    version: number;
  };
  /** Every sector of the plan, in the plan's order, with how many objectives it has. */
  sectors: { id: number; sectorCode: string; objectiveCount: number }[];
  /** The page shown (the one asked for, or the last) and how many there are. */
  page: number;
  pageCount: number;
  objectiveCount: number;
  /** The page's objectives, in the plan's order (sector, then objective). */
  objectives: OutlineObjective[];
}

/**
 * One page of a plan for the plan editor (decision 047): the plan, its sectors with their number of
 * objectives, and `OUTLINE_OBJECTIVES_PER_PAGE` objectives in the plan's order (sectors by their
 * order, objectives by theirs, codes in byte order as in the plan tree) with their measures, each
 * with its responsible organisation and number of indicators. Four statements (the plan and the
 * sectors side by side, then the page's objectives, then their measures) whose rows are bounded by
 * the page, not by the plan: a 2,000-measure plan costs what a 200-measure plan does. Null when
 * there is no such plan.
 */
export async function loadPlanOutline(db: Db, planId: number, requestedPage: number): Promise<PlanOutline | null> {
  const [plan, sectors] = await Promise.all([
    plansWithStrategy(db)
      .select([...PLAN_STATE_COLUMNS, "s.title as strategy_title"])
      .where("p.id", "=", planId)
      .executeTakeFirst(),
    db
      .selectFrom("plan_sector as ps")
      .select([
        "ps.id",
        "ps.sector_code",
        (eb) =>
          eb
            .selectFrom("objective as o")
            .select((e) => e.fn.countAll<number>().as("n"))
            .whereRef("o.plan_sector_id", "=", "ps.id")
            .as("objectives"),
      ])
      .where("ps.action_plan_id", "=", planId)
      .orderBy("ps.sort_order")
      .orderBy(sql`ps.sector_code collate "C"`)
      .execute(),
  ]);
  if (!plan) return null;
  const objectiveCount = sectors.reduce((all, s) => all + Number(s.objectives ?? 0), 0);
  const pageCount = Math.max(1, Math.ceil(objectiveCount / OUTLINE_OBJECTIVES_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const objectives =
    objectiveCount === 0
      ? []
      : await db
          .selectFrom("objective as o")
          .innerJoin("plan_sector as ps", "ps.id", "o.plan_sector_id")
          .select(["o.id", "o.plan_sector_id", "o.code", "o.title"])
          .where("o.action_plan_id", "=", planId)
          .orderBy("ps.sort_order")
          .orderBy(sql`ps.sector_code collate "C"`)
          .orderBy("o.sort_order")
          .orderBy(sql`o.code collate "C"`)
          .limit(OUTLINE_OBJECTIVES_PER_PAGE)
          .offset((page - 1) * OUTLINE_OBJECTIVES_PER_PAGE)
          .execute();
  const measures =
    objectives.length === 0
      ? []
      : await db
          .selectFrom("measure as m")
          .innerJoin("organisation as org", "org.id", "m.responsible_organisation_id")
          .select([
            "m.id",
            "m.objective_id",
            "m.code",
            "m.title",
            "m.plan_sector_id",
            "m.start_date",
            "m.end_date",
            "org.slug",
            "org.name",
            "org.acronym",
          ])
          .select((eb) =>
            eb
              .selectFrom("indicator as i")
              .select((e) => e.fn.countAll<number>().as("n"))
              .whereRef("i.measure_id", "=", "m.id")
              .as("indicators"),
          )
          .where(
            "m.objective_id",
            "in",
            objectives.map((o) => o.id),
          )
          .orderBy("m.sort_order")
          .orderBy(sql`m.code collate "C"`)
          .execute();
  return {
    plan: { ...camelRow(plan), title: canonicalText(plan.title) },
    sectors: sectors.map((s) => ({ id: s.id, sectorCode: s.sector_code, objectiveCount: Number(s.objectives ?? 0) })),
    page,
    pageCount,
    objectiveCount,
    objectives: objectives.map((o) => ({
      id: o.id,
      planSectorId: o.plan_sector_id,
      code: o.code,
      title: canonicalText(o.title),
      measures: measures
        .filter((m) => m.objective_id === o.id)
        .map((m) => ({
          id: m.id,
          code: m.code,
          title: canonicalText(m.title),
          planSectorId: m.plan_sector_id,
          responsible: { slug: m.slug, name: m.name, acronym: m.acronym },
          startDate: m.start_date,
          endDate: m.end_date,
          indicatorCount: Number(m.indicators ?? 0),
        })),
    })),
  };
}

/**
 * The sector and municipality names the plan editor shows (and its other choice lists), kept per
 * reference generation (decisions 062, 069): one statement a request instead of five, and no lists
 * mapped and sorted again. A write to a reference table through any path bumps the generation in its
 * transaction, so the next request computes them again. The kept value is shared: never change it.
 */
export function loadPlanEditorChoices(db: Db, locale: Locale): ReturnType<typeof loadOrganisationChoices> {
  return keptPerReferenceGeneration(db, `planning:editor-choices:${locale}`, () => loadOrganisationChoices(db, locale));
}

import { camelRow } from "#app/db/camel-row.ts";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { groupBy } from "#app/services/group-by.ts";
import type { RowLink } from "#app/services/linked-row-filter.server.ts";
import type {
  ActionPlanKind,
  BudgetSource,
  IndicatorDirection,
  IndicatorUnit,
  StrategyStatus,
} from "#app/db/tables/strategies.ts";

/*
 * The plan tree: a whole action plan (plan → sectors → objectives → measures → indicators) loaded
 * in a constant number of queries, and its canonical form, which names every reference by a
 * stable code (organisation slug, sector and community code, national measure code) instead of a
 * database id. The canonical form is what the XLSX export writes, what an import produces, what a
 * revision snapshot stores and what the API returns, so two plans compare equal exactly when
 * their canonical trees are deep-equal.
 */

export interface CanonicalTarget {
  year: number;
  value: string;
}

export interface CanonicalIndicator {
  code: string;
  name: TranslatedText;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  baselineValue: string | null;
  baselineYear: number | null;
  byCommunity: boolean;
  byGender: boolean;
  targets: CanonicalTarget[];
}

export interface CanonicalBudget {
  year: number;
  source: BudgetSource;
  amount: string;
}

export interface CanonicalMeasure {
  code: string;
  title: TranslatedText;
  description: TranslatedText;
  /** Slug of the responsible organisation. */
  responsible: string;
  /** Slugs of the supporting organisations, sorted. */
  supporting: string[];
  startDate: string;
  endDate: string;
  /** Community codes, sorted. */
  communities: string[];
  /** For a local measure: the code of the national measure it implements. */
  implements: string | null;
  /**
   * The measure's own sector code, only when it differs from its objective's (an objective that
   * spans sectors, decision 045). Absent otherwise, so plans and snapshots from before compare equal.
   */
  sector?: string;
  budget: CanonicalBudget[];
  indicators: CanonicalIndicator[];
}

export interface CanonicalObjective {
  code: string;
  title: TranslatedText;
  description: TranslatedText;
  measures: CanonicalMeasure[];
}

export interface CanonicalSector {
  sectorCode: string;
  objectives: CanonicalObjective[];
}

export interface CanonicalPlanHeader {
  code: string;
  kind: ActionPlanKind;
  kasCode: string | null;
  title: TranslatedText;
  periodStartYear: number;
  periodEndYear: number;
}

/** A plan's content, free of database ids: the unit of export, import, snapshots and comparison. */
export interface CanonicalPlanTree {
  plan: CanonicalPlanHeader;
  sectors: CanonicalSector[];
}

/** The same tree with the database ids and the plan's workflow state, for the workspace pages. */
export interface PlanTree {
  plan: CanonicalPlanHeader & {
    id: number;
    strategyId: number;
    strategySlug: string;
    strategyTitle: TranslatedText;
    strategyPeriodStartYear: number;
    strategyPeriodEndYear: number;
    status: StrategyStatus;
    revision: number;
    version: number;
    originalLocale: string;
  };
  sectors: (Omit<CanonicalSector, "objectives"> & { id: number; objectives: PlanTreeObjective[] })[];
}

export type PlanTreeIndicator = CanonicalIndicator & { id: number };
export type PlanTreeMeasure = Omit<CanonicalMeasure, "indicators"> & {
  id: number;
  /** The measure's plan sector (its own or its objective's). */
  planSectorId: number;
  version: number;
  responsibleOrganisationId: number;
  supportingOrganisationIds: number[];
  implementsMeasureId: number | null;
  indicators: PlanTreeIndicator[];
};
export type PlanTreeObjective = Omit<CanonicalObjective, "measures"> & {
  id: number;
  planSectorId: number;
  measures: PlanTreeMeasure[];
};

const SOURCE_ORDER: Record<BudgetSource, number> = { government: 0, municipality: 1, donor: 2 };

/** The canonical order of a measure's budget lines: by year, then by source (government, municipality, donor). */
export function byYearAndSource(a: { year: number; source: BudgetSource }, b: { year: number; source: BudgetSource }) {
  return a.year - b.year || SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source];
}

type MeasureReferences = Pick<
  CanonicalMeasure,
  "responsible" | "supporting" | "startDate" | "endDate" | "communities" | "implements"
>;

/**
 * A measure's institutions, dates, communities and national measure as the canonical form holds them, in its key
 * order: the loaded tree's canonical form and the imported workbook's tree write them alike.
 */
export function measureReferences(m: MeasureReferences): MeasureReferences {
  return {
    responsible: m.responsible,
    supporting: m.supporting,
    startDate: m.startDate,
    endDate: m.endDate,
    communities: m.communities,
    implements: m.implements,
  };
}

/**
 * A decimal in canonical form: no exponent, no trailing zeros after the point, no lone point
 * ("1500.00" → "1500", "12.5000" → "12.5", "-0" → "0"). Numeric columns come back from the
 * database with their scale; this makes them comparable with what a person typed.
 */
export function canonicalDecimal(value: string | number): string {
  let text = typeof value === "number" ? numberToPlain(value) : value.trim();
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  if (/^-?0*$/.test(text.replace(".", ""))) return "0";
  return text.replace(/^(-?)0+(?=\d)/, "$1");
}

function numberToPlain(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0);
  return value.toFixed(6);
}

/** A translated text with its languages in a fixed order and no empty entries (machine translations last). */
export function canonicalText(value: TranslatedText | null | undefined): TranslatedText {
  const out: Record<string, unknown> = {};
  if (!value) return {};
  for (const key of Object.keys(value).sort()) {
    const entry = value[key as keyof TranslatedText];
    if (key === "machine") continue;
    if (typeof entry === "string" && entry.trim() !== "") out[key] = entry;
  }
  if (value.machine) {
    const machine = canonicalText(value.machine as TranslatedText);
    if (Object.keys(machine).length) out.machine = machine;
  }
  return out as TranslatedText;
}

/** Orders rows the way the plan shows them: by their sort order, then by code (byte order, same on every database). */
function byOrder<T extends { sort_order: number; code: string }>(a: T, b: T): number {
  return a.sort_order - b.sort_order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** An indicator `i` as it is defined (not its id, measure, order or targets): the plan tree, the public measure, a revision's snapshot. */
export const INDICATOR_COLUMNS = [
  "i.code",
  "i.name",
  "i.unit",
  "i.direction",
  "i.baseline_value",
  "i.baseline_year",
  "i.by_community",
  "i.by_gender",
] as const;

/**
 * A measure `m` as it is defined (not its id, plan, order or version; its supporting institutions, communities
 * and budget are rows of their own): the plan tree and a measure's audit snapshot.
 */
export const MEASURE_COLUMNS = [
  "m.objective_id",
  "m.plan_sector_id",
  "m.code",
  "m.title",
  "m.description",
  "m.responsible_organisation_id",
  "m.start_date",
  "m.end_date",
  "m.implements_measure_id",
] as const;

/** The rows linked to a measure: its supporting institutions and its communities (`linkedValues`). */
export const MEASURE_LINKS = {
  supporting: { table: "measure_supporting_organisation", key: "measure_id", column: "organisation_id" },
  communities: { table: "measure_community", key: "measure_id", column: "community_code" },
} as const satisfies Record<string, RowLink>;

/**
 * The plan `p` itself: its header (`CanonicalPlanHeader`), its strategy and its workflow state, as the plan
 * tree and the plan editor's outline read it (renamed with `camelRow`).
 */
export const PLAN_STATE_COLUMNS = [
  "p.id",
  "p.strategy_id",
  "p.code",
  "p.kind",
  "p.kas_code",
  "p.title",
  "p.period_start_year",
  "p.period_end_year",
  "p.status",
  "p.revision",
  "p.version",
] as const;

/** Action plans `p` joined to their strategy `s`: where the plan tree, the plan outline, the public plans and the search index read a plan. */
export function plansWithStrategy(db: Db) {
  return db.selectFrom("action_plan as p").innerJoin("strategy as s", "s.id", "p.strategy_id");
}

/** Measures `m` with their plan `p`: where the public measure reads and the focal point's list of measures start. */
export function measuresWithPlan(db: Db) {
  return db.selectFrom("measure as m").innerJoin("action_plan as p", "p.id", "m.action_plan_id");
}

/** The measures `m` of a strategy's national plan `p`: those a local measure may implement (the form, its check, the import). */
export function nationalMeasuresOf(db: Db, strategyId: number) {
  return measuresWithPlan(db).where("p.strategy_id", "=", strategyId).where("p.kind", "=", "national");
}

/** The measures `m` of one plan: where the plan tree reads its measures and every row under them. */
function planMeasures(db: Db, planId: number) {
  return db.selectFrom("measure as m").where("m.action_plan_id", "=", planId);
}

/**
 * Loads a whole plan in nine queries whatever its size (plan, sectors, objectives, measures,
 * supporting organisations, communities, budget lines, indicators, targets), or null.
 */
export async function loadPlanTree(db: Db, planId: number): Promise<PlanTree | null> {
  const [plan, sectors, objectives, measures, supporting, communities, budgets, indicators, targets] =
    await Promise.all([
      plansWithStrategy(db)
        .select([
          ...PLAN_STATE_COLUMNS,
          "p.original_locale",
          "s.slug as strategy_slug",
          "s.title as strategy_title",
          "s.period_start_year as strategy_period_start_year",
          "s.period_end_year as strategy_period_end_year",
        ])
        .where("p.id", "=", planId)
        .executeTakeFirst(),
      db
        .selectFrom("plan_sector")
        .select(["id", "sector_code", "sort_order"])
        .where("action_plan_id", "=", planId)
        .execute(),
      db
        .selectFrom("objective")
        .select(["id", "plan_sector_id", "code", "title", "description", "sort_order"])
        .where("action_plan_id", "=", planId)
        .execute(),
      planMeasures(db, planId)
        .innerJoin("organisation as o", "o.id", "m.responsible_organisation_id")
        .leftJoin("measure as nm", "nm.id", "m.implements_measure_id")
        .select(MEASURE_COLUMNS)
        .select(["m.id", "o.slug as responsible_slug", "nm.code as implements_code", "m.sort_order", "m.version"])
        .execute(),
      planMeasures(db, planId)
        .innerJoin("measure_supporting_organisation as mso", "mso.measure_id", "m.id")
        .innerJoin("organisation as o", "o.id", "mso.organisation_id")
        .select(["mso.measure_id", "mso.organisation_id", "o.slug"])
        .execute(),
      planMeasures(db, planId)
        .innerJoin("measure_community as mc", "mc.measure_id", "m.id")
        .select(["mc.measure_id", "mc.community_code"])
        .execute(),
      planMeasures(db, planId)
        .innerJoin("measure_budget as b", "b.measure_id", "m.id")
        .select(["b.measure_id", "b.year", "b.source", "b.amount"])
        .execute(),
      planMeasures(db, planId)
        .innerJoin("indicator as i", "i.measure_id", "m.id")
        .select(["i.id", "i.measure_id", ...INDICATOR_COLUMNS, "i.sort_order"])
        .execute(),
      planMeasures(db, planId)
        .innerJoin("indicator as i", "i.measure_id", "m.id")
        .innerJoin("indicator_target as t", "t.indicator_id", "i.id")
        .select(["t.indicator_id", "t.year", "t.value"])
        .execute(),
    ]);
  if (!plan) return null;

  const supportingBy = groupBy(supporting, (r) => r.measure_id);
  const communitiesBy = groupBy(communities, (r) => r.measure_id);
  const budgetsBy = groupBy(budgets, (r) => r.measure_id);
  const targetsBy = groupBy(targets, (r) => r.indicator_id);
  const indicatorsBy = groupBy([...indicators].sort(byOrder), (r) => r.measure_id);
  const measuresBy = groupBy([...measures].sort(byOrder), (r) => r.objective_id);
  const objectivesBy = groupBy([...objectives].sort(byOrder), (r) => r.plan_sector_id);
  const sectorCodeOf = new Map(sectors.map((s) => [s.id, s.sector_code]));

  return {
    plan: { ...camelRow(plan), title: canonicalText(plan.title) },
    sectors: [...sectors]
      .sort((a, b) => a.sort_order - b.sort_order || (a.sector_code < b.sector_code ? -1 : 1))
      .map((s) => ({
        id: s.id,
        sectorCode: s.sector_code,
        objectives: (objectivesBy.get(s.id) ?? []).map((o) => ({
          id: o.id,
          planSectorId: s.id,
          code: o.code,
          title: canonicalText(o.title),
          description: canonicalText(o.description),
          measures: (measuresBy.get(o.id) ?? []).map((m) => {
            const support = [...(supportingBy.get(m.id) ?? [])].sort((a, b) => (a.slug < b.slug ? -1 : 1));
            return {
              id: m.id,
              planSectorId: m.plan_sector_id,
              ...(m.plan_sector_id !== s.id ? { sector: sectorCodeOf.get(m.plan_sector_id) ?? "" } : {}),
              version: m.version,
              code: m.code,
              title: canonicalText(m.title),
              description: canonicalText(m.description),
              responsible: m.responsible_slug,
              responsibleOrganisationId: m.responsible_organisation_id,
              supporting: support.map((r) => r.slug),
              supportingOrganisationIds: support.map((r) => r.organisation_id),
              startDate: m.start_date,
              endDate: m.end_date,
              communities: (communitiesBy.get(m.id) ?? []).map((c) => c.community_code).sort(),
              implements: m.implements_code ?? null,
              implementsMeasureId: m.implements_measure_id,
              budget: (budgetsBy.get(m.id) ?? [])
                .map((b) => ({ year: b.year, source: b.source, amount: canonicalDecimal(b.amount) }))
                .sort(byYearAndSource),
              indicators: (indicatorsBy.get(m.id) ?? []).map((i) => ({
                id: i.id,
                code: i.code,
                name: canonicalText(i.name),
                unit: i.unit,
                direction: i.direction,
                baselineValue: i.baseline_value === null ? null : canonicalDecimal(i.baseline_value),
                baselineYear: i.baseline_year,
                byCommunity: i.by_community,
                byGender: i.by_gender,
                targets: (targetsBy.get(i.id) ?? [])
                  .map((t) => ({ year: t.year, value: canonicalDecimal(t.value) }))
                  .sort((a, b) => a.year - b.year),
              })),
            };
          }),
        })),
      })),
  };
}

/** The canonical form of a loaded tree: the same content without ids, versions or workflow state. */
export function toCanonicalTree(tree: PlanTree): CanonicalPlanTree {
  const { plan } = tree;
  return {
    plan: {
      code: plan.code,
      kind: plan.kind,
      kasCode: plan.kasCode,
      title: plan.title,
      periodStartYear: plan.periodStartYear,
      periodEndYear: plan.periodEndYear,
    },
    sectors: tree.sectors.map((s) => ({
      sectorCode: s.sectorCode,
      objectives: s.objectives.map((o) => ({
        code: o.code,
        title: o.title,
        description: o.description,
        measures: o.measures.map((m) => ({
          code: m.code,
          title: m.title,
          description: m.description,
          ...measureReferences(m),
          ...(m.sector !== undefined ? { sector: m.sector } : {}),
          budget: m.budget,
          indicators: m.indicators.map((i) => ({
            code: i.code,
            name: i.name,
            unit: i.unit,
            direction: i.direction,
            baselineValue: i.baselineValue,
            baselineYear: i.baselineYear,
            byCommunity: i.byCommunity,
            byGender: i.byGender,
            targets: i.targets,
          })),
        })),
      })),
    })),
  };
}

/** Loads a plan's canonical tree (nine queries), or null. */
export async function loadCanonicalPlanTree(db: Db, planId: number): Promise<CanonicalPlanTree | null> {
  const tree = await loadPlanTree(db, planId);
  return tree ? toCanonicalTree(tree) : null;
}

/** A measure of a tree with its objective and sector. */
export interface MeasureInTree<T extends CanonicalPlanTree | PlanTree> {
  sector: T["sectors"][number];
  objective: T["sectors"][number]["objectives"][number];
  measure: T["sectors"][number]["objectives"][number]["measures"][number];
}

/** Every measure of a tree, with its objective and sector, in plan order. */
export function measuresOf<T extends CanonicalPlanTree | PlanTree>(tree: T): MeasureInTree<T>[] {
  const out: MeasureInTree<T>[] = [];
  for (const sector of tree.sectors)
    for (const objective of sector.objectives)
      for (const measure of objective.measures) out.push({ sector, objective, measure });
  return out;
}

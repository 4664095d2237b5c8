import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { MeasureFormOptions } from "./components/measure-form.tsx";
import { languageValues, type FormValues } from "./components/plan-form-fields.tsx";
import type { PlanTree, PlanTreeMeasure } from "../plan-tree.server.ts";
import { listNationalMeasures, loadPlanChoices } from "../planning.queries.server.ts";
import { budgetField, targetField } from "../planning.schema.ts";
import { planYears } from "./planning.routes.server.ts";
import type { PlanTreeIndicator } from "../plan-tree.server.ts";

/** What the measure form offers for this plan (a constant number of queries). */
export async function measureFormOptions(db: Db, tree: PlanTree, locale: Locale): Promise<MeasureFormOptions> {
  const [choices, nationalMeasures] = await Promise.all([
    loadPlanChoices(db, locale),
    tree.plan.kind === "local" ? listNationalMeasures(db, tree.plan.strategyId, locale) : Promise.resolve([]),
  ]);
  const sectorName = new Map(choices.sectors.map((c) => [c.value, c.label]));
  return {
    objectives: tree.sectors.flatMap((s) =>
      s.objectives.map((o) => ({ value: String(o.id), label: `${o.code} ${localizedString(o.title, locale)}` })),
    ),
    sectors: tree.sectors.map((s) => ({ value: String(s.id), label: sectorName.get(s.sectorCode) ?? s.sectorCode })),
    organisations: choices.organisations.map(({ value, label }) => ({ value, label })),
    communities: choices.communities,
    nationalMeasures,
    years: planYears(tree.plan),
    isLocal: tree.plan.kind === "local",
  };
}

/** A stored measure as the form's values. */
export function measureValues(m: PlanTreeMeasure, objectiveId: number): FormValues {
  const values: FormValues = {
    objectiveId: String(objectiveId),
    // Blank while the measure is in its objective's sector, so it follows the objective.
    planSectorId: m.sector === undefined ? "" : String(m.planSectorId),
    code: m.code,
    ...languageValues("title", m.title),
    ...languageValues("description", m.description),
    responsibleOrganisationId: String(m.responsibleOrganisationId),
    supportingOrganisationIds: m.supportingOrganisationIds.map(String),
    startDate: m.startDate,
    endDate: m.endDate,
    communities: m.communities,
    implementsMeasureId: m.implementsMeasureId ? String(m.implementsMeasureId) : "",
  };
  for (const b of m.budget) values[budgetField(b.year, b.source)] = b.amount;
  return values;
}

/** A stored indicator as the form's values. */
export function indicatorValues(i: PlanTreeIndicator): FormValues {
  const values: FormValues = {
    code: i.code,
    ...languageValues("name", i.name),
    unit: i.unit,
    direction: i.direction,
    baselineValue: i.baselineValue ?? "",
    baselineYear: i.baselineYear === null ? "" : String(i.baselineYear),
    byCommunity: i.byCommunity ? "on" : "",
    byGender: i.byGender ? "on" : "",
  };
  for (const t of i.targets) values[targetField(t.year)] = t.value;
  return values;
}

/** Every measure of a loaded tree with its objective's id, in the tree's order. */
function* measuresOf(tree: PlanTree): Generator<{ measure: PlanTreeMeasure; objectiveId: number }> {
  for (const s of tree.sectors)
    for (const o of s.objectives) for (const m of o.measures) yield { measure: m, objectiveId: o.id };
}

/** Finds a measure (and its objective) in a loaded tree. */
export function findMeasure(
  tree: PlanTree,
  measureId: number,
): { measure: PlanTreeMeasure; objectiveId: number } | null {
  for (const found of measuresOf(tree)) if (found.measure.id === measureId) return found;
  return null;
}

/** Finds an indicator (and its measure) in a loaded tree. */
export function findIndicator(
  tree: PlanTree,
  indicatorId: number,
): { indicator: PlanTreeIndicator; measure: PlanTreeMeasure } | null {
  for (const { measure } of measuresOf(tree))
    for (const i of measure.indicators) if (i.id === indicatorId) return { indicator: i, measure };
  return null;
}

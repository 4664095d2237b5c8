import { definePolicy, hasRole, isCoordinator, organisationsOf, type Actor } from "#app/services/authorization.ts";
import type { ActionPlanKind, StrategyStatus } from "#app/db/tables/strategies.ts";

/** A plan as the rules see it: whose it is (the municipality of a local plan) and where it stands. */
export interface PlanSubject {
  kind: ActionPlanKind;
  kasCode: string | null;
  status: StrategyStatus;
}

/** A measure as the rules see it: the institutions responsible for it and supporting it. */
export interface MeasureSubject {
  responsibleOrganisationId: number;
  supportingOrganisationIds: readonly number[];
}

/** What the planning module (the workspace side of strategies and action plans) lets people do. */
export type PlanningSubjects = {
  /** See the "plans" section of the workspace at all. */
  "planning.section": null;
  /** Create strategies, and edit a strategy's titles, summary, period, owner and status. */
  "strategy.manage": null;
  /** Create an action plan (national or local) in a strategy. */
  "plan.create": { kind: ActionPlanKind; kasCode: string | null };
  /** Read a plan in the workspace (drafts included), its revisions and its XLSX export. */
  "plan.view": PlanSubject;
  /** Change a plan's contents (header, sectors, objectives, measures, indicators) or import into it. */
  "plan.edit": PlanSubject;
  /** Adopt a draft plan (revision 1). */
  "plan.adopt": PlanSubject;
  /** Close an adopted plan (no more edits). */
  "plan.close": PlanSubject;
  /** See, read-only, a measure of a plan (the focal point's "My measures"). */
  "measure.view": MeasureSubject;
  /** The "My measures" page: focal points of an institution. */
  "measure.listOwn": null;
};

export type PlanningAction = keyof PlanningSubjects & string;

/** True when the actor is a municipal officer of this municipality. */
export function isOfficerOf(actor: Actor, kasCode: string | null): boolean {
  return kasCode !== null && hasRole(actor, "municipal_officer", { kasCode });
}

/** True when the actor is a focal point of one of the given organisations. */
function isFocalPointFor(actor: Actor, organisationIds: readonly number[]): boolean {
  return organisationIds.some((organisationId) => hasRole(actor, "focal_point", { organisationId }));
}

function mayWorkOn(actor: Actor, plan: PlanSubject): boolean {
  if (isCoordinator(actor)) return true;
  return plan.kind === "local" && isOfficerOf(actor, plan.kasCode);
}

/** Deny by default: only the rules below allow anything. Closed plans are read-only for everyone. */
export const planningPolicy = definePolicy<PlanningSubjects>({
  "planning.section": (actor) =>
    isCoordinator(actor) || hasRole(actor, "municipal_officer") || hasRole(actor, "focal_point"),
  "strategy.manage": (actor) => isCoordinator(actor),
  "plan.create": (actor) => isCoordinator(actor),
  "plan.view": (actor, plan) => mayWorkOn(actor, plan),
  "plan.edit": (actor, plan) => plan.status !== "closed" && mayWorkOn(actor, plan),
  "plan.adopt": (actor, plan) => plan.status === "draft" && isCoordinator(actor),
  "plan.close": (actor, plan) => plan.status === "adopted" && isCoordinator(actor),
  "measure.view": (actor, measure) =>
    isCoordinator(actor) ||
    isFocalPointFor(actor, [measure.responsibleOrganisationId, ...measure.supportingOrganisationIds]),
  "measure.listOwn": (actor) => hasRole(actor, "focal_point") && organisationsOf(actor).length > 0,
});

/** True when the actor may open the plans section of the workspace: shows the workspace section. */
export function seesPlanningSection(actor: Actor): boolean {
  return planningPolicy.can(actor, "planning.section", null);
}

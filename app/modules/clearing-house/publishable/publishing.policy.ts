import { isMemberOf } from "#app/modules/organisations/organisations.policy.ts";
import { definePolicy, isCoordinator, type Actor } from "#app/services/authorization.ts";

/**
 * Who may write what on the clearing house (news, events, services, opportunities and the
 * recommendations made at meetings). Members of an organisation write and publish their own
 * organisation's items; coordinators moderate everything. Deny by default.
 */
export type PublishingSubjects = {
  /** Write a new item (a draft) on behalf of the organisation. */
  "content.create": { organisationId: number };
  /** Change an item of the organisation. */
  "content.update": { organisationId: number };
  /** Make an item of the organisation public. */
  "content.publish": { organisationId: number };
  /** Take an item of the organisation back to draft. */
  "content.unpublish": { organisationId: number };
  /** See and moderate every organisation's items in the workspace. */
  "content.moderate": null;
  /** Record a recommendation made at an event of the organisation. */
  "recommendation.create": { eventOrganisationId: number };
  /** Change the status of a recommendation owned by the organisation. */
  "recommendation.updateStatus": { ownerOrganisationId: number };
};

export type PublishingAction = keyof PublishingSubjects & string;

/** True when the actor writes for the organisation: a member of it, or a coordinator. */
function writesFor(actor: Actor, organisationId: number): boolean {
  return isCoordinator(actor) || isMemberOf(actor, organisationId);
}

export const publishingPolicy = definePolicy<PublishingSubjects>({
  "content.create": (actor, s) => writesFor(actor, s.organisationId),
  "content.update": (actor, s) => writesFor(actor, s.organisationId),
  "content.publish": (actor, s) => writesFor(actor, s.organisationId),
  "content.unpublish": (actor, s) => writesFor(actor, s.organisationId),
  "content.moderate": (actor) => isCoordinator(actor),
  "recommendation.create": (actor, s) => writesFor(actor, s.eventOrganisationId),
  "recommendation.updateStatus": (actor, s) => writesFor(actor, s.ownerOrganisationId),
});

/** The organisations the actor may write for (every one, for coordinators: null). */
export function writableOrganisations(actor: Actor, memberOrganisations: readonly number[]): number[] | null {
  if (isCoordinator(actor)) return null;
  return memberOrganisations.filter((id) => isMemberOf(actor, id));
}

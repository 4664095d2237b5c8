import { definePolicy, hasRole, isCoordinator, type Actor, type Role } from "#app/services/authorization.ts";

/** What the organisations module lets people do, and to what. */
export type OrganisationsSubjects = {
  /** See the workspace list of every organisation (the administration view). */
  "organisation.list": null;
  /** Add an organisation to the directory. */
  "organisation.create": null;
  /** Change an organisation's names, contacts, sectors, communities and details. */
  "organisation.update": { organisationId: number };
  /** Deactivate (or reactivate) an organisation. */
  "organisation.deactivate": { organisationId: number };
};

export type OrganisationsAction = keyof OrganisationsSubjects & string;

/** The roles whose holders may keep their own organisation's entry up to date. */
export const ORGANISATION_MEMBER_ROLES: readonly Role[] = ["focal_point", "donor", "cso_member", "municipal_officer"];

/** True when the actor holds a member role for this very organisation. */
export function isMemberOf(actor: Actor, organisationId: number): boolean {
  return ORGANISATION_MEMBER_ROLES.some((role) => hasRole(actor, role, { organisationId }));
}

/** Deny by default: only the rules below allow anything. */
export const organisationsPolicy = definePolicy<OrganisationsSubjects>({
  "organisation.list": (actor) => isCoordinator(actor),
  "organisation.create": (actor) => isCoordinator(actor),
  "organisation.update": (actor, subject) => isCoordinator(actor) || isMemberOf(actor, subject.organisationId),
  "organisation.deactivate": (actor) => isCoordinator(actor),
});

import { definePolicy, isCoordinator, type Actor } from "#app/services/authorization.ts";
import { isMemberOf, ORGANISATION_MEMBER_ROLES } from "#app/modules/organisations/organisations.policy.ts";

/** What the library lets people do, and to what. */
export type LibrarySubjects = {
  /** See the workspace list of documents (one's own organisations', or every one for coordinators). */
  "document.list": null;
  /** Add a document for an organisation (as a draft). */
  "document.create": { organisationId: number };
  /** Change a document's metadata or replace its files. */
  "document.update": { organisationId: number };
  /** Publish a draft, making it public and searchable. */
  "document.publish": { organisationId: number };
  /** Take a published document back to draft (moderation). */
  "document.unpublish": { organisationId: number };
  /** Read a draft (its page and files) before it is published. */
  "document.viewDraft": { organisationId: number };
};

export type LibraryAction = keyof LibrarySubjects & string;

/** True when the actor holds a member role of any organisation. */
function isOrganisationMember(actor: Actor): boolean {
  return (
    actor.kind === "user" &&
    actor.grants.some((g) => g.organisationId !== null && ORGANISATION_MEMBER_ROLES.includes(g.role))
  );
}

const ownOrCoordinator = (actor: Actor, subject: { organisationId: number }) =>
  isCoordinator(actor) || isMemberOf(actor, subject.organisationId);

/** Deny by default: members keep their own organisation's documents; coordinators moderate all of them. */
export const libraryPolicy = definePolicy<LibrarySubjects>({
  "document.list": (actor) => isCoordinator(actor) || isOrganisationMember(actor),
  "document.create": ownOrCoordinator,
  "document.update": ownOrCoordinator,
  "document.publish": ownOrCoordinator,
  "document.unpublish": ownOrCoordinator,
  "document.viewDraft": ownOrCoordinator,
});

import {
  definePolicy,
  hasRole,
  isCoordinator,
  isSignedIn,
  type Actor,
  type Role,
} from "#app/services/authorization.ts";
import type { ProjectValidationStatus } from "#app/db/tables/projects.ts";

/** A project as the rules see it: whose it is and whether the Office validated it. */
export interface ProjectSubject {
  ownerOrganisationId: number;
  validationStatus: ProjectValidationStatus;
}

/** What the projects module lets people do, and to what. */
export type ProjectsSubjects = {
  /** Read a project (public once validated; before that, its organisation and the Office). */
  "project.read": ProjectSubject;
  /** Register a project for an organisation. */
  "project.create": { organisationId: number };
  /** Change a project, its results framework and its values; submit it for validation. */
  "project.update": ProjectSubject;
  /** Approve submitted indicator values (the project's own organisation). */
  "project.approveValues": ProjectSubject;
  /** Validate a submitted project so that it becomes public, or send it back. */
  "project.validate": ProjectSubject;
  /** Comment on a project or one of its values (the Office). */
  "project.comment": ProjectSubject;
  /** See the workspace list of projects (one's own organisation's, or all for the Office). */
  "project.workspace": null;
  /** Review the overlap queue and decide on a pair. */
  "project.reviewOverlaps": null;
  /** Import an IATI file whose activities the organisation reports (create or update its projects, create unmatched organisations named in it). */
  "project.import": { organisationId: number };
  /** Open the IATI import page at all. */
  "project.importPage": null;
};

export type ProjectsAction = keyof ProjectsSubjects & string;

/** The roles that register projects for their organisation: donors and implementers (CSOs, agencies). */
export const PROJECT_MEMBER_ROLES: readonly Role[] = ["donor", "cso_member"];

/** True when the actor registers projects for this organisation. */
export function actsForOrganisation(actor: Actor, organisationId: number): boolean {
  return PROJECT_MEMBER_ROLES.some((role) => hasRole(actor, role, { organisationId }));
}

/** The organisations for which the actor registers projects. */
export function projectOrganisationsOf(actor: Actor): number[] {
  if (actor.kind !== "user") return [];
  return [
    ...new Set(
      actor.grants
        .filter((g) => PROJECT_MEMBER_ROLES.includes(g.role) && g.organisationId !== null)
        .map((g) => g.organisationId as number),
    ),
  ];
}

/** Deny by default: only the rules below allow anything. */
export const projectsPolicy = definePolicy<ProjectsSubjects>({
  "project.read": (actor, p) =>
    p.validationStatus === "validated" || isCoordinator(actor) || actsForOrganisation(actor, p.ownerOrganisationId),
  "project.create": (actor, s) => actsForOrganisation(actor, s.organisationId),
  "project.update": (actor, p) => actsForOrganisation(actor, p.ownerOrganisationId),
  "project.approveValues": (actor, p) => actsForOrganisation(actor, p.ownerOrganisationId),
  "project.validate": (actor, p) => isCoordinator(actor) && p.validationStatus === "submitted",
  "project.comment": (actor) => isCoordinator(actor),
  "project.workspace": (actor) =>
    isSignedIn(actor) && (isCoordinator(actor) || projectOrganisationsOf(actor).length > 0),
  "project.reviewOverlaps": (actor) => isCoordinator(actor),
  // Issue 14: the Office imports on behalf of any organisation; donors and implementers for their own.
  "project.import": (actor, s) => isCoordinator(actor) || actsForOrganisation(actor, s.organisationId),
  "project.importPage": (actor) =>
    isSignedIn(actor) && (isCoordinator(actor) || projectOrganisationsOf(actor).length > 0),
});

/** True when the actor may open the projects registry of the workspace: shows the workspace section. */
export function seesProjectsWorkspace(actor: Actor): boolean {
  return projectsPolicy.can(actor, "project.workspace", null);
}

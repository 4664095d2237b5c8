import { needsPolicy } from "#app/modules/needs/needs.policy.ts";
import { projectsPolicy } from "#app/modules/projects/projects.policy.ts";
import { libraryPolicy } from "#app/modules/library/library.policy.ts";
import { planningPolicy } from "#app/modules/planning/planning.policy.ts";
import { takesPartInReporting } from "#app/modules/reporting/reporting.policy.ts";
import { isAdministrator, isCoordinator, isSignedIn, type Actor } from "#app/services/authorization.ts";

/** A section of the workspace navigation; shown only to those who may use it. */
export interface WorkspaceSection {
  key: string;
  path: string;
  isVisible: (actor: Actor, options: { isDevelopmentMail: boolean }) => boolean;
}

/** The workspace sections in menu order. Each page still checks its own policy on the server. */
export const WORKSPACE_SECTIONS: WorkspaceSection[] = [
  { key: "dashboard", path: "", isVisible: isSignedIn },
  { key: "profile", path: "profile", isVisible: isSignedIn },
  // modules: add workspace sections below this line (label key `workspace:nav.<key>`)
  { key: "needs", path: "needs", isVisible: (actor) => needsPolicy.can(actor, "need.queue", null) },
  { key: "needsBriefing", path: "needs/briefing", isVisible: (actor) => needsPolicy.can(actor, "need.briefing.view", null) },
  { key: "projects", path: "projects", isVisible: (actor) => projectsPolicy.can(actor, "project.workspace", null) },
  // modules: add workspace sections below this line (label key `workspace:sections.<key>`)
  { key: "library", path: "library", isVisible: (actor) => libraryPolicy.can(actor, "document.list", null) },
  { key: "plans", path: "plans", isVisible: (actor) => planningPolicy.can(actor, "planning.section", null) },
  { key: "reporting", path: "reporting", isVisible: takesPartInReporting },
  { key: "publishing", path: "publishing", isVisible: isSignedIn },
  { key: "recommendations", path: "recommendations", isVisible: isSignedIn },
  { key: "organisations", path: "organisations", isVisible: isCoordinator },
  { key: "users", path: "users", isVisible: isAdministrator },
  { key: "audit", path: "audit", isVisible: isCoordinator },
  { key: "outbox", path: "outbox", isVisible: (actor, { isDevelopmentMail }) => isAdministrator(actor) && isDevelopmentMail },
];

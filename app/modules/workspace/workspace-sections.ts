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
  // modules: add workspace sections below this line (label key `workspace:sections.<key>`)
  { key: "publishing", path: "publishing", isVisible: isSignedIn },
  { key: "recommendations", path: "recommendations", isVisible: isSignedIn },
  { key: "organisations", path: "organisations", isVisible: isCoordinator },
  { key: "users", path: "users", isVisible: isAdministrator },
  { key: "audit", path: "audit", isVisible: isCoordinator },
  { key: "outbox", path: "outbox", isVisible: (actor, { isDevelopmentMail }) => isAdministrator(actor) && isDevelopmentMail },
];

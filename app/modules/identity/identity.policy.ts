import { definePolicy, isAdministrator, isSignedIn, type Role } from "#app/services/authorization.ts";

/** What the identity module lets people do, and to what. */
export type IdentitySubjects = {
  /** Enter the workspace at all. */
  "workspace.view": null;
  /** Change one's own name, languages, password, two-factor and sessions. */
  "profile.update": { userId: string };
  /** See the list of users. */
  "user.list": null;
  /** Invite someone to an organisation with a role. */
  "user.invite": { role: Role; organisationId: number | null };
  /** Change another user's roles, or deactivate them. */
  "user.manage": { userId: string };
  /** Read the mail outbox (only offered in development, when no SMTP server is configured). */
  "outbox.read": null;
};

export type IdentityAction = keyof IdentitySubjects & string;

/** Deny by default: only the rules below allow anything. */
export const identityPolicy = definePolicy<IdentitySubjects>({
  "workspace.view": (actor) => isSignedIn(actor),
  "profile.update": (actor, subject) => isSignedIn(actor) && actor.userId === subject.userId,
  "user.list": (actor) => isAdministrator(actor),
  "user.invite": (actor) => isAdministrator(actor),
  "user.manage": (actor, subject) =>
    isAdministrator(actor) && !(actor.kind === "user" && actor.userId === subject.userId),
  "outbox.read": (actor) => isAdministrator(actor),
});

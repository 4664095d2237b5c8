/**
 * Who may do what: actors, roles and deny-by-default policies. Pure functions only, so every
 * module can test its rules as a table (role × action → allowed).
 */

/** The roles a user can hold; most are held for one organisation or one municipality. */
export const ROLES = [
  "platform_admin",
  "coordinator",
  "focal_point",
  "municipal_officer",
  "donor",
  "cso_member",
  "pm_office",
] as const;
export type Role = (typeof ROLES)[number];

/** One role held by a user, with its scope. */
export interface RoleGrant {
  role: Role;
  /** The organisation the role is held for (focal point, donor, CSO member, municipal officer). */
  organisationId: number | null;
  /** The municipality a municipal officer works for. */
  kasCode: string | null;
}

/** Whoever is making the request. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; name: string; email: string; grants: RoleGrant[]; twoFactorVerified: boolean };

export const ANONYMOUS: Actor = { kind: "anonymous" };

/** A rule: may this actor do the action to this subject? */
export type Rule<Subject> = (actor: Actor, subject: Subject) => boolean;

/** A module's policy: its typed actions and the check. Unknown actions throw; no rule means no. */
export interface Policy<Subjects extends Record<string, unknown>> {
  readonly actions: readonly (keyof Subjects & string)[];
  can<A extends keyof Subjects & string>(actor: Actor, action: A, subject: Subjects[A]): boolean;
}

/** Builds a module's policy from one rule per action (`{ "report.submit": (actor, report) => … }`). */
export function definePolicy<Subjects extends Record<string, unknown>>(rules: {
  [A in keyof Subjects & string]: Rule<Subjects[A]>;
}): Policy<Subjects> {
  return {
    actions: Object.keys(rules) as (keyof Subjects & string)[],
    can(actor, action, subject) {
      if (!Object.hasOwn(rules, action)) throw new Error(`Unknown action "${action}".`);
      const rule = rules[action];
      return rule(actor, subject) === true;
    },
  };
}

/** True when the actor is signed in. */
export function isSignedIn(actor: Actor): actor is Extract<Actor, { kind: "user" }> {
  return actor.kind === "user";
}

/** True when the actor holds the role (in any scope, or for the given organisation / municipality). */
export function hasRole(
  actor: Actor,
  role: Role,
  scope: { organisationId?: number | null; kasCode?: string | null } = {},
): boolean {
  if (actor.kind !== "user") return false;
  return actor.grants.some(
    (g) =>
      g.role === role &&
      (scope.organisationId === undefined || g.organisationId === scope.organisationId) &&
      (scope.kasCode === undefined || g.kasCode === scope.kasCode),
  );
}

/** True for platform administrators. */
export function isAdministrator(actor: Actor): boolean {
  return hasRole(actor, "platform_admin");
}

/** True for the Office's coordinators (and administrators, who can do everything a coordinator can). */
export function isCoordinator(actor: Actor): boolean {
  return hasRole(actor, "coordinator") || isAdministrator(actor);
}

/** The organisations the actor acts for (any role scoped to an organisation). */
export function organisationsOf(actor: Actor): number[] {
  if (actor.kind !== "user") return [];
  return [...new Set(actor.grants.map((g) => g.organisationId).filter((id): id is number => id !== null))];
}

/** Roles that must use two-factor authentication before they can act. */
export const ROLES_REQUIRING_TWO_FACTOR: readonly Role[] = ["platform_admin", "coordinator", "pm_office"];

/** True when the actor holds a role that requires two-factor authentication. */
export function requiresTwoFactor(actor: Actor): boolean {
  return actor.kind === "user" && actor.grants.some((g) => ROLES_REQUIRING_TWO_FACTOR.includes(g.role));
}

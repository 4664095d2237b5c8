import type { Actor, RoleGrant } from "#app/services/authorization.ts";

/** A signed-in actor, as the session guard builds it. */
export type SignedInActor = Extract<Actor, { kind: "user" }>;

/**
 * A signed-in actor held in memory only (no user row behind it), for the policies, renderers and checks that read
 * nothing but the actor. Its user id, name and e-mail are fixed and its second factor verified unless `details`
 * says otherwise.
 */
export function signedInActor(
  grants: RoleGrant[],
  details: Partial<Omit<SignedInActor, "kind" | "grants">> = {},
): SignedInActor {
  return {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    name: "Test user",
    email: "user@example.org",
    twoFactorVerified: true,
    grants,
    ...details,
  };
}

import { expect, it } from "vitest";
import { ROLES, type Actor, type Policy, type Role } from "#app/services/authorization.ts";

/** The people every policy table is checked for: the public and one user per role. */
export type Persona = "public" | Role;

/** Every signed-in persona: one user per role. */
export const SIGNED_IN: readonly Persona[] = ROLES;

/** Everyone: the public and every signed-in persona. */
export const EVERYONE: readonly Persona[] = ["public", ...ROLES];

/** Organisation and municipality ids the personas act for, so subjects can be "theirs" or not. */
export const PERSONA_SCOPE = {
  focalPointOrg: 101,
  municipalOrg: 102,
  municipality: "20",
  donorOrg: 103,
  csoOrg: 104,
} as const;

/** One actor per persona, with a stable user id (`user-<persona>`). */
export const PERSONAS: Record<Persona, Actor> = {
  public: { kind: "anonymous" },
  platform_admin: persona("platform_admin", null, null),
  coordinator: persona("coordinator", null, null),
  focal_point: persona("focal_point", PERSONA_SCOPE.focalPointOrg, null),
  municipal_officer: persona("municipal_officer", PERSONA_SCOPE.municipalOrg, PERSONA_SCOPE.municipality),
  donor: persona("donor", PERSONA_SCOPE.donorOrg, null),
  cso_member: persona("cso_member", PERSONA_SCOPE.csoOrg, null),
  pm_office: persona("pm_office", null, null),
};

function persona(role: Role, organisationId: number | null, kasCode: string | null): Actor {
  return {
    kind: "user",
    userId: `user-${role}`,
    name: role,
    email: `${role}@example.org`,
    grants: [{ role, organisationId, kasCode }],
    twoFactorVerified: true,
  };
}

/** A case of the table: an action on a described subject, and exactly who may do it. */
export interface PolicyCase<
  Subjects extends Record<string, unknown>,
  A extends keyof Subjects & string = keyof Subjects & string,
> {
  action: A;
  subject: Subjects[A];
  label: string;
  allowed: Persona[];
}

/**
 * Checks a module's policy as a table: every persona × every case, allowed exactly for the listed
 * personas. Also fails when the policy has an action the table does not cover.
 */
export function checkPolicyTable<Subjects extends Record<string, unknown>>(
  policy: Policy<Subjects>,
  cases: PolicyCase<Subjects>[],
): void {
  it("covers every action of the policy", () => {
    const covered = new Set(cases.map((c) => c.action));
    expect(policy.actions.filter((a) => !covered.has(a))).toEqual([]);
  });
  for (const c of cases) {
    for (const [name, actor] of Object.entries(PERSONAS) as [Persona, Actor][]) {
      const expected = c.allowed.includes(name);
      it(`${c.action} (${c.label}): ${name} → ${expected ? "allowed" : "denied"}`, () => {
        expect(policy.can(actor, c.action, c.subject)).toBe(expected);
      });
    }
  }
}

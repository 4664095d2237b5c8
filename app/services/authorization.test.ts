import { describe, expect, it } from "vitest";
import {
  ANONYMOUS,
  definePolicy,
  hasRole,
  isCoordinator,
  organisationsOf,
  requiresTwoFactor,
  type RoleGrant,
} from "./authorization.ts";
import { signedInActor } from "../../tests/support/signed-in-actor.ts";

const user = (grants: RoleGrant[]) => signedInActor(grants, { userId: "u1" });

describe("definePolicy", () => {
  const policy = definePolicy<{ "thing.read": null; "thing.write": { ownerId: string } }>({
    "thing.read": () => true,
    "thing.write": (actor, subject) => actor.kind === "user" && actor.userId === subject.ownerId,
  });
  it("applies the rule of the action", () => {
    expect(policy.can(ANONYMOUS, "thing.read", null)).toBe(true);
    expect(policy.can(user([]), "thing.write", { ownerId: "u1" })).toBe(true);
    expect(policy.can(user([]), "thing.write", { ownerId: "u2" })).toBe(false);
  });
  it("throws on an unknown action instead of allowing it", () => {
    expect(() => policy.can(ANONYMOUS, "thing.delete" as "thing.read", null)).toThrow(/Unknown action/);
    expect(() => policy.can(ANONYMOUS, "toString" as "thing.read", null)).toThrow(/Unknown action/);
  });
  it("lists its actions", () => {
    expect(policy.actions).toEqual(["thing.read", "thing.write"]);
  });
});

describe("role helpers", () => {
  const officer = user([
    { role: "municipal_officer", organisationId: 7, kasCode: "20" },
    { role: "cso_member", organisationId: 9, kasCode: null },
  ]);
  it("check roles by scope", () => {
    expect(hasRole(officer, "municipal_officer", { kasCode: "20" })).toBe(true);
    expect(hasRole(officer, "municipal_officer", { kasCode: "07" })).toBe(false);
    expect(hasRole(ANONYMOUS, "cso_member")).toBe(false);
    expect(organisationsOf(officer)).toEqual([7, 9]);
  });
  it("treat administrators as coordinators and require two-factor for both", () => {
    const admin = user([{ role: "platform_admin", organisationId: null, kasCode: null }]);
    expect(isCoordinator(admin)).toBe(true);
    expect(requiresTwoFactor(admin)).toBe(true);
    expect(requiresTwoFactor(officer)).toBe(false);
  });
});

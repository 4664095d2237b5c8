import { describe, expect, it } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import type { Actor } from "#app/services/authorization.ts";
import { organisationsPolicy, type OrganisationsSubjects } from "./organisations.policy.ts";

const OTHER_ORG = 999;

const cases: PolicyCase<OrganisationsSubjects>[] = [
  {
    action: "organisation.list",
    subject: null,
    label: "all organisations",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "organisation.create",
    subject: null,
    label: "a new organisation",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "organisation.update",
    subject: { organisationId: PERSONA_SCOPE.focalPointOrg },
    label: "the focal point's ministry",
    allowed: ["platform_admin", "coordinator", "focal_point"],
  },
  {
    action: "organisation.update",
    subject: { organisationId: PERSONA_SCOPE.municipalOrg },
    label: "the municipal officer's office",
    allowed: ["platform_admin", "coordinator", "municipal_officer"],
  },
  {
    action: "organisation.update",
    subject: { organisationId: PERSONA_SCOPE.donorOrg },
    label: "the donor's organisation",
    allowed: ["platform_admin", "coordinator", "donor"],
  },
  {
    action: "organisation.update",
    subject: { organisationId: PERSONA_SCOPE.csoOrg },
    label: "the CSO member's organisation",
    allowed: ["platform_admin", "coordinator", "cso_member"],
  },
  {
    action: "organisation.update",
    subject: { organisationId: OTHER_ORG },
    label: "someone else's organisation",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "organisation.deactivate",
    subject: { organisationId: PERSONA_SCOPE.csoOrg },
    label: "the CSO member's organisation",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "organisation.deactivate",
    subject: { organisationId: OTHER_ORG },
    label: "someone else's organisation",
    allowed: ["platform_admin", "coordinator"],
  },
];

describe("organisations policy (role × action)", () => {
  checkPolicyTable(organisationsPolicy, cases);

  it("refuses an unknown action", () => {
    const admin: Actor = {
      kind: "user",
      userId: "a",
      name: "a",
      email: "a@example.org",
      grants: [{ role: "platform_admin", organisationId: null, kasCode: null }],
      twoFactorVerified: true,
    };
    expect(() => organisationsPolicy.can(admin, "organisation.delete" as never, null as never)).toThrow(
      /Unknown action/,
    );
  });

  it("lets a member of several organisations update each of them, and no other", () => {
    const member: Actor = {
      kind: "user",
      userId: "m",
      name: "m",
      email: "m@example.org",
      twoFactorVerified: false,
      grants: [
        { role: "donor", organisationId: 7, kasCode: null },
        { role: "cso_member", organisationId: 8, kasCode: null },
      ],
    };
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 7 })).toBe(true);
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 8 })).toBe(true);
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 9 })).toBe(false);
    expect(organisationsPolicy.can(member, "organisation.deactivate", { organisationId: 7 })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { OTHER_ORGANISATION, ownOrganisationCases } from "../../../tests/support/organisation-member-cases.ts";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { organisationsPolicy, type OrganisationsSubjects } from "./organisations.policy.ts";
import { signedInActor } from "../../../tests/support/signed-in-actor.ts";
import { itRefusesAnUnknownAction } from "../../../tests/support/policy-unknown-action.ts";

const MODERATORS = ["platform_admin", "coordinator"] as const;

const cases: PolicyCase<OrganisationsSubjects>[] = [
  { action: "organisation.list", subject: null, label: "all organisations", allowed: [...MODERATORS] },
  { action: "organisation.create", subject: null, label: "a new organisation", allowed: [...MODERATORS] },
  ...ownOrganisationCases("organisation.update", MODERATORS),
  {
    action: "organisation.deactivate",
    subject: { organisationId: PERSONA_SCOPE.csoOrg },
    label: "the CSO member's organisation",
    allowed: [...MODERATORS],
  },
  {
    action: "organisation.deactivate",
    subject: { organisationId: OTHER_ORGANISATION },
    label: "someone else's organisation",
    allowed: [...MODERATORS],
  },
];

describe("organisations policy (role × action)", () => {
  checkPolicyTable(organisationsPolicy, cases);

  itRefusesAnUnknownAction(organisationsPolicy, "organisation.delete");

  it("lets a member of several organisations update each of them, and no other", () => {
    const member = signedInActor([
      { role: "donor", organisationId: 7, kasCode: null },
      { role: "cso_member", organisationId: 8, kasCode: null },
    ]);
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 7 })).toBe(true);
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 8 })).toBe(true);
    expect(organisationsPolicy.can(member, "organisation.update", { organisationId: 9 })).toBe(false);
    expect(organisationsPolicy.can(member, "organisation.deactivate", { organisationId: 7 })).toBe(false);
  });
});

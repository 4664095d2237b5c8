import { describe, expect, it } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, PERSONAS, type PolicyCase } from "../../../../tests/support/policy-table.ts";
import { publishingPolicy, type PublishingSubjects } from "./publishing.policy.ts";

const OTHER_ORG = 999;
const MODERATORS = ["platform_admin", "coordinator"] as const;

const cases: PolicyCase<PublishingSubjects>[] = [];
for (const action of ["content.create", "content.update", "content.publish", "content.unpublish"] as const) {
  cases.push(
    {
      action,
      subject: { organisationId: PERSONA_SCOPE.focalPointOrg },
      label: "the focal point's ministry",
      allowed: [...MODERATORS, "focal_point"],
    },
    {
      action,
      subject: { organisationId: PERSONA_SCOPE.municipalOrg },
      label: "the municipal office",
      allowed: [...MODERATORS, "municipal_officer"],
    },
    {
      action,
      subject: { organisationId: PERSONA_SCOPE.donorOrg },
      label: "the donor",
      allowed: [...MODERATORS, "donor"],
    },
    {
      action,
      subject: { organisationId: PERSONA_SCOPE.csoOrg },
      label: "the CSO",
      allowed: [...MODERATORS, "cso_member"],
    },
    { action, subject: { organisationId: OTHER_ORG }, label: "someone else's organisation", allowed: [...MODERATORS] },
  );
}
cases.push(
  { action: "content.moderate", subject: null, label: "everyone's items", allowed: [...MODERATORS] },
  {
    action: "recommendation.create",
    subject: { eventOrganisationId: PERSONA_SCOPE.csoOrg },
    label: "an event of the CSO",
    allowed: [...MODERATORS, "cso_member"],
  },
  {
    action: "recommendation.create",
    subject: { eventOrganisationId: OTHER_ORG },
    label: "someone else's event",
    allowed: [...MODERATORS],
  },
  {
    action: "recommendation.updateStatus",
    subject: { ownerOrganisationId: PERSONA_SCOPE.focalPointOrg },
    label: "owned by the focal point's ministry",
    allowed: [...MODERATORS, "focal_point"],
  },
  {
    action: "recommendation.updateStatus",
    subject: { ownerOrganisationId: OTHER_ORG },
    label: "owned by someone else",
    allowed: [...MODERATORS],
  },
);

describe("clearing-house publishing policy (role × action)", () => {
  checkPolicyTable(publishingPolicy, cases);

  it("refuses an unknown action", () => {
    expect(() => publishingPolicy.can(PERSONAS.coordinator, "content.delete" as never, null as never)).toThrow(
      /Unknown action/,
    );
  });
});

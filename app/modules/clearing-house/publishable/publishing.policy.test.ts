import { describe } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../../tests/support/policy-table.ts";
import { OTHER_ORGANISATION, ownOrganisationCases } from "../../../../tests/support/organisation-member-cases.ts";
import { publishingPolicy, type PublishingSubjects } from "./publishing.policy.ts";
import { itRefusesAnUnknownAction } from "../../../../tests/support/policy-unknown-action.ts";

const MODERATORS = ["platform_admin", "coordinator"] as const;

const cases: PolicyCase<PublishingSubjects>[] = [];
for (const action of ["content.create", "content.update", "content.publish", "content.unpublish"] as const) {
  cases.push(...ownOrganisationCases(action, MODERATORS));
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
    subject: { eventOrganisationId: OTHER_ORGANISATION },
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
    subject: { ownerOrganisationId: OTHER_ORGANISATION },
    label: "owned by someone else",
    allowed: [...MODERATORS],
  },
);

describe("clearing-house publishing policy (role × action)", () => {
  checkPolicyTable(publishingPolicy, cases);

  itRefusesAnUnknownAction(publishingPolicy, "content.delete", "coordinator");
});

import { describe } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { libraryPolicy, type LibrarySubjects } from "./library.policy.ts";

const OTHER_ORG = 999;
const own = (action: keyof LibrarySubjects & string): PolicyCase<LibrarySubjects>[] => [
  {
    action,
    subject: { organisationId: PERSONA_SCOPE.csoOrg } as never,
    label: "the CSO member's organisation",
    allowed: ["platform_admin", "coordinator", "cso_member"],
  },
  {
    action,
    subject: { organisationId: PERSONA_SCOPE.focalPointOrg } as never,
    label: "the focal point's ministry",
    allowed: ["platform_admin", "coordinator", "focal_point"],
  },
  {
    action,
    subject: { organisationId: PERSONA_SCOPE.municipalOrg } as never,
    label: "the municipal office",
    allowed: ["platform_admin", "coordinator", "municipal_officer"],
  },
  {
    action,
    subject: { organisationId: PERSONA_SCOPE.donorOrg } as never,
    label: "the donor",
    allowed: ["platform_admin", "coordinator", "donor"],
  },
  {
    action,
    subject: { organisationId: OTHER_ORG } as never,
    label: "someone else's organisation",
    allowed: ["platform_admin", "coordinator"],
  },
];

const cases: PolicyCase<LibrarySubjects>[] = [
  {
    action: "document.list",
    subject: null,
    label: "the workspace list",
    allowed: ["platform_admin", "coordinator", "focal_point", "municipal_officer", "donor", "cso_member"],
  },
  ...own("document.create"),
  ...own("document.update"),
  ...own("document.publish"),
  ...own("document.unpublish"),
  ...own("document.viewDraft"),
];

describe("library policy (role × action)", () => {
  checkPolicyTable(libraryPolicy, cases);
});

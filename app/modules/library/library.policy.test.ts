import { describe } from "vitest";
import { ownOrganisationCases } from "../../../tests/support/organisation-member-cases.ts";
import { checkPolicyTable, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { libraryPolicy, type LibrarySubjects } from "./library.policy.ts";

const MODERATORS = ["platform_admin", "coordinator"] as const;

const cases: PolicyCase<LibrarySubjects>[] = [
  {
    action: "document.list",
    subject: null,
    label: "the workspace list",
    allowed: ["platform_admin", "coordinator", "focal_point", "municipal_officer", "donor", "cso_member"],
  },
  ...ownOrganisationCases("document.create", MODERATORS),
  ...ownOrganisationCases("document.update", MODERATORS),
  ...ownOrganisationCases("document.publish", MODERATORS),
  ...ownOrganisationCases("document.unpublish", MODERATORS),
  ...ownOrganisationCases("document.viewDraft", MODERATORS),
];

describe("library policy (role × action)", () => {
  checkPolicyTable(libraryPolicy, cases);
});

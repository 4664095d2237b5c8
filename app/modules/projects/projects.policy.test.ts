import { describe } from "vitest";
import type { ProjectValidationStatus } from "#app/db/tables/projects.ts";
import {
  checkPolicyTable,
  EVERYONE,
  PERSONA_SCOPE,
  type Persona,
  type PolicyCase,
} from "../../../tests/support/policy-table.ts";
import { projectsPolicy, type ProjectsAction, type ProjectsSubjects } from "./projects.policy.ts";

const DONORS = PERSONA_SCOPE.donorOrg;
const CSO = PERSONA_SCOPE.csoOrg;
const OTHER = 999;
/** The Office: the coordinators, and the platform's administrators with them. */
const OFFICE: Persona[] = ["platform_admin", "coordinator"];
/** Everyone who registers projects, and the Office. */
const PROJECT_PEOPLE: Persona[] = [...OFFICE, "donor", "cso_member"];

/** A project of an organisation at a validation step, as the rules see it. */
const project = (ownerOrganisationId: number, validationStatus: ProjectValidationStatus) => ({
  ownerOrganisationId,
  validationStatus,
});

/** One row of the table: `action` on a subject (`label` says which), allowed exactly for `allowed`. */
function row<A extends ProjectsAction>(
  action: A,
  subject: ProjectsSubjects[A],
  label: string,
  allowed: Persona[],
): PolicyCase<ProjectsSubjects> {
  return { action, subject, label, allowed };
}

const cases: PolicyCase<ProjectsSubjects>[] = [
  row("project.read", project(OTHER, "validated"), "validated", [...EVERYONE]),
  row("project.read", project(DONORS, "draft"), "donor's draft", [...OFFICE, "donor"]),
  row("project.read", project(OTHER, "submitted"), "another organisation's submitted", OFFICE),
  row("project.create", { organisationId: DONORS }, "for the donor's organisation", ["donor"]),
  row("project.create", { organisationId: CSO }, "for the CSO", ["cso_member"]),
  row("project.create", { organisationId: OTHER }, "for another organisation", []),
  row("project.update", project(DONORS, "validated"), "donor's own", ["donor"]),
  row("project.update", project(OTHER, "draft"), "another organisation's", []),
  row("project.approveValues", project(CSO, "validated"), "CSO's own", ["cso_member"]),
  row("project.approveValues", project(OTHER, "validated"), "another organisation's", []),
  row("project.validate", project(DONORS, "submitted"), "submitted", OFFICE),
  row("project.validate", project(DONORS, "draft"), "still a draft", []),
  row("project.comment", project(DONORS, "submitted"), "any", OFFICE),
  row("project.workspace", null, "list", PROJECT_PEOPLE),
  row("project.reviewOverlaps", null, "queue", OFFICE),
  row("project.import", { organisationId: DONORS }, "for the donor's organisation", [...OFFICE, "donor"]),
  row("project.import", { organisationId: CSO }, "for the CSO", [...OFFICE, "cso_member"]),
  row("project.import", { organisationId: OTHER }, "for another organisation", OFFICE),
  row("project.importPage", null, "page", PROJECT_PEOPLE),
];

describe("projects policy (role × action)", () => {
  checkPolicyTable(projectsPolicy, cases);
});

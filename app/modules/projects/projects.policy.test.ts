import { describe } from "vitest";
import { checkPolicyTable, EVERYONE, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { projectsPolicy, type ProjectsSubjects } from "./projects.policy.ts";

const DONORS = PERSONA_SCOPE.donorOrg;
const CSO = PERSONA_SCOPE.csoOrg;
const OTHER = 999;

const cases: PolicyCase<ProjectsSubjects>[] = [
  {
    action: "project.read",
    subject: { ownerOrganisationId: OTHER, validationStatus: "validated" },
    label: "validated",
    allowed: [...EVERYONE],
  },
  {
    action: "project.read",
    subject: { ownerOrganisationId: DONORS, validationStatus: "draft" },
    label: "donor's draft",
    allowed: ["platform_admin", "coordinator", "donor"],
  },
  {
    action: "project.read",
    subject: { ownerOrganisationId: OTHER, validationStatus: "submitted" },
    label: "another organisation's submitted",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "project.create",
    subject: { organisationId: DONORS },
    label: "for the donor's organisation",
    allowed: ["donor"],
  },
  { action: "project.create", subject: { organisationId: CSO }, label: "for the CSO", allowed: ["cso_member"] },
  { action: "project.create", subject: { organisationId: OTHER }, label: "for another organisation", allowed: [] },
  {
    action: "project.update",
    subject: { ownerOrganisationId: DONORS, validationStatus: "validated" },
    label: "donor's own",
    allowed: ["donor"],
  },
  {
    action: "project.update",
    subject: { ownerOrganisationId: OTHER, validationStatus: "draft" },
    label: "another organisation's",
    allowed: [],
  },
  {
    action: "project.approveValues",
    subject: { ownerOrganisationId: CSO, validationStatus: "validated" },
    label: "CSO's own",
    allowed: ["cso_member"],
  },
  {
    action: "project.approveValues",
    subject: { ownerOrganisationId: OTHER, validationStatus: "validated" },
    label: "another organisation's",
    allowed: [],
  },
  {
    action: "project.validate",
    subject: { ownerOrganisationId: DONORS, validationStatus: "submitted" },
    label: "submitted",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "project.validate",
    subject: { ownerOrganisationId: DONORS, validationStatus: "draft" },
    label: "still a draft",
    allowed: [],
  },
  {
    action: "project.comment",
    subject: { ownerOrganisationId: DONORS, validationStatus: "submitted" },
    label: "any",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "project.workspace",
    subject: null,
    label: "list",
    allowed: ["platform_admin", "coordinator", "donor", "cso_member"],
  },
  { action: "project.reviewOverlaps", subject: null, label: "queue", allowed: ["platform_admin", "coordinator"] },
  {
    action: "project.import",
    subject: { organisationId: DONORS },
    label: "for the donor's organisation",
    allowed: ["platform_admin", "coordinator", "donor"],
  },
  {
    action: "project.import",
    subject: { organisationId: CSO },
    label: "for the CSO",
    allowed: ["platform_admin", "coordinator", "cso_member"],
  },
  {
    action: "project.import",
    subject: { organisationId: OTHER },
    label: "for another organisation",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "project.importPage",
    subject: null,
    label: "page",
    allowed: ["platform_admin", "coordinator", "donor", "cso_member"],
  },
];

describe("projects policy (role × action)", () => {
  checkPolicyTable(projectsPolicy, cases);
});

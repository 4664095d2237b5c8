import { describe } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { reportingPolicy, type ReportingSubjects } from "./reporting.policy.ts";

const ministryTask = { organisationId: PERSONA_SCOPE.focalPointOrg, kasCode: null };
const otherMinistryTask = { organisationId: 999, kasCode: null };
const ownMunicipalityTask = { organisationId: PERSONA_SCOPE.municipalOrg, kasCode: PERSONA_SCOPE.municipality };
const municipalityByCode = { organisationId: 998, kasCode: PERSONA_SCOPE.municipality };
const otherMunicipalityTask = { organisationId: 997, kasCode: "07" };

const cases: PolicyCase<ReportingSubjects>[] = [
  { action: "cycle.view", subject: null, label: "board", allowed: ["platform_admin", "coordinator"] },
  { action: "cycle.manage", subject: null, label: "open or close", allowed: ["platform_admin", "coordinator"] },
  {
    action: "task.view",
    subject: ministryTask,
    label: "the focal point's ministry",
    allowed: ["platform_admin", "coordinator", "focal_point"],
  },
  {
    action: "task.view",
    subject: otherMinistryTask,
    label: "another ministry",
    allowed: ["platform_admin", "coordinator"],
  },
  {
    action: "task.view",
    subject: ownMunicipalityTask,
    label: "the officer's municipal office",
    allowed: ["platform_admin", "coordinator", "municipal_officer"],
  },
  { action: "task.report", subject: ministryTask, label: "the focal point's ministry", allowed: ["focal_point"] },
  { action: "task.report", subject: otherMinistryTask, label: "another ministry", allowed: [] },
  {
    action: "task.report",
    subject: ownMunicipalityTask,
    label: "the officer's municipal office",
    allowed: ["municipal_officer"],
  },
  {
    action: "task.report",
    subject: municipalityByCode,
    label: "another institution of the officer's municipality",
    allowed: ["municipal_officer"],
  },
  { action: "task.report", subject: otherMunicipalityTask, label: "another municipality", allowed: [] },
  { action: "report.review", subject: null, label: "approve or return", allowed: ["platform_admin", "coordinator"] },
  { action: "observation.create", subject: null, label: "field observation", allowed: ["cso_member"] },
  {
    action: "observation.view",
    subject: null,
    label: "observations of a cycle",
    allowed: ["platform_admin", "coordinator", "cso_member"],
  },
  { action: "annual.compile", subject: null, label: "compile", allowed: ["platform_admin", "coordinator"] },
  { action: "annual.publish", subject: null, label: "publish", allowed: ["platform_admin", "coordinator"] },
];

describe("reporting policy", () => {
  checkPolicyTable(reportingPolicy, cases);
});

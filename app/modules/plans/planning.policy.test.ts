import { describe, expect, it } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type Persona, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { planningPolicy, type PlanningSubjects, type PlanSubject } from "./planning.policy.ts";
import { signedInActor } from "../../../tests/support/signed-in-actor.ts";
import { itRefusesAnUnknownAction } from "../../../tests/support/policy-unknown-action.ts";

const OWN = PERSONA_SCOPE.municipality;
const OTHER = "07";
type PlanAction = "plan.view" | "plan.edit" | "plan.adopt" | "plan.close";
const EVERY_PLAN_ROLE = ["platform_admin", "coordinator"] as const;

const coordinators: Persona[] = [...EVERY_PLAN_ROLE];
const andOfficer: Persona[] = [...EVERY_PLAN_ROLE, "municipal_officer"];

/** The cases of the actions on one plan: [action, plan kind, municipality, status, label, who may]. */
const PLAN_CASES: [PlanAction, PlanSubject["kind"], string | null, PlanSubject["status"], string, Persona[]][] = [
  ["plan.view", "national", null, "draft", "a national draft", coordinators],
  ["plan.view", "local", OWN, "draft", "the officer's local draft", andOfficer],
  ["plan.view", "local", OTHER, "adopted", "another municipality's plan", coordinators],
  ["plan.edit", "national", null, "adopted", "an adopted national plan", coordinators],
  ["plan.edit", "local", OWN, "draft", "the officer's local draft", andOfficer],
  ["plan.edit", "local", OWN, "adopted", "the officer's adopted local plan", andOfficer],
  ["plan.edit", "local", OWN, "closed", "the officer's closed local plan", []],
  ["plan.edit", "local", OTHER, "draft", "another municipality's draft", coordinators],
  ["plan.adopt", "local", OWN, "draft", "the officer's local draft", coordinators],
  ["plan.adopt", "national", null, "adopted", "an already adopted plan", []],
  ["plan.close", "national", null, "adopted", "an adopted plan", coordinators],
  ["plan.close", "national", null, "draft", "a draft", []],
];

const cases: PolicyCase<PlanningSubjects>[] = [
  {
    action: "planning.section",
    subject: null,
    label: "the plans section",
    allowed: ["platform_admin", "coordinator", "municipal_officer", "focal_point"],
  },
  { action: "strategy.manage", subject: null, label: "any strategy", allowed: [...EVERY_PLAN_ROLE] },
  {
    action: "plan.create",
    subject: { kind: "national", kasCode: null },
    label: "a national plan",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.create",
    subject: { kind: "local", kasCode: OWN },
    label: "the officer's local plan",
    allowed: [...EVERY_PLAN_ROLE],
  },
  ...PLAN_CASES.map(([action, kind, kasCode, status, label, allowed]): PolicyCase<PlanningSubjects> => ({
    action,
    subject: { kind, kasCode, status },
    label,
    allowed,
  })),
  {
    action: "measure.view",
    subject: { responsibleOrganisationId: PERSONA_SCOPE.focalPointOrg, supportingOrganisationIds: [] },
    label: "a measure of the focal point's ministry",
    allowed: [...EVERY_PLAN_ROLE, "focal_point"],
  },
  {
    action: "measure.view",
    subject: { responsibleOrganisationId: 999, supportingOrganisationIds: [PERSONA_SCOPE.focalPointOrg] },
    label: "a measure the ministry supports",
    allowed: [...EVERY_PLAN_ROLE, "focal_point"],
  },
  {
    action: "measure.view",
    subject: {
      responsibleOrganisationId: PERSONA_SCOPE.donorOrg,
      supportingOrganisationIds: [PERSONA_SCOPE.csoOrg, PERSONA_SCOPE.municipalOrg],
    },
    label: "a measure of other institutions",
    allowed: [...EVERY_PLAN_ROLE],
  },
  { action: "measure.listOwn", subject: null, label: "my measures", allowed: ["focal_point"] },
];

describe("planning policy (role × action)", () => {
  checkPolicyTable(planningPolicy, cases);

  itRefusesAnUnknownAction(planningPolicy, "plan.delete");

  it("lets an officer of two municipalities edit both local plans and no national plan", () => {
    const officer = signedInActor([
      { role: "municipal_officer", organisationId: 1, kasCode: "20" },
      { role: "municipal_officer", organisationId: 2, kasCode: "07" },
    ]);
    expect(planningPolicy.can(officer, "plan.edit", { kind: "local", kasCode: "20", status: "draft" })).toBe(true);
    expect(planningPolicy.can(officer, "plan.edit", { kind: "local", kasCode: "07", status: "draft" })).toBe(true);
    expect(planningPolicy.can(officer, "plan.edit", { kind: "local", kasCode: "11", status: "draft" })).toBe(false);
    expect(planningPolicy.can(officer, "plan.edit", { kind: "national", kasCode: null, status: "draft" })).toBe(false);
  });
});

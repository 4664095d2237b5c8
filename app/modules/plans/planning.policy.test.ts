import { describe, expect, it } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, PERSONAS, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { planningPolicy, type PlanningSubjects } from "./planning.policy.ts";
import { signedInActor } from "../../../tests/support/signed-in-actor.ts";

const OWN = PERSONA_SCOPE.municipality;
const OTHER = "07";
const EVERY_PLAN_ROLE = ["platform_admin", "coordinator"] as const;

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
  {
    action: "plan.view",
    subject: { kind: "national", kasCode: null, status: "draft" },
    label: "a national draft",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.view",
    subject: { kind: "local", kasCode: OWN, status: "draft" },
    label: "the officer's local draft",
    allowed: [...EVERY_PLAN_ROLE, "municipal_officer"],
  },
  {
    action: "plan.view",
    subject: { kind: "local", kasCode: OTHER, status: "adopted" },
    label: "another municipality's plan",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.edit",
    subject: { kind: "national", kasCode: null, status: "adopted" },
    label: "an adopted national plan",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.edit",
    subject: { kind: "local", kasCode: OWN, status: "draft" },
    label: "the officer's local draft",
    allowed: [...EVERY_PLAN_ROLE, "municipal_officer"],
  },
  {
    action: "plan.edit",
    subject: { kind: "local", kasCode: OWN, status: "adopted" },
    label: "the officer's adopted local plan",
    allowed: [...EVERY_PLAN_ROLE, "municipal_officer"],
  },
  {
    action: "plan.edit",
    subject: { kind: "local", kasCode: OWN, status: "closed" },
    label: "the officer's closed local plan",
    allowed: [],
  },
  {
    action: "plan.edit",
    subject: { kind: "local", kasCode: OTHER, status: "draft" },
    label: "another municipality's draft",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.adopt",
    subject: { kind: "local", kasCode: OWN, status: "draft" },
    label: "the officer's local draft",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.adopt",
    subject: { kind: "national", kasCode: null, status: "adopted" },
    label: "an already adopted plan",
    allowed: [],
  },
  {
    action: "plan.close",
    subject: { kind: "national", kasCode: null, status: "adopted" },
    label: "an adopted plan",
    allowed: [...EVERY_PLAN_ROLE],
  },
  {
    action: "plan.close",
    subject: { kind: "national", kasCode: null, status: "draft" },
    label: "a draft",
    allowed: [],
  },
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

  it("refuses an unknown action", () => {
    expect(() => planningPolicy.can(PERSONAS.platform_admin, "plan.delete" as never, null as never)).toThrow(
      /Unknown action/,
    );
  });

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

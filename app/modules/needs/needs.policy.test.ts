import { describe, expect, it } from "vitest";
import { checkPolicyTable, PERSONA_SCOPE, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { needsPolicy, type NeedCaseSubject, type NeedsSubjects } from "./needs.policy.ts";
import { itRefusesAnUnknownAction } from "../../../tests/support/policy-unknown-action.ts";

const OTHER_ORG = 999;
const OFFICE = ["platform_admin", "coordinator"] as const;

/** A case referred to the focal point's ministry, without consent to share the submitter's identity. */
const referredToMinistry: NeedCaseSubject = {
  referredOrganisationIds: [PERSONA_SCOPE.focalPointOrg],
  submittedByUserId: null,
  shareWithInstitution: false,
};
const referredToMinistryWithConsent: NeedCaseSubject = { ...referredToMinistry, shareWithInstitution: true };
const referredToMunicipality: NeedCaseSubject = {
  referredOrganisationIds: [PERSONA_SCOPE.municipalOrg],
  submittedByUserId: null,
  shareWithInstitution: true,
};
const notReferred: NeedCaseSubject = {
  referredOrganisationIds: [],
  submittedByUserId: null,
  shareWithInstitution: true,
};
const submittedByCso: NeedCaseSubject = {
  referredOrganisationIds: [OTHER_ORG],
  submittedByUserId: "user-cso_member",
  shareWithInstitution: true,
};

const cases: PolicyCase<NeedsSubjects>[] = [
  {
    action: "need.queue",
    subject: null,
    label: "the list of cases",
    allowed: [...OFFICE, "focal_point", "municipal_officer", "cso_member"],
  },
  { action: "need.view", subject: notReferred, label: "a case not referred yet", allowed: [...OFFICE] },
  {
    action: "need.view",
    subject: referredToMinistry,
    label: "a case referred to the ministry",
    allowed: [...OFFICE, "focal_point"],
  },
  {
    action: "need.view",
    subject: referredToMunicipality,
    label: "a case referred to the municipal office",
    allowed: [...OFFICE, "municipal_officer"],
  },
  {
    action: "need.view",
    subject: submittedByCso,
    label: "a case the CSO member submitted",
    allowed: [...OFFICE, "cso_member"],
  },
  {
    action: "need.personal_data.view",
    subject: referredToMinistry,
    label: "submitter of a referred case, no consent",
    allowed: [...OFFICE],
  },
  {
    action: "need.personal_data.view",
    subject: referredToMinistryWithConsent,
    label: "submitter of a referred case, with consent",
    allowed: [...OFFICE, "focal_point"],
  },
  {
    action: "need.personal_data.view",
    subject: notReferred,
    label: "submitter of a case not referred",
    allowed: [...OFFICE],
  },
  {
    action: "need.personal_data.view",
    subject: submittedByCso,
    label: "submitter of a case the CSO member submitted",
    allowed: [...OFFICE],
  },
  {
    action: "need.attachment.read",
    subject: { ...referredToMinistry, uploadedBy: "submitter" },
    label: "the submitter's file, no consent",
    allowed: [...OFFICE],
  },
  {
    action: "need.attachment.read",
    subject: { ...referredToMinistryWithConsent, uploadedBy: "submitter" },
    label: "the submitter's file, with consent",
    allowed: [...OFFICE, "focal_point"],
  },
  {
    action: "need.attachment.read",
    subject: { ...referredToMinistry, uploadedBy: "user" },
    label: "a handler's file",
    allowed: [...OFFICE, "focal_point"],
  },
  {
    action: "need.attachment.read",
    subject: { ...submittedByCso, uploadedBy: "submitter" },
    label: "a file of the CSO's case",
    allowed: [...OFFICE],
  },
  { action: "need.triage", subject: referredToMinistry, label: "a referred case", allowed: [...OFFICE] },
  { action: "need.refer", subject: notReferred, label: "a case not referred yet", allowed: [...OFFICE] },
  { action: "need.flag", subject: referredToMinistry, label: "a referred case", allowed: [...OFFICE] },
  {
    action: "need.referral.respond",
    subject: { organisationId: PERSONA_SCOPE.focalPointOrg },
    label: "a referral to the ministry",
    allowed: ["focal_point"],
  },
  {
    action: "need.referral.respond",
    subject: { organisationId: PERSONA_SCOPE.municipalOrg },
    label: "a referral to the municipal office",
    allowed: ["municipal_officer"],
  },
  {
    action: "need.referral.respond",
    subject: { organisationId: PERSONA_SCOPE.csoOrg },
    label: "a referral to the CSO's organisation",
    allowed: [],
  },
  {
    action: "need.note",
    subject: referredToMinistry,
    label: "a case referred to the ministry",
    allowed: [...OFFICE, "focal_point"],
  },
  { action: "need.note", subject: submittedByCso, label: "a case the CSO member submitted", allowed: [...OFFICE] },
  { action: "need.routing.manage", subject: null, label: "the routing rules", allowed: [...OFFICE] },
  { action: "need.briefing.view", subject: null, label: "the briefing", allowed: [...OFFICE, "pm_office"] },
];

describe("needs policy (role × action)", () => {
  checkPolicyTable(needsPolicy, cases);

  itRefusesAnUnknownAction(needsPolicy, "need.delete");

  it("does not let a donor of the referred organisation act on it (only institution roles do)", () => {
    const donor = {
      kind: "user" as const,
      userId: "d",
      name: "d",
      email: "d@example.org",
      twoFactorVerified: false,
      grants: [{ role: "donor" as const, organisationId: 5, kasCode: null }],
    };
    expect(
      needsPolicy.can(donor, "need.view", {
        referredOrganisationIds: [5],
        submittedByUserId: null,
        shareWithInstitution: true,
      }),
    ).toBe(false);
    expect(needsPolicy.can(donor, "need.referral.respond", { organisationId: 5 })).toBe(false);
  });
});

import { describe } from "vitest";
import { checkPolicyTable, EVERYONE, type PolicyCase } from "../../../../tests/support/policy-table.ts";
import { needsPublicPolicy, type NeedsPublicSubjects } from "./needs-public.policy.ts";

const cases: PolicyCase<NeedsPublicSubjects>[] = [
  { action: "need.submit", subject: null, label: "a need of one's own", allowed: [...EVERYONE] },
  {
    action: "need.submitOnBehalf",
    subject: null,
    label: "a need for someone else",
    allowed: ["platform_admin", "coordinator", "cso_member"],
  },
  {
    action: "need.track",
    subject: { codeMatches: true },
    label: "a case whose code was given",
    allowed: [...EVERYONE],
  },
  { action: "need.track", subject: { codeMatches: false }, label: "a case without its code", allowed: [] },
];

describe("needs public policy (role × action)", () => {
  checkPolicyTable(needsPublicPolicy, cases);
});

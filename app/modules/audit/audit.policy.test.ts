import { describe } from "vitest";
import { checkPolicyTable, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { auditPolicy, type AuditSubjects } from "./audit.policy.ts";

const cases: PolicyCase<AuditSubjects>[] = [
  { action: "audit.read", subject: null, label: "the whole log", allowed: ["platform_admin", "coordinator"] },
];

describe("audit policy (role × action)", () => {
  checkPolicyTable(auditPolicy, cases);
});

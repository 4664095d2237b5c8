import { describe } from "vitest";
import { checkPolicyTable, SIGNED_IN, type PolicyCase } from "../../../tests/support/policy-table.ts";
import { identityPolicy, type IdentitySubjects } from "./identity.policy.ts";

const cases: PolicyCase<IdentitySubjects>[] = [
  { action: "workspace.view", subject: null, label: "any", allowed: [...SIGNED_IN] },
  { action: "profile.update", subject: { userId: "user-donor" }, label: "the donor's own profile", allowed: ["donor"] },
  { action: "profile.update", subject: { userId: "someone-else" }, label: "another user's profile", allowed: [] },
  { action: "user.list", subject: null, label: "all users", allowed: ["platform_admin"] },
  {
    action: "user.invite",
    subject: { role: "cso_member", organisationId: 104 },
    label: "a CSO member",
    allowed: ["platform_admin"],
  },
  {
    action: "user.invite",
    subject: { role: "platform_admin", organisationId: null },
    label: "an administrator",
    allowed: ["platform_admin"],
  },
  { action: "user.manage", subject: { userId: "user-donor" }, label: "another user", allowed: ["platform_admin"] },
  { action: "user.manage", subject: { userId: "user-platform_admin" }, label: "oneself", allowed: [] },
  { action: "outbox.read", subject: null, label: "the outbox", allowed: ["platform_admin"] },
];

describe("identity policy (role × action)", () => {
  checkPolicyTable(identityPolicy, cases);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { routeHarness, type RouteHarness, expectFormRefused } from "../../../tests/support/route-harness.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, municipalityOfficeId, organisationIdBySlug } from "../../../tests/support/workspace-actors.ts";
import * as invite from "./routes/users-invite.tsx";

type SignedIn = Extract<Actor, { kind: "user" }>;

let handle: DatabaseHandle;
let routes: RouteHarness;
let admin: SignedIn;
let bsfkId: number;
let prizrenOfficeId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  routes = routeHarness(handle.db);
  admin = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true });
  bsfkId = await organisationIdBySlug(handle.db, "balkan-sunflowers-kosova");
  prizrenOfficeId = await municipalityOfficeId(handle.db, "20");
});
afterAll(() => handle.close());

const PATH = "/en/workspace/users/invite";
const post = (actor: SignedIn | "coordinator", form: Record<string, string>) =>
  routes.submit(invite.action, { path: PATH, form, as: actor });

/** The invitation form for `role` with `fields` filled in, the others left blank (and the mail in English). */
function inviteForm(
  role: string,
  fields: Partial<Record<"email" | "name" | "organisationId" | "kasCode" | "locale", string>>,
) {
  return { email: "", name: "", role, organisationId: "", kasCode: "", locale: "en", ...fields };
}

async function invitationsFor(email: string) {
  return handle.db.selectFrom("auth_token").select(["purpose", "data", "used_at"]).where("email", "=", email).execute();
}

describe("/workspace/users/invite", () => {
  it("offers active organisations and the municipalities to administrators only", async () => {
    const page = await routes.load(invite.loader, { path: PATH, as: admin });
    expect(page.data.municipalities).toHaveLength(38);
    expect((await routes.load(invite.loader, { path: PATH, as: "coordinator" })).status).toBe(403);
    expect(
      (
        await post(
          "coordinator",
          inviteForm("cso_member", { email: "x@example.org", name: "X", organisationId: String(bsfkId) }),
        )
      ).status,
    ).toBe(403);
  });

  it("answers 400 with the values and field errors, and sends nothing", async () => {
    const result = await post(admin, inviteForm("focal_point", { email: "not-an-address", kasCode: "20" }));
    expectFormRefused(result, {
      errors: {
        email: "workspace:errors.emailInvalid",
        name: "workspace:errors.nameRequired",
        organisationId: "workspace:errors.organisationRequired",
        kasCode: "workspace:errors.municipalityNotForRole",
      },
      values: { email: "not-an-address", role: "focal_point" },
    });
    const forged = await post(
      admin,
      inviteForm("cso_member", { email: "forged@example.org", name: "Forged", organisationId: "987654" }),
    );
    expect(forged).toMatchObject({
      status: 400,
      data: { errors: { organisationId: "workspace:errors.organisationInvalid" } },
    });
    expect(await invitationsFor("forged@example.org")).toEqual([]);
  });

  it("invites a CSO member: a single-use token, an e-mail in the outbox, an audit record, then back to the list", async () => {
    const result = await post(
      admin,
      inviteForm("cso_member", {
        email: "New.Member@Example.org",
        name: "Drita <b>Berisha</b>",
        organisationId: String(bsfkId),
        locale: "sq",
      }),
    );
    expect(result).toMatchObject({ status: 302, location: "/en/workspace/users?saved=invited" });
    const tokens = await invitationsFor("new.member@example.org");
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      purpose: "invitation",
      used_at: null,
      data: { role: "cso_member", organisationId: bsfkId },
    });
    const mail = await handle.db
      .selectFrom("mail_outbox")
      .select(["to_address", "text_body"])
      .where("to_address", "=", "new.member@example.org")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toContain("/sq/accept-invitation/");
    const audit = await handle.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("action", "=", "user.invite")
      .execute();
    expect(audit).toContainEqual({ action: "user.invite", actor_user_id: admin.userId });
  });

  it("places a municipal officer invited without an organisation in the municipality's office", async () => {
    const result = await post(
      admin,
      inviteForm("municipal_officer", { email: "officer@example.org", name: "Officer", kasCode: "20", locale: "sr" }),
    );
    expect(result.status).toBe(302);
    expect((await invitationsFor("officer@example.org"))[0]?.data).toMatchObject({
      role: "municipal_officer",
      organisationId: prizrenOfficeId,
      kasCode: "20",
    });
  });
});

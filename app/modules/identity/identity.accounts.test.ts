import { beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Actor } from "#app/services/authorization.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { claimNextJob } from "#app/services/jobs.server.ts";
import { createInvitation, PASSWORD_RESET_JOB, requestPasswordReset, verifyEmail } from "./identity.commands.server.ts";
import { identityJobHandlers } from "./identity.jobs.server.ts";
import { call, contextFor, createUser, getPage, HOSTILE_NAME, postForm, type Answer } from "./identity.test-support.ts";
import { createSession, hashToken, SESSION_COOKIE } from "./sessions.server.ts";
import * as acceptInvitationRoute from "./routes/accept-invitation.tsx";
import * as forgotPasswordRoute from "./routes/forgot-password.tsx";
import * as resetPasswordRoute from "./routes/reset-password.tsx";
import * as signInRoute from "./routes/sign-in.tsx";
import * as verifyEmailRoute from "./routes/verify-email.tsx";
import * as profileRoute from "../workspace/routes/profile.tsx";
import { expectFormRefused } from "../../../tests/support/route-harness.ts";
import { signedInActor } from "../../../tests/support/signed-in-actor.ts";
import { auditEntries, auditEntry } from "../../../tests/support/audit-entries.ts";

const handle = setUpTestDatabase();

const EN = { lang: "en" };
const PASSWORD = "Ura e Ibrit në mëngjes 2026";
const NEW_PASSWORD = "Mostar Prizren Gračanica lumë";
const typedPasswords = new Set([PASSWORD, NEW_PASSWORD]);

/** The token at the end of the link in the newest e-mail to an address. */
async function linkInLatestMail(
  to: string,
  path: string,
): Promise<{ token: string; mail: { subject: string; text_body: string } }> {
  const mail = await handle.db
    .selectFrom("mail_outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", to)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const match = new RegExp(`https://platform\\.example/en/${path}/([\\w-]+)`).exec(mail.text_body);
  if (!match?.[1]) throw new Error(`No ${path} link in: ${mail.text_body}`);
  return { token: match[1], mail };
}

/** Runs the queued password-reset jobs, as the server's job worker does. */
async function runResetJobs(): Promise<void> {
  const handlers = identityJobHandlers(handle.db);
  for (
    let job = await claimNextJob(handle.db, "test", [PASSWORD_RESET_JOB]);
    job;
    job = await claimNextJob(handle.db, "test", [PASSWORD_RESET_JOB])
  ) {
    await handlers[PASSWORD_RESET_JOB]!({ job, reportProgress: async () => {}, signal: new AbortController().signal });
    await handle.db
      .updateTable("job")
      .set({ status: "succeeded", finished_at: new Date() })
      .where("id", "=", job.id)
      .execute();
  }
}

/** The stored row of a token sent in a link (tokens are stored hashed). */
function storedToken(token: string) {
  return handle.db.selectFrom("auth_token").selectAll().where("id", "=", hashToken(token)).executeTakeFirstOrThrow();
}

async function mailsTo(to: string): Promise<number> {
  const rows = await handle.db.selectFrom("mail_outbox").select("id").where("to_address", "=", to).execute();
  return rows.length;
}

async function signedIn(userId: string): Promise<string> {
  return `${SESSION_COOKIE}=${await createSession(handle.db, userId, { twoFactorVerified: true })}`;
}

async function post(
  route: { action: unknown },
  path: string,
  params: Record<string, string>,
  fields: Record<string, string | string[]>,
  cookie?: string | null,
): Promise<Answer> {
  // (A password deliberately typed as the e-mail address is refused; the address itself is not a secret.)
  for (const [name, value] of Object.entries(fields))
    if (/password/i.test(name) && typeof value === "string" && !value.includes("@")) typedPasswords.add(value);
  const context = await contextFor(handle.db, { cookie });
  return call(route.action as never, { request: postForm(path, fields, cookie), params, context });
}

async function get(
  route: { loader: unknown },
  path: string,
  params: Record<string, string>,
  cookie?: string | null,
): Promise<Answer> {
  return call(route.loader as never, {
    request: getPage(path, cookie),
    params,
    context: await contextFor(handle.db, { cookie }),
  });
}

describe("password reset", () => {
  it("always shows the same confirmation, and e-mails a one-hour link only to a real account", async () => {
    await createUser(handle.db, { email: "forgetful@example.org", password: PASSWORD });
    const known = await post(forgotPasswordRoute, "/en/forgot-password", EN, { email: "Forgetful@example.org" });
    const unknown = await post(forgotPasswordRoute, "/en/forgot-password", EN, { email: "stranger@example.org" });
    for (const answer of [known, unknown]) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toBe("/en/forgot-password?sent=1");
    }
    await runResetJobs();
    expect(await mailsTo("stranger@example.org")).toBe(0);
    const { token, mail } = await linkInLatestMail("forgetful@example.org", "reset-password");
    expect(mail.subject).toBe("Reset your password");
    expect(mail.text_body).toContain(HOSTILE_NAME);
    expect(mail.text_body).toContain("expires in 60 minutes");
    const row = await storedToken(token);
    expect(row.purpose).toBe("password_reset");
    expect(Math.abs(row.expires_at.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);
    const stored = await handle.db.selectFrom("auth_token").select("id").where("id", "=", token).execute();
    expect(stored).toHaveLength(0);
  });

  it("sends at most three e-mails an hour to one address, and still shows the same page", async () => {
    await createUser(handle.db, { email: "impatient@example.org", password: PASSWORD });
    for (let i = 0; i < 5; i += 1) {
      const answer = await post(forgotPasswordRoute, "/en/forgot-password", EN, { email: "impatient@example.org" });
      expect(answer.headers.get("location")).toBe("/en/forgot-password?sent=1");
    }
    await runResetJobs();
    expect(await mailsTo("impatient@example.org")).toBe(3);
  });

  it("sets the new password once, ends every session, lifts a lock and records it without the password", async () => {
    const user = await createUser(handle.db, { email: "resetting@example.org", password: PASSWORD });
    const otherSession = await signedIn(user.id);
    await handle.db
      .updateTable("app_user")
      .set({ failed_sign_ins: 5, locked_until: new Date(Date.now() + 600_000) })
      .where("id", "=", user.id)
      .execute();
    await post(forgotPasswordRoute, "/en/forgot-password", EN, { email: "resetting@example.org" });
    await runResetJobs();
    const { token } = await linkInLatestMail("resetting@example.org", "reset-password");
    const path = `/en/reset-password/${token}`;
    const params = { lang: "en", token };

    // Opening the link twice changes nothing.
    expect((await get(resetPasswordRoute, path, params)).data).toEqual({ linkStatus: "valid" });
    expect((await get(resetPasswordRoute, path, params)).data).toEqual({ linkStatus: "valid" });

    const mismatch = await post(resetPasswordRoute, path, params, {
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}!`,
    });
    expectFormRefused(mismatch, { errors: { confirmPassword: "identity:errors.passwordsDoNotMatch" } });
    const common = await post(resetPasswordRoute, path, params, {
      newPassword: "Password2026!",
      confirmPassword: "Password2026!",
    });
    expect(common.data).toMatchObject({ errors: { newPassword: "identity:errors.passwordTooCommon" } });
    const isEmail = await post(resetPasswordRoute, path, params, {
      newPassword: "resetting@example.org",
      confirmPassword: "resetting@example.org",
    });
    expect(isEmail.data).toMatchObject({ errors: { newPassword: "identity:errors.passwordIsEmail" } });

    const done = await post(resetPasswordRoute, path, params, {
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/en/sign-in?notice=reset");
    const sessions = await handle.db.selectFrom("user_session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(0);
    expect(otherSession).toBeTruthy();
    const row = await handle.db
      .selectFrom("app_user")
      .select(["failed_sign_ins", "locked_until"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 0, locked_until: null });
    const audit = await auditEntry(handle.db, { subject_id: user.id, action: "user.password_reset" });
    expect(audit.diff).toEqual({ password_hash: { before: "[redacted]", after: "[redacted]" } });

    // The link is used up, and the new password works.
    expect((await get(resetPasswordRoute, path, params)).status).toBe(410);
    const reuse = await post(resetPasswordRoute, path, params, {
      newPassword: "another long passphrase here",
      confirmPassword: "another long passphrase here",
    });
    expect(reuse.status).toBe(410);
    const signIn = await post(signInRoute, "/en/sign-in", EN, {
      email: "resetting@example.org",
      password: NEW_PASSWORD,
    });
    expect(signIn.status).toBe(302);
  });

  it("refuses an expired link with 410 and an unknown one with 404", async () => {
    await createUser(handle.db, { email: "late@example.org", password: PASSWORD });
    await requestPasswordReset(
      handle.db,
      {
        email: "late@example.org",
        locale: "en",
        publicUrl: "https://platform.example",
        userAgent: null,
        clientAddress: null,
        requestId: null,
      },
      new Date(Date.now() - 61 * 60_000),
    );
    await runResetJobs();
    const { token } = await linkInLatestMail("late@example.org", "reset-password");
    const expired = await get(resetPasswordRoute, `/en/reset-password/${token}`, { lang: "en", token });
    expect(expired.status).toBe(410);
    const action = await post(
      resetPasswordRoute,
      `/en/reset-password/${token}`,
      { lang: "en", token },
      { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    );
    expect(action.status).toBe(410);
    const unknownToken = "A".repeat(43);
    expect(
      (await get(resetPasswordRoute, `/en/reset-password/${unknownToken}`, { lang: "en", token: unknownToken })).status,
    ).toBe(404);
    expect(
      (await get(resetPasswordRoute, "/en/reset-password/%3Cscript%3E", { lang: "en", token: "<script>" })).status,
    ).toBe(404);
  });
});

describe("e-mail verification", () => {
  /** A new user whose address is not verified yet, signed in: the user and the session cookie. */
  async function signedInUnverified(email: string) {
    const user = await createUser(handle.db, { email, password: PASSWORD, emailVerified: false });
    return { user, cookie: await signedIn(user.id) };
  }
  /** Asks for a verification link from the profile page, with a session cookie. */
  const askForVerificationLink = (cookie: string) =>
    post(profileRoute, "/en/workspace/profile", EN, { intent: "resend-verification" }, cookie);
  /** When the user's address was verified (null: not yet). */
  const emailVerifiedAt = async (userId: string) =>
    (
      await handle.db
        .selectFrom("app_user")
        .select("email_verified_at")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow()
    ).email_verified_at;

  it("sends a link from the profile, confirms the address on POST only, once", async () => {
    const { user, cookie } = await signedInUnverified("unverified@example.org");
    const sent = await askForVerificationLink(cookie);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe("/en/workspace/profile?notice=verificationSent");
    const { token, mail } = await linkInLatestMail("unverified@example.org", "verify-email");
    expect(mail.text_body).toContain("expires in 24 hours");
    const params = { lang: "en", token };
    const path = `/en/verify-email/${token}`;

    expect((await get(verifyEmailRoute, path, params)).data).toEqual({ linkStatus: "valid" });
    expect(await emailVerifiedAt(user.id)).toBeNull();

    const confirmed = await post(verifyEmailRoute, path, params, {}, cookie);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/en/workspace/profile?notice=verified");
    expect(await emailVerifiedAt(user.id)).toBeInstanceOf(Date);
    expect((await post(verifyEmailRoute, path, params, {})).status).toBe(410);

    const again = await askForVerificationLink(cookie);
    expectFormRefused(again, { errors: { form: "identity:errors.alreadyVerified" } });
  });

  it("expires after 24 hours", async () => {
    const { cookie } = await signedInUnverified("slow-reader@example.org");
    await askForVerificationLink(cookie);
    const { token } = await linkInLatestMail("slow-reader@example.org", "verify-email");
    expect(await verifyEmail(handle.db, { token, requestId: null }, new Date(Date.now() + 25 * 3_600_000))).toEqual({
      ok: false,
      reason: "gone",
    });
    expect(await verifyEmail(handle.db, { token, requestId: null })).toEqual({ ok: true });
  });
});

describe("invitations", () => {
  const admin = signedInActor([{ role: "platform_admin", organisationId: null, kasCode: null }], {
    name: "Admin",
    email: "admin@example.org",
  });
  let organisationId: number;

  beforeAll(async () => {
    const type = await handle.db
      .selectFrom("organisation_type")
      .select("code")
      .orderBy("sort_order")
      .executeTakeFirstOrThrow();
    const row = await handle.db
      .insertInto("organisation")
      .values({
        slug: "test-roma-rights",
        name: { sq: "Qendra për të drejtat e romëve", sr: "Centar za prava Roma", en: "Roma Rights Centre <b>" },
        type_code: type.code,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    organisationId = row.id;
  });

  async function invite(email: string, role: "cso_member" | "coordinator" = "cso_member", actor: Actor = admin) {
    return handle.db.transaction().execute((trx) =>
      createInvitation(
        trx,
        { actor, requestId: "invite-request" },
        {
          email,
          name: HOSTILE_NAME,
          role,
          organisationId: role === "cso_member" ? organisationId : null,
          kasCode: null,
          locale: "en",
          publicUrl: "https://platform.example",
        },
      ),
    );
  }

  it("creates a 7-day token, e-mails the link and records the invitation", async () => {
    const result = await invite("Newcomer@Example.org");
    expect(result.ok).toBe(true);
    const { token, mail } = await linkInLatestMail("newcomer@example.org", "accept-invitation");
    expect(result.ok && result.token).toBe(token);
    expect(mail.subject).toBe("Your invitation to the Community Affairs Platform");
    expect(mail.text_body).toContain("as Civil society organisation member for Roma Rights Centre <b>");
    const row = await storedToken(token);
    expect(row).toMatchObject({
      purpose: "invitation",
      email: "newcomer@example.org",
      user_id: null,
      used_at: null,
      data: { organisationId, role: "cso_member", kasCode: null },
    });
    expect(Math.abs(row.expires_at.getTime() - Date.now() - 7 * 86_400_000)).toBeLessThan(60_000);
    const audit = await auditEntries(handle.db, { action: "user.invite", request_id: "invite-request" });
    expect(
      audit.some(
        (a) => a.organisation_id === organisationId && JSON.stringify(a.diff).includes("newcomer@example.org"),
      ),
    ).toBe(true);
  });

  it("refuses invitations from someone who may not invite, and bad input, writing nothing", async () => {
    const before = await mailsTo("refused@example.org");
    const cso: Actor = { ...admin, grants: [{ role: "cso_member", organisationId, kasCode: null }] };
    expect(await invite("refused@example.org", "cso_member", cso)).toEqual({
      ok: false,
      errors: { form: "identity:errors.notAllowed" },
    });
    expect(await invite("refused@example.org", "cso_member", ANONYMOUS)).toEqual({
      ok: false,
      errors: { form: "identity:errors.notAllowed" },
    });
    expect(await invite("not an address")).toEqual({ ok: false, errors: { email: "identity:errors.emailInvalid" } });
    expect(await mailsTo("refused@example.org")).toBe(before);
  });

  it("lets a new person create their account: e-mail verified, role assigned, signed in, link used up", async () => {
    await invite("fresh@example.org");
    const { token } = await linkInLatestMail("fresh@example.org", "accept-invitation");
    const params = { lang: "en", token };
    const path = `/en/accept-invitation/${token}`;
    const page = await get(acceptInvitationRoute, path, params);
    expect(page.data).toMatchObject({
      linkStatus: "valid",
      invitation: {
        email: "fresh@example.org",
        role: "cso_member",
        hasAccount: false,
        organisation: { text: "Roma Rights Centre <b>" },
      },
    });

    const short = await post(acceptInvitationRoute, path, params, {
      intent: "new",
      name: "Fresh",
      newPassword: "short",
      confirmPassword: "short",
    });
    expectFormRefused(short, {
      errors: { newPassword: "identity:errors.passwordTooShort" },
      values: { name: "Fresh" },
    });

    const accepted = await post(acceptInvitationRoute, path, params, {
      intent: "new",
      name: "  Fresh Person  ",
      newPassword: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/en/workspace");
    expect(accepted.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    const user = await handle.db
      .selectFrom("app_user")
      .selectAll()
      .where("email", "=", "fresh@example.org")
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ name: "Fresh Person", preferred_locale: "en" });
    expect(user.email_verified_at).toBeInstanceOf(Date);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const roles = await handle.db
      .selectFrom("role_assignment")
      .select(["role", "organisation_id"])
      .where("user_id", "=", user.id)
      .execute();
    expect(roles).toEqual([{ role: "cso_member", organisation_id: organisationId }]);
    const actions = await auditEntries(handle.db, { subject_id: user.id });
    expect(actions.map((a) => a.action)).toEqual(["user.create", "role.assign"]);
    expect(actions[0]?.diff.password_hash).toEqual({ before: null, after: "[redacted]" });
    const session = await handle.db
      .selectFrom("user_session")
      .select("user_id")
      .where("id", "=", hashToken(accepted.cookie!.split("=")[1]!))
      .executeTakeFirstOrThrow();
    expect(session.user_id).toBe(user.id);

    expect((await get(acceptInvitationRoute, path, params)).status).toBe(410);
    expect(
      (
        await post(acceptInvitationRoute, path, params, {
          intent: "new",
          name: "Again",
          newPassword: PASSWORD,
          confirmPassword: PASSWORD,
        })
      ).status,
    ).toBe(410);
  });

  it("adds the role to an existing account once its password is given", async () => {
    const existing = await createUser(handle.db, { email: "veteran@example.org", password: PASSWORD });
    await invite("veteran@example.org");
    const { token } = await linkInLatestMail("veteran@example.org", "accept-invitation");
    const params = { lang: "en", token };
    const path = `/en/accept-invitation/${token}`;
    expect((await get(acceptInvitationRoute, path, params)).data).toMatchObject({ invitation: { hasAccount: true } });

    const wrong = await post(acceptInvitationRoute, path, params, {
      intent: "existing",
      password: "a wrong password here",
    });
    expectFormRefused(wrong, { errors: { password: "identity:errors.passwordWrong" } });
    const asNew = await post(acceptInvitationRoute, path, params, {
      intent: "new",
      name: "Impostor",
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(asNew.data).toMatchObject({ errors: { form: "identity:errors.accountExists" } });

    const accepted = await post(acceptInvitationRoute, path, params, { intent: "existing", password: PASSWORD });
    expect(accepted.status).toBe(302);
    const roles = await handle.db
      .selectFrom("role_assignment")
      .select("role")
      .where("user_id", "=", existing.id)
      .execute();
    expect(roles.map((r) => r.role)).toEqual(["cso_member"]);
    expect(await invite("veteran@example.org")).toEqual({
      ok: false,
      errors: { email: "identity:errors.alreadyHasRole" },
    });
  });

  it("sends a new coordinator to set up two-factor authentication before anything else", async () => {
    await invite("coordinator@example.org", "coordinator");
    const { token } = await linkInLatestMail("coordinator@example.org", "accept-invitation");
    const accepted = await post(
      acceptInvitationRoute,
      `/en/accept-invitation/${token}`,
      { lang: "en", token },
      { intent: "new", name: "Koordinatorja", newPassword: PASSWORD, confirmPassword: PASSWORD },
    );
    expect(accepted.status).toBe(302);
    const context = await contextFor(handle.db, { cookie: accepted.cookie });
    let thrown: unknown;
    try {
      requireUser(context, getPage("/en/workspace"), "en");
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response | undefined)?.headers.get("location")).toBe(
      `/en/workspace/profile/two-factor?returnTo=${encodeURIComponent("/en/workspace")}`,
    );
    expect(() => requireUser(context, getPage("/en/workspace/profile/two-factor"), "en")).not.toThrow();
  });
});

describe("secrets", () => {
  it("never stores a typed password or a link token in the audit log, and passwords never in the outbox", async () => {
    const audit = JSON.stringify(await auditEntries(handle.db));
    const outbox = JSON.stringify(await handle.db.selectFrom("mail_outbox").selectAll().execute());
    const tokens = (await handle.db.selectFrom("mail_outbox").select("text_body").execute()).flatMap((m) =>
      [...m.text_body.matchAll(/\/([\w-]{43})\b/g)].map((x) => x[1]!),
    );
    expect(tokens.length).toBeGreaterThan(3);
    for (const password of typedPasswords) {
      expect(audit).not.toContain(password);
      expect(outbox).not.toContain(password);
    }
    for (const token of tokens) expect(audit).not.toContain(token);
  });
});

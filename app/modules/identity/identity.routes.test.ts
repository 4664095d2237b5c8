import { describe, expect, it } from "vitest";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { requireUser } from "#app/services/guards.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { LIMITS, signIn } from "./identity.commands.server.ts";
import { call, contextFor, createUser, getPage, postForm, type Answer } from "./identity.test-support.ts";
import { createSession, hashToken, SESSION_COOKIE } from "./sessions.server.ts";
import { currentTotpCode } from "./two-factor.server.ts";
import * as signInRoute from "./routes/sign-in.tsx";
import * as signOutRoute from "./routes/sign-out.tsx";
import * as twoFactorRoute from "./routes/sign-in-two-factor.tsx";
import { expectFormRefused } from "../../../tests/support/route-harness.ts";
import { auditActions, auditEntries } from "../../../tests/support/audit-entries.ts";

const handle = setUpTestDatabase();

const EN = { lang: "en" };
const PASSWORD = "Vjollca e kuqe në Prizren 1999";
const en = createI18n("en", serverResources("en"));

/** Every password typed in these tests: none may ever reach the audit log or the outbox. */
const typedPasswords = new Set<string>([PASSWORD]);

async function submitSignIn(
  fields: Record<string, string>,
  options: { cookie?: string | null; secureCookies?: boolean; hostPrefixedCookies?: boolean } = {},
): Promise<Answer> {
  if (fields.password) typedPasswords.add(fields.password);
  const context = await contextFor(handle.db, options);
  return call(signInRoute.action, { request: postForm("/en/sign-in", fields, options.cookie), params: EN, context });
}

function sessionRow(cookie: string | null) {
  const token = cookie?.split("=")[1] ?? "";
  return handle.db.selectFrom("user_session").selectAll().where("id", "=", hashToken(token)).executeTakeFirst();
}

describe("signing in", () => {
  it("starts a new session with a secure, httpOnly, SameSite=Lax browser-session cookie (no Max-Age or Expires) and goes where the reader was heading", async () => {
    const user = await createUser(handle.db, { email: "alice@example.org", password: PASSWORD });
    const answer = await submitSignIn({
      email: "  ALICE@Example.org ",
      password: PASSWORD,
      returnTo: "/en/workspace/profile",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/en/workspace/profile");
    expect(answer.headers.get("set-cookie")).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure$`),
    );
    expect(answer.headers.get("set-cookie")).not.toMatch(/max-age|expires/i);
    const row = await sessionRow(answer.cookie);
    // No code given yet: the session is not two-factor verified (only roles that require it care).
    expect(row).toMatchObject({ user_id: user.id, two_factor_verified: false, user_agent: "Vitest browser" });
    const context = await contextFor(handle.db, { cookie: answer.cookie });
    expect(requireUser(context, getPage("/en/workspace", answer.cookie), "en")).toMatchObject({ userId: user.id });
  });

  it("names the cookie __Host-cap_session when the platform is served over https, and reads only that name then", async () => {
    await createUser(handle.db, { email: "host-prefix@example.org", password: PASSWORD });
    const answer = await submitSignIn(
      { email: "host-prefix@example.org", password: PASSWORD },
      { hostPrefixedCookies: true },
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("set-cookie")).toMatch(
      /^__Host-cap_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(answer.headers.get("set-cookie")).not.toMatch(/domain=/i);
  });

  it("leaves out Secure only when the server says cookies cannot be secure (plain HTTP, not localhost)", async () => {
    await createUser(handle.db, { email: "bardh@example.org", password: PASSWORD });
    const answer = await submitSignIn({ email: "bardh@example.org", password: PASSWORD }, { secureCookies: false });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("set-cookie")).toContain("HttpOnly; SameSite=Lax");
    expect(answer.headers.get("set-cookie")).not.toContain("Secure");
  });

  it("rotates the session: the one the browser had before is deleted", async () => {
    const user = await createUser(handle.db, { email: "rotation@example.org", password: PASSWORD });
    const oldToken = await createSession(handle.db, user.id, { twoFactorVerified: true });
    const oldCookie = `${SESSION_COOKIE}=${oldToken}`;
    const answer = await submitSignIn({ email: "rotation@example.org", password: PASSWORD }, { cookie: oldCookie });
    expect(answer.status).toBe(302);
    expect(answer.cookie).not.toBe(oldCookie);
    expect(await sessionRow(oldCookie)).toBeUndefined();
    expect(await sessionRow(answer.cookie)).toBeDefined();
  });

  it("never sends the reader to another site after signing in", async () => {
    await createUser(handle.db, { email: "redirect@example.org", password: PASSWORD });
    for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const answer = await submitSignIn({ email: "redirect@example.org", password: PASSWORD, returnTo });
      expect(answer.headers.get("location"), returnTo).toBe("/en/workspace");
    }
  });

  it("sends a coordinator without two-factor authentication to set it up before anything else", async () => {
    await createUser(handle.db, { email: "coordinator@example.org", password: PASSWORD, roles: ["coordinator"] });
    const answer = await submitSignIn({
      email: "coordinator@example.org",
      password: PASSWORD,
      returnTo: "/en/workspace/users",
    });
    expect(answer.headers.get("location")).toBe("/en/workspace/users");
    const context = await contextFor(handle.db, { cookie: answer.cookie });
    let thrown: unknown;
    try {
      requireUser(context, getPage("/en/workspace/users", answer.cookie), "en");
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Response | undefined)?.headers.get("location")).toBe(
      `/en/workspace/profile/two-factor?returnTo=${encodeURIComponent("/en/workspace/users")}`,
    );
  });

  it("opens the workspace in the language of the sign-in page when there is nowhere to return to", async () => {
    const user = await createUser(handle.db, { email: "serbian@example.org", password: PASSWORD });
    await handle.db.updateTable("app_user").set({ preferred_locale: "sr-cyrl" }).where("id", "=", user.id).execute();
    const answer = await submitSignIn({ email: "serbian@example.org", password: PASSWORD });
    expect(answer.headers.get("location")).toBe("/en/workspace");
  });

  it("gives the same answer for a wrong password, an unknown e-mail and an inactive account, and never echoes the password", async () => {
    await createUser(handle.db, { email: "known@example.org", password: PASSWORD });
    await createUser(handle.db, { email: "inactive@example.org", password: PASSWORD, isActive: false });
    const wrong = await submitSignIn({ email: "known@example.org", password: "not the password at all" });
    const unknown = await submitSignIn({ email: "nobody@example.org", password: "not the password at all" });
    const inactive = await submitSignIn({ email: "inactive@example.org", password: PASSWORD });
    for (const answer of [wrong, unknown, inactive]) {
      expect(answer.status).toBe(400);
      expect(answer.cookie).toBeNull();
      expect(answer.data).toMatchObject({ errors: { form: "identity:errors.credentials" } });
      expect(JSON.stringify(answer.data)).not.toContain("not the password");
      expect(JSON.stringify(answer.data)).not.toContain(PASSWORD);
    }
    expect(wrong.data).toEqual({
      errors: { form: "identity:errors.credentials" },
      values: { email: "known@example.org" },
    });
    expect(en.t("identity:errors.credentials")).toBe("E-mail or password is wrong.");
  });

  it("answers 400 with field errors for an incomplete form, keeping the e-mail", async () => {
    const answer = await submitSignIn({ email: "not-an-address", password: "" });
    expectFormRefused(answer, {
      errors: { email: "identity:errors.emailInvalid", password: "identity:errors.passwordRequired" },
      values: { email: "not-an-address" },
    });
  });
});

describe("lock-out after repeated failures", () => {
  async function failFiveTimes(email: string): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (let i = 0; i < LIMITS.signInPerEmail.max; i += 1)
      answers.push(await submitSignIn({ email, password: `wrong password number ${i}` }));
    return answers;
  }

  it("locks a known e-mail after five failures, even for the right password, and says for how long", async () => {
    const user = await createUser(handle.db, { email: "locked@example.org", password: PASSWORD });
    const answers = await failFiveTimes("locked@example.org");
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 429]);
    expect(answers[4]?.data).toMatchObject({ errors: { form: "identity:errors.locked" }, params: { minutes: 15 } });
    const right = await submitSignIn({ email: "locked@example.org", password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.cookie).toBeNull();
    expect(right.data).toMatchObject({ errors: { form: "identity:errors.locked" }, params: { minutes: 15 } });
    expect(en.t("identity:errors.locked", { minutes: 15 })).toBe("Too many failed attempts. Try again in 15 minutes.");
    expect(en.t("identity:errors.locked", { minutes: 1 })).toBe("Too many failed attempts. Try again in 1 minute.");

    const row = await handle.db
      .selectFrom("app_user")
      .select(["failed_sign_ins", "locked_until"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_sign_ins).toBe(5);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    const audit = await auditEntries(handle.db, { subject_id: user.id, action: "user.lock" });
    expect(audit).toHaveLength(1);
  });

  it("answers an unknown e-mail exactly like a known one", async () => {
    await createUser(handle.db, { email: "twin-known@example.org", password: PASSWORD });
    const known = await failFiveTimes("twin-known@example.org");
    const unknown = await failFiveTimes("twin-unknown@example.org");
    const strip = (a: Answer) => ({
      status: a.status,
      errors: (a.data as { errors: unknown }).errors,
      params: (a.data as { params?: unknown }).params,
    });
    expect(known.map(strip)).toEqual(unknown.map(strip));
    expect((await submitSignIn({ email: "twin-unknown@example.org", password: PASSWORD })).status).toBe(429);
  });

  it("lifts the lock after 15 minutes, and a success clears the count", async () => {
    await createUser(handle.db, { email: "patient@example.org", password: PASSWORD });
    await failFiveTimes("patient@example.org");
    const meta = { previousSessionId: null, userAgent: null, clientAddress: null, requestId: null };
    const soon = await signIn(
      handle.db,
      { email: "patient@example.org", password: PASSWORD, ...meta },
      new Date(Date.now() + 14 * 60_000),
    );
    expect(soon).toMatchObject({ ok: false, reason: "locked", minutes: 1 });
    const later = await signIn(
      handle.db,
      { email: "patient@example.org", password: PASSWORD, ...meta },
      new Date(Date.now() + 16 * 60_000),
    );
    expect(later.ok).toBe(true);
    const row = await handle.db
      .selectFrom("app_user")
      .select(["failed_sign_ins", "locked_until"])
      .where("email", "=", "patient@example.org")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_sign_ins: 0, locked_until: null });
  });
});

describe("two-factor sign-in", () => {
  async function signInWithTotp(email: string) {
    const answer = await submitSignIn({ email, password: PASSWORD, returnTo: "/en/workspace/profile" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(
      `/en/sign-in/two-factor?returnTo=${encodeURIComponent("/en/workspace/profile")}`,
    );
    return answer.cookie!;
  }
  async function submitCode(code: string, cookie: string) {
    const context = await contextFor(handle.db, { cookie });
    return call(twoFactorRoute.action, {
      request: postForm("/en/sign-in/two-factor", { code, returnTo: "/en/workspace/profile" }, cookie),
      params: EN,
      context,
    });
  }

  it("gives a session that needs the code, and the workspace sends it to the code page", async () => {
    await createUser(handle.db, {
      email: "totp-guard@example.org",
      password: PASSWORD,
      withTotp: true,
      roles: ["cso_member"],
    });
    const cookie = await signInWithTotp("totp-guard@example.org");
    expect(await sessionRow(cookie)).toMatchObject({ two_factor_verified: false });
    const context = await contextFor(handle.db, { cookie });
    let thrown: unknown;
    try {
      requireUser(context, getPage("/en/workspace", cookie), "en");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("location")).toBe(
      `/en/sign-in/two-factor?returnTo=${encodeURIComponent("/en/workspace")}`,
    );
  });

  it("accepts the right code once: a new verified session replaces the pending one, and the same code is refused again", async () => {
    const user = await createUser(handle.db, { email: "totp@example.org", password: PASSWORD, withTotp: true });
    const pending = await signInWithTotp("totp@example.org");
    const code = currentTotpCode(user.totpSecret!);
    const accepted = await submitCode(code, pending);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/en/workspace/profile");
    expect(accepted.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    expect(await sessionRow(pending)).toBeUndefined();
    expect(await sessionRow(accepted.cookie)).toMatchObject({ two_factor_verified: true });

    const again = await signInWithTotp("totp@example.org");
    const replay = await submitCode(code, again);
    expectFormRefused(replay, { errors: { code: "identity:errors.codeWrongAttempts" } });
    expect(await sessionRow(again)).toMatchObject({ two_factor_verified: false });
    // The code of the next time step (within the accepted window) still works.
    const next = await submitCode(currentTotpCode(user.totpSecret!, Date.now() + 30_000), again);
    expect(next.status).toBe(302);
  });

  it("ends the session after five wrong codes and then checks no code for 15 minutes", async () => {
    const user = await createUser(handle.db, { email: "totp-guess@example.org", password: PASSWORD, withTotp: true });
    const cookie = await signInWithTotp("totp-guess@example.org");
    const right = currentTotpCode(user.totpSecret!);
    const wrong = right === "000000" ? "111111" : "000000";
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i += 1) answers.push(await submitCode(wrong, cookie));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 302]);
    expect(answers[0]?.data).toMatchObject({ params: { attempts: 4 } });
    expect(answers[4]?.headers.get("location")).toBe("/en/sign-in?notice=twoFactorEnded");
    expect(answers[4]?.headers.get("set-cookie")).toMatch(/^cap_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await sessionRow(cookie)).toBeUndefined();

    // Signing in again with the password does not buy more guesses, not even the right code.
    const second = await signInWithTotp("totp-guess@example.org");
    const refused = await submitCode(right, second);
    expect(refused.status).toBe(429);
    expect(refused.data).toMatchObject({ errors: { code: "identity:errors.locked" }, params: { minutes: 15 } });
    expect(await sessionRow(second)).toBeUndefined();
  });
});

describe("signing out", () => {
  it("ends the session, clears the cookie and goes home", async () => {
    const user = await createUser(handle.db, { email: "leaving@example.org", password: PASSWORD });
    const token = await createSession(handle.db, user.id, { twoFactorVerified: true });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const context = await contextFor(handle.db, { cookie });
    const answer = await call(signOutRoute.action, {
      request: postForm("/en/sign-out", {}, cookie),
      params: EN,
      context,
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/en/");
    expect(answer.headers.get("set-cookie")).toBe(
      `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure`,
    );
    expect(await sessionRow(cookie)).toBeUndefined();
    expect(await auditActions(handle.db, { subject_id: user.id })).toContain("user.sign_out");
  });

  it("changes nothing on GET", async () => {
    const user = await createUser(handle.db, { email: "get-sign-out@example.org", password: PASSWORD });
    const token = await createSession(handle.db, user.id, { twoFactorVerified: true });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const answer = await call(signOutRoute.loader, {
      request: getPage("/en/sign-out", cookie),
      params: EN,
      context: await contextFor(handle.db, { cookie }),
    });
    expect(answer.status).toBe(200);
    expect(await sessionRow(cookie)).toBeDefined();
  });
});

describe("secrets", () => {
  it("never stores a typed password in the audit log or the outbox", async () => {
    const audit = await auditEntries(handle.db);
    const outbox = await handle.db.selectFrom("mail_outbox").select(["subject", "text_body"]).execute();
    const stored = JSON.stringify([audit, outbox]);
    expect(audit.length).toBeGreaterThan(5);
    for (const password of typedPasswords) expect(stored).not.toContain(password);
  });
});

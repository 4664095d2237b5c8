import { describe, expect, it } from "vitest";
import {
  call,
  contextFor,
  createUser,
  getPage,
  postForm,
  type Answer,
} from "#app/modules/identity/identity.test-support.ts";
import { createSession, hashToken, SESSION_COOKIE } from "#app/modules/identity/sessions.server.ts";
import { currentTotpCode } from "#app/modules/identity/two-factor.server.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import * as profileRoute from "./routes/profile.tsx";
import * as passwordRoute from "./routes/profile-password.tsx";
import * as sessionsRoute from "./routes/profile-sessions.tsx";
import * as twoFactorRoute from "./routes/profile-two-factor.tsx";
import { expectFormRefused } from "../../../tests/support/route-harness.ts";
import { auditEntries, auditEntry } from "../../../tests/support/audit-entries.ts";

const handle = setUpTestDatabase();

const EN = { lang: "en" };
const PASSWORD = "Lumbardhi i Pejës në pranverë";
const NEW_PASSWORD = "Sharr Brezovica Dragash 2027";

type Route = { loader: unknown; action?: unknown };

async function signedIn(userId: string, twoFactorVerified = true): Promise<string> {
  return `${SESSION_COOKIE}=${await createSession(handle.db, userId, { twoFactorVerified, userAgent: "Firefox <b>on</b> Linux" })}`;
}
async function get(route: Route, path: string, cookie: string): Promise<Answer> {
  return call(route.loader as never, {
    request: getPage(path, cookie),
    params: EN,
    context: await contextFor(handle.db, { cookie }),
  });
}
async function post(
  route: Route,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
): Promise<Answer> {
  return call(route.action as never, {
    request: postForm(path, fields, cookie),
    params: EN,
    context: await contextFor(handle.db, { cookie }),
  });
}
function user(id: string) {
  return handle.db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
function sessionExists(cookie: string) {
  return handle.db
    .selectFrom("user_session")
    .select("id")
    .where("id", "=", hashToken(cookie.split("=")[1]!))
    .executeTakeFirst();
}

describe("profile details", () => {
  it("requires a signed-in user", async () => {
    const answer = await call(profileRoute.loader as never, {
      request: getPage("/en/workspace/profile"),
      params: EN,
      context: await contextFor(handle.db),
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`/en/sign-in?returnTo=${encodeURIComponent("/en/workspace/profile")}`);
  });

  it("saves name and languages with the version they were loaded at, and records the change", async () => {
    const { id } = await createUser(handle.db, { email: "profile@example.org", password: PASSWORD });
    const cookie = await signedIn(id);
    const page = await get(profileRoute, "/en/workspace/profile", cookie);
    expect(page.data).toMatchObject({ profile: { email: "profile@example.org", version: 1, languages: [] } });
    const saved = await post(
      profileRoute,
      "/en/workspace/profile",
      { intent: "details", version: "1", name: " Ardita Berisha ", preferredLocale: "sr", languages: ["sq", "rom"] },
      cookie,
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/en/workspace/profile?notice=saved");
    expect(await user(id)).toMatchObject({
      name: "Ardita Berisha",
      preferred_locale: "sr",
      languages: ["sq", "rom"],
      version: 2,
    });
    const audit = await auditEntry(handle.db, { subject_id: id, action: "user.update" });
    expect(audit.actor_user_id).toBe(id);
    expect(audit.diff).toMatchObject({
      name: { after: "Ardita Berisha" },
      preferred_locale: { before: "sq", after: "sr" },
      languages: { before: [], after: ["sq", "rom"] },
    });
  });

  it("refuses a stale form with 409 and overwrites nothing", async () => {
    const { id } = await createUser(handle.db, { email: "stale@example.org", password: PASSWORD, name: "Original" });
    const cookie = await signedIn(id);
    await post(
      profileRoute,
      "/en/workspace/profile",
      { intent: "details", version: "1", name: "First tab", preferredLocale: "en" },
      cookie,
    );
    const stale = await post(
      profileRoute,
      "/en/workspace/profile",
      { intent: "details", version: "1", name: "Second tab", preferredLocale: "sq", languages: "tr" },
      cookie,
    );
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ errors: { form: "identity:errors.conflict" } });
    expect(await user(id)).toMatchObject({ name: "First tab", preferred_locale: "en", languages: [], version: 2 });
  });

  it("answers 400 with field errors and the values typed", async () => {
    const { id } = await createUser(handle.db, { email: "invalid-profile@example.org", password: PASSWORD });
    const cookie = await signedIn(id);
    const answer = await post(
      profileRoute,
      "/en/workspace/profile",
      { intent: "details", version: "1", name: "", preferredLocale: "de", languages: ["sq", "klingon"] },
      cookie,
    );
    expectFormRefused(answer, {
      errors: {
        name: "identity:errors.nameRequired",
        preferredLocale: "identity:errors.localeInvalid",
        languages: "identity:errors.languageInvalid",
      },
      values: { preferredLocale: "de", languages: "sq,klingon" },
    });
    expect((await user(id)).version).toBe(1);
  });
});

describe("changing the password", () => {
  it("checks the current password, keeps this session and ends the others", async () => {
    const { id } = await createUser(handle.db, { email: "changer@example.org", password: PASSWORD });
    const cookie = await signedIn(id);
    const other = await signedIn(id);
    const wrong = await post(
      passwordRoute,
      "/en/workspace/profile/password",
      { currentPassword: "not my password at all", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      cookie,
    );
    expectFormRefused(wrong, { errors: { currentPassword: "identity:errors.passwordWrong" } });
    expect(JSON.stringify(wrong.data)).not.toContain(NEW_PASSWORD);
    const same = await post(
      passwordRoute,
      "/en/workspace/profile/password",
      { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD },
      cookie,
    );
    expect(same.data).toMatchObject({ errors: { newPassword: "identity:errors.passwordUnchanged" } });

    const done = await post(
      passwordRoute,
      "/en/workspace/profile/password",
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      cookie,
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/en/workspace/profile?notice=passwordChanged");
    expect(await sessionExists(cookie)).toBeDefined();
    expect(await sessionExists(other)).toBeUndefined();
    const audit = await auditEntry(handle.db, { subject_id: id, action: "user.password_change" });
    expect(audit.diff).toMatchObject({
      password_hash: { before: "[redacted]", after: "[redacted]" },
      ended_sessions: { after: 1 },
    });
    expect(JSON.stringify(audit.diff)).not.toContain(NEW_PASSWORD);
  });

  it("counts wrong current passwords towards the lock-out", async () => {
    const { id } = await createUser(handle.db, { email: "guesser@example.org", password: PASSWORD });
    const cookie = await signedIn(id);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (
          await post(
            passwordRoute,
            "/en/workspace/profile/password",
            { currentPassword: `guess number ${i} here`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
            cookie,
          )
        ).status,
      );
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });
});

describe("sessions", () => {
  it("lists the user's sessions, marks this one, and signs out everywhere else", async () => {
    const { id } = await createUser(handle.db, { email: "many-devices@example.org", password: PASSWORD });
    const stranger = await createUser(handle.db, { email: "stranger-sessions@example.org", password: PASSWORD });
    const cookie = await signedIn(id);
    const phone = await signedIn(id);
    const strangerSession = await signedIn(stranger.id);
    const page = await get(sessionsRoute, "/en/workspace/profile/sessions", cookie);
    const sessions = (page.data as { sessions: { isCurrent: boolean; userAgent: string }[] }).sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(sessions[0]?.userAgent).toBe("Firefox <b>on</b> Linux");

    const ended = await post(sessionsRoute, "/en/workspace/profile/sessions", { intent: "sign-out-others" }, cookie);
    expect(ended.headers.get("location")).toBe("/en/workspace/profile/sessions?ended=1");
    expect(await sessionExists(cookie)).toBeDefined();
    expect(await sessionExists(phone)).toBeUndefined();
    expect(await sessionExists(strangerSession)).toBeDefined();
  });
});

describe("two-factor authentication", () => {
  it("is set up by POST only: a secret shown as text and QR code, confirmed with a code, then the session is verified", async () => {
    const { id } = await createUser(handle.db, { email: "setup@example.org", password: PASSWORD });
    const cookie = await signedIn(id, false);
    const path = "/en/workspace/profile/two-factor";
    expect((await get(twoFactorRoute, path, cookie)).data).toMatchObject({ state: "off" });
    expect((await user(id)).totp_secret).toBeNull();

    const started = await post(twoFactorRoute, path, { intent: "start" }, cookie);
    expect(started.status).toBe(302);
    const { totp_secret: secret } = await user(id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const page = (await get(twoFactorRoute, path, cookie)).data as { state: string; secret: string; qrSvg: string };
    expect(page.state).toBe("pending");
    expect(page.secret.replaceAll(" ", "")).toBe(secret);
    expect(page.qrSvg).toMatch(/^<svg /);

    const wrongCode = currentTotpCode(secret!) === "123456" ? "654321" : "123456";
    const wrong = await post(twoFactorRoute, path, { intent: "confirm", code: wrongCode }, cookie);
    expectFormRefused(wrong, { errors: { code: "identity:errors.codeWrong" } });
    expect((await user(id)).totp_enabled_at).toBeNull();

    const code = currentTotpCode(secret!);
    const confirmed = await post(
      twoFactorRoute,
      path,
      { intent: "confirm", code: `${code.slice(0, 3)} ${code.slice(3)}`, returnTo: "/en/workspace/users" },
      cookie,
    );
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/en/workspace/users");
    const after = await user(id);
    expect(after.totp_enabled_at).toBeInstanceOf(Date);
    expect(after.totp_last_step).toBeGreaterThan(0);
    const session = await handle.db
      .selectFrom("user_session")
      .select("two_factor_verified")
      .where("id", "=", hashToken(cookie.split("=")[1]!))
      .executeTakeFirstOrThrow();
    expect(session.two_factor_verified).toBe(true);
    const audit = await auditEntries(handle.db, { subject_id: id });
    expect(audit.map((a) => a.action)).toEqual(["user.two_factor_start", "user.two_factor_enable"]);
    expect(JSON.stringify(audit)).not.toContain(secret!);

    // Turning it off needs the password and a code that was not used before.
    const replay = await post(twoFactorRoute, path, { intent: "disable", password: PASSWORD, code }, cookie);
    expectFormRefused(replay, { errors: { code: "identity:errors.codeWrong" } });
    const badPassword = await post(
      twoFactorRoute,
      path,
      { intent: "disable", password: "not the password here", code: currentTotpCode(secret!, Date.now() + 30_000) },
      cookie,
    );
    expect(badPassword.data).toMatchObject({ errors: { password: "identity:errors.passwordWrong" } });
    const off = await post(
      twoFactorRoute,
      path,
      { intent: "disable", password: PASSWORD, code: currentTotpCode(secret!, Date.now() + 30_000) },
      cookie,
    );
    expect(off.status).toBe(302);
    expect(await user(id)).toMatchObject({ totp_secret: null, totp_enabled_at: null });
  });

  it("cannot be turned off by a role that requires it", async () => {
    const { id, totpSecret } = await createUser(handle.db, {
      email: "admin-2fa@example.org",
      password: PASSWORD,
      roles: ["platform_admin"],
      withTotp: true,
    });
    const cookie = await signedIn(id, true);
    const page = await get(twoFactorRoute, "/en/workspace/profile/two-factor", cookie);
    expect(page.data).toMatchObject({ state: "enabled", isRequired: true });
    const answer = await post(
      twoFactorRoute,
      "/en/workspace/profile/two-factor",
      { intent: "disable", password: PASSWORD, code: currentTotpCode(totpSecret!) },
      cookie,
    );
    expectFormRefused(answer, { errors: { form: "identity:errors.twoFactorRequired" } });
    expect((await user(id)).totp_enabled_at).toBeInstanceOf(Date);
  });

  it("cannot be started again while it is on (a new secret would lock the user out)", async () => {
    const { id, totpSecret } = await createUser(handle.db, {
      email: "restart@example.org",
      password: PASSWORD,
      withTotp: true,
    });
    const cookie = await signedIn(id, true);
    const answer = await post(twoFactorRoute, "/en/workspace/profile/two-factor", { intent: "start" }, cookie);
    expect(answer.status).toBe(400);
    expect((await user(id)).totp_secret).toBe(totpSecret);
  });
});

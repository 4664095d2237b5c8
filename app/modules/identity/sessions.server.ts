import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#app/db/client.server.ts";
import type { ResolvedSession } from "#app/context.ts";
import { ROLES, type Role, type RoleGrant } from "#app/services/authorization.ts";

/** Name of the session cookie (httpOnly, Secure, SameSite=Lax) on plain http (localhost). */
export const SESSION_COOKIE = "cap_session";

/** The session cookie's name: `__Host-cap_session` when the platform is served over https (PUBLIC_URL). */
export function sessionCookieName(hostPrefixed: boolean | undefined): string {
  return hostPrefixed ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** How session cookies are set for this request: `Secure`, and with the `__Host-` prefix. */
export interface CookieSettings {
  secure: boolean;
  hostPrefixed?: boolean;
}

/** A session ends after this long without a request… */
export const SESSION_IDLE_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
// last_seen_at is written at most this often, so reading pages stays read-only.
const TOUCH_INTERVAL_MS = 60 * 1000;

/** A new random token (256 bits, URL-safe) for sessions and e-mailed links. */
export function createToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores instead of a token: its SHA-256, so a leaked table opens nothing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a session for a user and returns its token (the only copy, for the cookie). */
export async function createSession(
  db: Db,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null; twoFactorVerified: boolean },
): Promise<string> {
  const token = createToken();
  await db
    .insertInto("user_session")
    .values({
      id: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_ABSOLUTE_TIMEOUT_MS),
      two_factor_verified: meta.twoFactorVerified,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    })
    .execute();
  return token;
}

// The signed-in actor behind a session token (ResolvedSession) is a host type: it is declared in
// app/context.ts, next to the ServerContext that carries it, so that the shared layer imports no module.
export type { ResolvedSession };

/**
 * Looks up a session (two queries: the session with its user, then the user's roles), ends it
 * when idle or past its absolute lifetime, and notes activity at most once a minute.
 */
export async function resolveSession(db: Db, token: string | undefined): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom("user_session as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .selectAll("s")
    .select(["u.name", "u.email", "u.is_active", "u.preferred_locale", "u.totp_enabled_at"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (
    !row.is_active ||
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + SESSION_IDLE_TIMEOUT_MS <= now
  ) {
    await db.deleteFrom("user_session").where("id", "=", id).execute();
    return null;
  }
  const grants = await db
    .selectFrom("role_assignment")
    .select(["role", "organisation_id", "kas_code"])
    .where("user_id", "=", row.user_id)
    .execute();
  if (row.last_seen_at.getTime() + TOUCH_INTERVAL_MS <= now) {
    await db
      .updateTable("user_session")
      .set({ last_seen_at: new Date(now) })
      .where("id", "=", id)
      .execute();
  }
  return {
    sessionId: id,
    preferredLocale: row.preferred_locale,
    hasTwoFactor: row.totp_enabled_at !== null,
    actor: {
      kind: "user",
      userId: row.user_id,
      name: row.name,
      email: row.email,
      twoFactorVerified: row.two_factor_verified,
      grants: grants
        .filter((g) => (ROLES as readonly string[]).includes(g.role))
        .map((g): RoleGrant => ({ role: g.role as Role, organisationId: g.organisation_id, kasCode: g.kas_code })),
    },
  };
}

/** Ends one session. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("user_session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally keeping one (sign out everywhere else). */
export async function endAllSessions(db: Db, userId: string, keepSessionId?: string): Promise<number> {
  let query = db.deleteFrom("user_session").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The Set-Cookie value that stores a session token in the browser: a browser-session cookie (no
 * Max-Age or Expires, so it goes when the browser closes; the server still ends the session after
 * its idle and absolute timeouts), `__Host-` prefixed over https (which requires Secure, Path=/
 * and no Domain).
 */
export function sessionCookie(token: string, settings: CookieSettings): string {
  const secure = settings.secure || settings.hostPrefixed === true;
  return `${sessionCookieName(settings.hostPrefixed)}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(settings: CookieSettings): string {
  const secure = settings.secure || settings.hostPrefixed === true;
  return `${sessionCookieName(settings.hostPrefixed)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

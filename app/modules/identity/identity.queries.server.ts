import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { ROLES, type Role } from "#app/services/authorization.ts";
import { hashToken } from "./sessions.server.ts";

/** Purposes of the single-use tokens sent by e-mail. */
export type EmailTokenPurpose = "password_reset" | "email_verification" | "invitation";

/** What a link's token is worth: usable, used up or expired ("gone", 410), or never issued ("unknown", 404). */
export type EmailTokenStatus = "valid" | "gone" | "unknown";

/** The columns of an account that signing in, two-factor and lock-out read (hashes included). */
const ACCOUNT_COLUMNS = [
  "id",
  "email",
  "name",
  "password_hash",
  "is_active",
  "totp_enabled_at",
  "totp_secret",
  "totp_last_step",
  "preferred_locale",
  "locked_until",
  "failed_sign_ins",
] as const;

/** A user as the identity commands need them (never sent to the browser: it holds the hashes). */
export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("app_user")
    .select(ACCOUNT_COLUMNS)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
}

/** The same, by id. */
export async function findUserById(db: Db, userId: string) {
  return db
    .selectFrom("app_user")
    .select([...ACCOUNT_COLUMNS, "email_verified_at", "version", "languages"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** A single-use token row by its clear value (looked up by hash), whatever its state. */
export async function findEmailToken(db: Db, token: string, purpose: EmailTokenPurpose) {
  return db
    .selectFrom("auth_token")
    .select(["id", "purpose", "user_id", "email", "data", "expires_at", "used_at"])
    .where("id", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .executeTakeFirst();
}

/** Whether a link's token can still be used (read only: opening a link changes nothing). */
export function emailTokenStatus(
  row: { expires_at: Date; used_at: Date | null } | undefined,
  now: Date = new Date(),
): EmailTokenStatus {
  if (!row) return "unknown";
  if (row.used_at !== null || row.expires_at.getTime() <= now.getTime()) return "gone";
  return "valid";
}

/** The status of a password reset or e-mail verification link. */
export async function getEmailTokenStatus(
  db: Db,
  token: string,
  purpose: Exclude<EmailTokenPurpose, "invitation">,
): Promise<EmailTokenStatus> {
  return emailTokenStatus(await findEmailToken(db, token, purpose));
}

/** What the data of an invitation token holds. */
export interface InvitationData {
  organisationId: number | null;
  role: Role;
  kasCode: string | null;
  name: string;
  locale?: Locale;
}

/** Reads an invitation token's data, refusing anything that does not have the expected shape. */
export function parseInvitationData(data: Record<string, unknown>): InvitationData | null {
  const { organisationId, role, kasCode, name, locale } = data;
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) return null;
  if (organisationId !== null && typeof organisationId !== "number") return null;
  if (kasCode !== null && typeof kasCode !== "string") return null;
  return {
    organisationId,
    role: role as Role,
    kasCode,
    name: typeof name === "string" ? name : "",
    locale: typeof locale === "string" ? (locale as Locale) : undefined,
  };
}

/** The invitation page's view: who is invited, to what, and whether they already have an account. */
export type InvitationView =
  | { status: "gone" | "unknown" }
  | {
      status: "valid";
      email: string;
      name: string;
      role: Role;
      organisationName: TranslatedText | null;
      municipality: { nameSq: string; nameSr: string; nameSrCyrl: string } | null;
      hasAccount: boolean;
    };

/** Looks up an invitation for its page (three small queries at most; changes nothing). */
export async function getInvitation(db: Db, token: string): Promise<InvitationView> {
  const row = await findEmailToken(db, token, "invitation");
  const status = emailTokenStatus(row);
  if (!row || status !== "valid") return { status: status === "valid" ? "unknown" : status };
  const data = parseInvitationData(row.data);
  if (!data) return { status: "unknown" };
  const [organisation, municipality, account] = await Promise.all([
    data.organisationId === null
      ? undefined
      : db.selectFrom("organisation").select("name").where("id", "=", data.organisationId).executeTakeFirst(),
    data.kasCode === null
      ? undefined
      : db
          .selectFrom("municipality")
          .select(["name_sq as nameSq", "name_sr as nameSr", "name_sr_cyrl as nameSrCyrl"])
          .where("kas_code", "=", data.kasCode)
          .executeTakeFirst(),
    findUserByEmail(db, row.email),
  ]);
  return {
    status: "valid",
    email: row.email,
    name: data.name,
    role: data.role,
    organisationName: organisation?.name ?? null,
    municipality: municipality ?? null,
    hasAccount: account !== undefined,
  };
}

/** The organisation's name, for the invitation e-mail. */
export async function getOrganisationName(db: Db, organisationId: number): Promise<TranslatedText | null> {
  const row = await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirst();
  return row?.name ?? null;
}

/** The profile page's view of the signed-in user. */
export interface ProfileView {
  id: string;
  name: string;
  email: string;
  preferredLocale: string;
  languages: string[];
  emailVerifiedAt: Date | null;
  twoFactorEnabledAt: Date | null;
  version: number;
  roles: { role: string; organisationName: TranslatedText | null; kasCode: string | null }[];
}

/** The signed-in user's own profile with their roles (two queries). */
export async function getProfile(db: Db, userId: string): Promise<ProfileView | null> {
  const user = await db
    .selectFrom("app_user")
    .select(["id", "name", "email", "preferred_locale", "languages", "email_verified_at", "totp_enabled_at", "version"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await db
    .selectFrom("role_assignment as r")
    .leftJoin("organisation as o", "o.id", "r.organisation_id")
    .select(["r.role", "o.name as organisationName", "r.kas_code as kasCode"])
    .where("r.user_id", "=", userId)
    .orderBy("r.id")
    .execute();
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    preferredLocale: user.preferred_locale,
    languages: user.languages,
    emailVerifiedAt: user.email_verified_at,
    twoFactorEnabledAt: user.totp_enabled_at,
    version: user.version,
    roles: roles.map((r) => ({ role: r.role, organisationName: r.organisationName, kasCode: r.kasCode })),
  };
}

/** The two-factor page's view: on, being set up (with the secret to show), or off. */
export type TwoFactorView =
  { state: "enabled"; enabledAt: Date } | { state: "pending"; secret: string } | { state: "off" };

/** Reads the two-factor state of a user. */
export async function getTwoFactorState(db: Db, userId: string): Promise<TwoFactorView & { email: string }> {
  const user = await db
    .selectFrom("app_user")
    .select(["email", "totp_secret", "totp_enabled_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled_at) return { state: "enabled", enabledAt: user.totp_enabled_at, email: user.email };
  if (user.totp_secret) return { state: "pending", secret: user.totp_secret, email: user.email };
  return { state: "off", email: user.email };
}

/** One of the user's sessions, for the sessions list. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  isCurrent: boolean;
}

/** The user's open sessions, most recently used first (one query). */
export async function listSessions(db: Db, userId: string, currentSessionId: string | null): Promise<SessionView[]> {
  const rows = await db
    .selectFrom("user_session")
    .select(["id", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id.slice(0, 8),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    userAgent: r.user_agent,
    isCurrent: r.id === currentSessionId,
  }));
}

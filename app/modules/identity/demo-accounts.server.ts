import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "./passwords.server.ts";
import { createTotpSecret, totpUri } from "./two-factor.server.ts";
import type { Role } from "#app/services/authorization.ts";
import type { Db } from "#app/db/client.server.ts";

/**
 * Demo accounts: one user per role, so that anyone trying the platform (and the browser tests)
 * can sign in as each kind of user. Created only in a database without any user, and never in
 * production unless asked for (SEED_DEMO_ACCOUNTS=true; see server/config.ts and scripts/start.mjs).
 *
 * The demo accounts share one password and the roles that need two-factor authentication get TOTP
 * secrets, all generated for each install (decision 025): nobody can sign in to someone else's demo
 * with a password from the README. They are printed once at the first start and kept in
 * DATA_DIR/demo-accounts.json (mode 0600) for the one who installed it, and for the browser tests.
 */

/** The file in DATA_DIR that keeps the generated demo credentials (owner-only). */
export const DEMO_CREDENTIALS_FILE = "demo-accounts.json";

/** A new random password for the demo accounts: 20 characters from 120 random bits. */
export function generateDemoPassword(): string {
  return `demo-${randomBytes(15).toString("base64url")}`;
}

/** The reserved domain of the demo e-mail addresses (RFC 2606: nothing is ever delivered there). */
export const DEMO_EMAIL_DOMAIN = "demo.cap.example.org";

/** One demo account: who, which role, for which organisation (by slug) or municipality. */
export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  organisationSlug: string | null;
  kasCode: string | null;
  /** Whether the role requires two-factor authentication (then a TOTP secret is generated). */
  needsTwoFactor: boolean;
}

/** The demo accounts, one per role (and an implementer next to the donor). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Administrator",
    role: "platform_admin",
    organisationSlug: null,
    kasCode: null,
    needsTwoFactor: true,
  },
  {
    email: `coordinator@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Coordinator",
    role: "coordinator",
    organisationSlug: "office-for-community-affairs",
    kasCode: null,
    needsTwoFactor: true,
  },
  {
    email: `focal.point@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Focal Point",
    role: "focal_point",
    organisationSlug: "ministry-of-labour-and-social-welfare",
    kasCode: null,
    needsTwoFactor: false,
  },
  {
    email: `municipal.officer@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Municipal Officer",
    role: "municipal_officer",
    organisationSlug: "municipal-office-for-communities-and-returns-prizren",
    kasCode: "20",
    needsTwoFactor: false,
  },
  {
    email: `donor@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Donor",
    role: "donor",
    organisationSlug: "embassy-of-switzerland-in-kosovo",
    kasCode: null,
    needsTwoFactor: false,
  },
  {
    email: `implementer@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Implementer",
    role: "donor",
    organisationSlug: "international-organization-for-migration",
    kasCode: null,
    needsTwoFactor: false,
  },
  {
    email: `cso@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo CSO Member",
    role: "cso_member",
    organisationSlug: "balkan-sunflowers-kosova",
    kasCode: null,
    needsTwoFactor: false,
  },
  {
    email: `pm.office@${DEMO_EMAIL_DOMAIN}`,
    name: "Demo Prime Minister's Office",
    role: "pm_office",
    organisationSlug: null,
    kasCode: null,
    needsTwoFactor: true,
  },
];

/** What was created, to print once: the account, its password and (when it has one) its TOTP secret. */
export interface DemoCredential {
  email: string;
  role: Role;
  organisation: string | null;
  password: string;
  totpSecret: string | null;
  otpauthUri: string | null;
}

/**
 * Creates the demo accounts, verified and with their roles, when the database has no users yet and
 * demo accounts are allowed (`config.seedDemoAccounts`: outside production, or with
 * SEED_DEMO_ACCOUNTS=true); returns their credentials to print, or null when it did nothing. All
 * or nothing, with one audit record per account.
 */
export async function seedDemoAccounts(db: Db, options: { allowed: boolean }): Promise<DemoCredential[] | null> {
  if (!options.allowed) return null;
  // Checked again inside the transaction; this first look spares the password hashing on every start.
  if (await db.selectFrom("app_user").select("id").limit(1).executeTakeFirst()) return null;
  const password = generateDemoPassword();
  const prepared = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) => ({
      account,
      id: randomUUID(),
      passwordHash: await hashPassword(password),
      totpSecret: account.needsTwoFactor ? createTotpSecret() : null,
    })),
  );
  return db.transaction().execute(async (trx) => {
    const anyUser = await trx.selectFrom("app_user").select("id").limit(1).executeTakeFirst();
    if (anyUser) return null;
    const slugs = DEMO_ACCOUNTS.map((a) => a.organisationSlug).filter((s): s is string => s !== null);
    const organisations = await trx
      .selectFrom("organisation")
      .select(["id", "slug", "name"])
      .where("slug", "in", slugs)
      .execute();
    const bySlug = new Map(organisations.map((o) => [o.slug, o]));
    // The role an account is given, as its row in `role_assignment` and its audit record write it.
    const grantOf = (account: DemoAccount) => ({
      role: account.role,
      organisation_id: account.organisationSlug === null ? null : (bySlug.get(account.organisationSlug)?.id ?? null),
      kas_code: account.kasCode,
    });
    const now = new Date();
    await trx
      .insertInto("app_user")
      .values(
        prepared.map(({ account, id, passwordHash, totpSecret }) => ({
          id,
          email: account.email,
          name: account.name,
          password_hash: passwordHash,
          preferred_locale: "sq",
          languages: ["sq", "sr", "en"],
          email_verified_at: now,
          totp_secret: totpSecret,
          totp_enabled_at: totpSecret === null ? null : now,
        })),
      )
      .execute();
    await trx
      .insertInto("role_assignment")
      .values(prepared.map(({ account, id }) => ({ user_id: id, ...grantOf(account) })))
      .execute();
    await trx
      .insertInto("audit_log")
      .values(
        prepared.map(({ account, id }) => ({
          actor_user_id: null,
          actor_label: "system: demo seed",
          action: "user.create",
          subject_type: "user",
          subject_id: id,
          diff: {
            email: { before: null, after: account.email },
            name: { before: null, after: account.name },
            role: { before: null, after: grantOf(account) },
            password_hash: { before: null, after: "[redacted]" },
          },
        })),
      )
      .execute();
    return prepared.map(({ account, totpSecret }) => {
      const organisation = account.organisationSlug === null ? undefined : bySlug.get(account.organisationSlug);
      return {
        email: account.email,
        role: account.role,
        organisation: organisation
          ? (organisation.name.en ?? organisation.name.sq ?? organisation.name.sr ?? organisation.slug)
          : null,
        password,
        totpSecret,
        otpauthUri: totpSecret === null ? null : totpUri(totpSecret, account.email),
      };
    });
  });
}

/**
 * Keeps the generated credentials in DATA_DIR/demo-accounts.json, owner-only (0600); returns its
 * path. Called only when the accounts were just created, so a file left from before (a reset
 * database) holds credentials that no longer work and is replaced, atomically.
 */
export function writeDemoCredentials(dataDir: string, credentials: readonly DemoCredential[]): string {
  const file = path.join(dataDir, DEMO_CREDENTIALS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    temporary,
    `${JSON.stringify({ createdAt: new Date().toISOString(), accounts: credentials }, null, 2)}\n`,
    { flag: "wx", mode: 0o600 },
  );
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
  return file;
}

/** Reads the credentials kept by writeDemoCredentials (for the browser tests), or null when there are none. */
export function readDemoCredentials(dataDir: string): DemoCredential[] | null {
  const file = path.join(dataDir, DEMO_CREDENTIALS_FILE);
  if (!fs.existsSync(file)) return null;
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { accounts: DemoCredential[] }).accounts;
}

/**
 * The credentials as a plain-text table for the console (stdout, never the structured log): one
 * line per account, then how to add the TOTP secrets to an authenticator app.
 */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string {
  const header = ["E-mail", "Role", "Organisation", "Password", "TOTP secret"];
  const rows = credentials.map((c) => [c.email, c.role, c.organisation ?? "–", c.password, c.totpSecret ?? "–"]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const uris = credentials.filter((c) => c.otpauthUri).map((c) => `  ${c.otpauthUri}`);
  return [
    "",
    "Demo accounts created (sign in at /sq/sign-in; e-mail addresses are verified):",
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    "Administrators and coordinators sign in with two-factor authentication: add the TOTP secret to an",
    "authenticator app (SHA-1, 6 digits, 30 seconds), or open one of these links on a phone that has one:",
    ...uris,
    "",
  ].join("\n");
}

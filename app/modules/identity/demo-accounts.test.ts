import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { ROLES } from "#app/services/authorization.ts";
import { loadConfig } from "../../../server/config.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { verifyPassword } from "#app/modules/identity/passwords.server.ts";
import { currentTotpCode, verifyTotpCode } from "#app/modules/identity/two-factor.server.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  DEMO_ACCOUNTS,
  DEMO_CREDENTIALS_FILE,
  formatDemoCredentials,
  readDemoCredentials,
  seedDemoAccounts,
  writeDemoCredentials,
} from "./demo-accounts.server.ts";
import { countRows } from "../../../tests/support/row-count.ts";
import { auditEntries } from "../../../tests/support/audit-entries.ts";

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const userCount = (db: DatabaseHandle["db"]) => countRows(db, "app_user");

describe("demo accounts", () => {
  it("are allowed outside production, and in production only with SEED_DEMO_ACCOUNTS=true", () => {
    expect(loadConfig({}).seedDemoAccounts).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).seedDemoAccounts).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_ACCOUNTS: "1" }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO_ACCOUNTS: "true" }).seedDemoAccounts).toBe(true);
  });

  it("are created in an empty database: one per role, verified, with roles in the right organisations", async () => {
    handle = await createTestDatabase();
    const credentials = await seedDemoAccounts(handle.db, { allowed: true });
    expect(credentials).toHaveLength(DEMO_ACCOUNTS.length);
    const users = await handle.db
      .selectFrom("app_user as u")
      .innerJoin("role_assignment as r", "r.user_id", "u.id")
      .leftJoin("organisation as o", "o.id", "r.organisation_id")
      .selectAll("u")
      .select(["r.role", "r.kas_code", "o.slug"])
      .execute();
    // One demo account for every role.
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    for (const user of users) {
      expect(user.email).toMatch(/@demo\.cap\.example\.org$/);
      expect(user.email_verified_at).not.toBeNull();
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
    }
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("coordinator@demo.cap.example.org")?.slug).toBe("office-for-community-affairs");
    expect(byEmail.get("focal.point@demo.cap.example.org")?.slug).toBe("ministry-of-labour-and-social-welfare");
    expect(byEmail.get("municipal.officer@demo.cap.example.org")).toMatchObject({
      slug: "municipal-office-for-communities-and-returns-prizren",
      kas_code: "20",
    });
    expect(byEmail.get("donor@demo.cap.example.org")?.slug).toBe("embassy-of-switzerland-in-kosovo");
    expect(byEmail.get("cso@demo.cap.example.org")?.slug).toBe("balkan-sunflowers-kosova");
    const admin = byEmail.get("admin@demo.cap.example.org");
    expect(admin?.totp_enabled_at).not.toBeNull();
    const password = credentials?.[0]?.password ?? "";
    expect(credentials?.every((c) => c.password === password)).toBe(true);
    expect(await verifyPassword(admin?.password_hash ?? "", password)).toBe(true);
    // The printed secret is the stored one, and yields the codes an authenticator app shows.
    const printed = credentials?.find((c) => c.role === "platform_admin");
    expect(printed?.totpSecret).toBe(admin?.totp_secret);
    expect(verifyTotpCode(admin?.totp_secret ?? "", currentTotpCode(printed?.totpSecret ?? ""), null)).not.toBeNull();
    expect(byEmail.get("cso@demo.cap.example.org")?.totp_secret).toBeNull();
    const audited = await auditEntries(handle.db, { action: "user.create" });
    expect(audited).toHaveLength(DEMO_ACCOUNTS.length);
    expect(JSON.stringify(audited)).not.toContain(password);
  });

  it("get a new password and new TOTP secrets on every install, none of them the old fixed ones", async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      const a = (await seedDemoAccounts(first.db, { allowed: true })) ?? [];
      const b = (await seedDemoAccounts(second.db, { allowed: true })) ?? [];
      expect(a[0]?.password).toMatch(/^demo-[\w-]{20}$/);
      expect(a[0]?.password).not.toBe(b[0]?.password);
      const secretsA = a.map((c) => c.totpSecret).filter((s): s is string => s !== null);
      const secretsB = b.map((c) => c.totpSecret).filter((s): s is string => s !== null);
      expect(secretsA).toHaveLength(3);
      expect(new Set([...secretsA, ...secretsB]).size).toBe(6);
      const everything = JSON.stringify([a, b]);
      for (const old of [
        "Demo-password-2026!",
        "PRMU6YHXTJUMZJRJBVPZKBNWR7KDIRY6",
        "UBKT5FSUMJ2JVQOAVDSB5PO64PHFU7MZ",
        "MLAEM7AIXUHIVPZ33R37VS76YCOSXFQ4",
      ])
        expect(everything).not.toContain(old);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("are kept in an owner-only file in DATA_DIR, which new accounts replace, and read back", async () => {
    handle = await createTestDatabase();
    const credentials = (await seedDemoAccounts(handle.db, { allowed: true })) ?? [];
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-demo-credentials-"));
    try {
      const file = writeDemoCredentials(dataDir, credentials);
      expect(file).toBe(path.join(dataDir, DEMO_CREDENTIALS_FILE));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readDemoCredentials(dataDir)).toEqual(credentials);
      const replaced = credentials.map((c) => ({ ...c, password: "demo-replaced-by-a-new-install" }));
      writeDemoCredentials(dataDir, replaced);
      expect(readDemoCredentials(dataDir)).toEqual(replaced);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(dataDir)).toEqual([DEMO_CREDENTIALS_FILE]);
      expect(readDemoCredentials(path.join(dataDir, "missing"))).toBeNull();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("prints a table with the password and the TOTP secrets of the roles that need them", async () => {
    handle = await createTestDatabase();
    const credentials = (await seedDemoAccounts(handle.db, { allowed: true })) ?? [];
    const text = formatDemoCredentials(credentials);
    expect(text).toContain("admin@demo.cap.example.org");
    expect(text).toContain(credentials[0]?.password ?? "missing");
    expect(text).toContain(credentials.find((c) => c.role === "platform_admin")?.totpSecret ?? "missing");
    expect(text).toContain("otpauth://totp/");
  });

  it("are not created when the database already has a user, nor when not allowed", async () => {
    handle = await createTestDatabase();
    expect(await seedDemoAccounts(handle.db, { allowed: false })).toBeNull();
    expect(await userCount(handle.db)).toBe(0);
    await handle.db
      .insertInto("app_user")
      .values({ id: crypto.randomUUID(), email: "someone@example.org", name: "Someone" })
      .execute();
    expect(await seedDemoAccounts(handle.db, { allowed: true })).toBeNull();
    expect(await userCount(handle.db)).toBe(1);
  });
});

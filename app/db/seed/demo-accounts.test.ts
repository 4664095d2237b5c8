import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { loadConfig } from "../../../server/config.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { verifyPassword } from "#app/modules/identity/passwords.server.ts";
import { currentTotpCode, verifyTotpCode } from "#app/modules/identity/two-factor.server.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, formatDemoCredentials, seedDemoAccounts } from "./demo-accounts.server.ts";

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function userCount(db: DatabaseHandle["db"]): Promise<number> {
  const row = await db.selectFrom("app_user").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

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
      .select(["u.email", "u.password_hash", "u.email_verified_at", "u.totp_secret", "u.totp_enabled_at", "r.role", "r.kas_code", "o.slug"])
      .execute();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(["platform_admin", "coordinator", "focal_point", "municipal_officer", "donor", "cso_member", "pm_office"]));
    for (const user of users) {
      expect(user.email).toMatch(/@demo\.cap\.example\.org$/);
      expect(user.email_verified_at).not.toBeNull();
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
    }
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("coordinator@demo.cap.example.org")?.slug).toBe("office-for-community-affairs");
    expect(byEmail.get("focal.point@demo.cap.example.org")?.slug).toBe("ministry-of-labour-and-social-welfare");
    expect(byEmail.get("municipal.officer@demo.cap.example.org")).toMatchObject({ slug: "municipal-office-for-communities-and-returns-prizren", kas_code: "20" });
    expect(byEmail.get("donor@demo.cap.example.org")?.slug).toBe("embassy-of-switzerland-in-kosovo");
    expect(byEmail.get("cso@demo.cap.example.org")?.slug).toBe("balkan-sunflowers-kosova");
    const admin = byEmail.get("admin@demo.cap.example.org");
    expect(admin?.totp_enabled_at).not.toBeNull();
    expect(await verifyPassword(admin?.password_hash ?? "", DEMO_PASSWORD)).toBe(true);
    // The printed secret is the stored one, and yields the codes an authenticator app shows.
    const printed = credentials?.find((c) => c.role === "platform_admin");
    expect(printed?.totpSecret).toBe(admin?.totp_secret);
    expect(verifyTotpCode(admin?.totp_secret ?? "", currentTotpCode(printed?.totpSecret ?? ""), null)).not.toBeNull();
    expect(byEmail.get("cso@demo.cap.example.org")?.totp_secret).toBeNull();
    const audited = await handle.db.selectFrom("audit_log").select(["action", "diff"]).where("action", "=", "user.create").execute();
    expect(audited).toHaveLength(DEMO_ACCOUNTS.length);
    expect(JSON.stringify(audited)).not.toContain(DEMO_PASSWORD);
  });

  it("prints a table with the password and the TOTP secrets of the roles that need them", async () => {
    handle = await createTestDatabase();
    const credentials = (await seedDemoAccounts(handle.db, { allowed: true })) ?? [];
    const text = formatDemoCredentials(credentials);
    expect(text).toContain("admin@demo.cap.example.org");
    expect(text).toContain(DEMO_PASSWORD);
    expect(text).toContain("PRMU6YHXTJUMZJRJBVPZKBNWR7KDIRY6");
    expect(text).toContain("otpauth://totp/");
  });

  it("are not created when the database already has a user, nor when not allowed", async () => {
    handle = await createTestDatabase();
    expect(await seedDemoAccounts(handle.db, { allowed: false })).toBeNull();
    expect(await userCount(handle.db)).toBe(0);
    await handle.db.insertInto("app_user").values({ id: crypto.randomUUID(), email: "someone@example.org", name: "Someone" }).execute();
    expect(await seedDemoAccounts(handle.db, { allowed: true })).toBeNull();
    expect(await userCount(handle.db)).toBe(1);
  });
});

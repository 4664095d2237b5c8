import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { ACCOUNT_DELAY, accountDelayMs, LIMITS, signIn } from "./identity.commands.server.ts";
import { createUser } from "./identity.test-support.ts";
import type * as Passwords from "./passwords.server.ts";

/*
 * Sign-in limits an attacker cannot turn against others (decision 024). The dummy hash that
 * unknown addresses are checked against is replaced by an instant refusal here: these tests count
 * attempts, and a thousand argon2id runs would only make them slow. Real accounts keep the real
 * hash check.
 */
vi.mock("./passwords.server.ts", async (importOriginal) => {
  const original = await importOriginal<typeof Passwords>();
  return { ...original, verifyAgainstDummyHash: async () => false as const };
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const PASSWORD = "Lumi Ibër kalon nëpër Mitrovicë 2026";
const randomEmail = () => `${randomBytes(6).toString("hex")}@example.net`;

/** A sign-in attempt as `email` with `password` from `clientAddress`, at `at` (a fresh browser: no session). */
const attempt = (email: string, password: string, clientAddress: string, at: Date) =>
  signIn(
    handle.db,
    { email, password, previousSessionId: null, userAgent: "test", clientAddress, requestId: null },
    at,
  );

describe("an attacker's failed sign-ins do not stop anyone else", () => {
  it("1,000 failed sign-ins with random e-mail addresses from one client: that client is stopped, another account signs in from elsewhere", async () => {
    await createUser(handle.db, { email: "bystander@example.org", password: PASSWORD });
    const now = new Date();
    const statuses = { invalid: 0, locked: 0 };
    for (let i = 0; i < 1_000; i++) {
      const answer = await attempt(randomEmail(), "guess-guess-guess", "203.0.113.66", now);
      if (answer.ok) throw new Error("an unknown address signed in");
      statuses[answer.reason] += 1;
    }
    // The client's own cap stops it after 50 attempts; nothing else is locked.
    expect(statuses).toEqual({ invalid: LIMITS.signInPerAddress.max, locked: 1_000 - LIMITS.signInPerAddress.max });
    const other = await attempt("bystander@example.org", PASSWORD, "192.0.2.10", now);
    expect(other.ok).toBe(true);
  });

  it("1,000 failed sign-ins from 1,000 different addresses lock no one out: there is no platform-wide lock", async () => {
    await createUser(handle.db, { email: "second-bystander@example.org", password: PASSWORD });
    const now = new Date();
    let locked = 0;
    for (let i = 0; i < 1_000; i++) {
      const answer = await attempt(randomEmail(), "guess-guess-guess", `198.19.${i >> 8}.${i & 255}`, now);
      if (!answer.ok && answer.reason === "locked") locked += 1;
    }
    expect(locked).toBe(0);
    expect((await attempt("second-bystander@example.org", PASSWORD, "192.0.2.11", now)).ok).toBe(true);
  });

  it("five wrong passwords lock the attacker's client out of the account, while its owner signs in from another address", async () => {
    await createUser(handle.db, { email: "owner@example.org", password: PASSWORD });
    const now = new Date();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await attempt("owner@example.org", `wrong ${i}`, "203.0.113.7", now));
    expect(answers.map((a) => (a.ok ? "ok" : a.reason))).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
      "locked",
    ]);
    // The attacker's client cannot go on, not even with the right password.
    expect(await attempt("owner@example.org", PASSWORD, "203.0.113.7", now)).toMatchObject({
      ok: false,
      reason: "locked",
    });
    // The owner, from their own address, is let in at once.
    expect((await attempt("owner@example.org", PASSWORD, "192.0.2.77", now)).ok).toBe(true);
  });

  it("guessing one account from many clients only slows it down: one attempt per growing delay, never more than a minute", async () => {
    await createUser(handle.db, { email: "target@example.org", password: PASSWORD });
    const start = new Date();
    // Ten failures from two clients reach the threshold.
    for (const client of ["203.0.113.1", "203.0.113.2"]) {
      for (let i = 0; i < 5; i++) await attempt("target@example.org", `wrong ${client} ${i}`, client, start);
    }
    expect(accountDelayMs(10)).toBe(ACCOUNT_DELAY.firstMs);
    // From a third client: the first attempt passes the gate (and fails), the next within the delay is refused.
    const third = await attempt("target@example.org", "wrong again", "203.0.113.3", start);
    expect(third).toMatchObject({ ok: false, reason: "invalid" });
    const tooSoon = await attempt(
      "target@example.org",
      "wrong again 2",
      "203.0.113.4",
      new Date(start.getTime() + 500),
    );
    expect(tooSoon).toMatchObject({ ok: false, reason: "locked" });
    // Many more failures spread over clients: the delay stops growing at a minute.
    let at = start.getTime() + 1_000;
    for (let i = 0; i < 12; i++) {
      at += ACCOUNT_DELAY.maxMs + 1;
      await attempt("target@example.org", `spread ${i}`, `203.0.114.${i}`, new Date(at));
    }
    expect(accountDelayMs(100)).toBe(ACCOUNT_DELAY.maxMs);
    // The owner waits at most the delay, then signs in.
    const owner = await attempt("target@example.org", PASSWORD, "192.0.2.200", new Date(at + ACCOUNT_DELAY.maxMs + 1));
    expect(owner.ok).toBe(true);
  });

  it("counts an IPv6 client by its /64 network, so rotating addresses inside it gains nothing", async () => {
    await createUser(handle.db, { email: "v6-owner@example.org", password: PASSWORD });
    const now = new Date();
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await attempt("v6-owner@example.org", `wrong ${i}`, `2001:db8:aa:bb::${i + 1}`, now));
    expect(answers.at(-1)).toMatchObject({ ok: false, reason: "locked" });
    expect(await attempt("v6-owner@example.org", PASSWORD, "2001:db8:aa:bb::99", now)).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect((await attempt("v6-owner@example.org", PASSWORD, "2001:db8:cc:dd::1", now)).ok).toBe(true);
  });
});

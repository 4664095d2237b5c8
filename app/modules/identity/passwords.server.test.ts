import { hash } from "argon2";
import { describe, expect, it } from "vitest";
import {
  hashPassword,
  needsRehash,
  passwordPolicyError,
  verifyAgainstDummyHash,
  verifyPassword,
} from "./passwords.server.ts";

describe("password policy", () => {
  const email = "drita.krasniqi@example.org";

  it.each([
    ["a sentence-like passphrase", "correct horse battery staple", null],
    ["exactly 12 characters", "Zogu-Lumi-92", null],
    ["Cyrillic and Albanian letters", "Ђурђевдан çelësi ëndërr", null],
    ["11 characters", "Zogu-Lumi-9", "identity:errors.passwordTooShort"],
    ["empty", "", "identity:errors.passwordTooShort"],
    ["201 characters", "x".repeat(150) + "y".repeat(51), "identity:errors.passwordTooLong"],
    ["the e-mail address", email, "identity:errors.passwordIsEmail"],
    ["the e-mail address in capitals with a suffix", `${email.toUpperCase()}!`, "identity:errors.passwordIsEmail"],
    ["the name part of the address", "Drita.Krasniqi", "identity:errors.passwordIsEmail"],
    ["a common password", "password1234", "identity:errors.passwordTooCommon"],
    ["a common password in capitals", "PASSWORD1234", "identity:errors.passwordTooCommon"],
    ["a common word with digits and a symbol", "Password2026!", "identity:errors.passwordTooCommon"],
    ["an Albanian favourite", "Fjalekalimi2024", "identity:errors.passwordTooCommon"],
    ["a Serbian favourite", "lozinka123456", "identity:errors.passwordTooCommon"],
    ["one character repeated", "aaaaaaaaaaaaaaaa", "identity:errors.passwordTooCommon"],
    ["a run of digits", "123456789012", "identity:errors.passwordTooCommon"],
    ["a falling run of digits", "987654321098", "identity:errors.passwordTooCommon"],
  ])("%s", (_label, password, expected) => {
    expect(passwordPolicyError(password, email)).toBe(expected);
  });

  it("accepts digits that are not a run", () => {
    expect(passwordPolicyError("402918375610", email)).toBeNull();
  });
});

describe("password hashing", () => {
  it("hashes with argon2id, salts every hash and verifies only the right password", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("correct horse");
    expect(await verifyPassword(first, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(first, "correct horse battery staplE")).toBe(false);
  });

  it("answers false, never throws, for a malformed hash", async () => {
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
    expect(await verifyPassword("", "anything at all")).toBe(false);
  });

  it("tells when a hash should be replaced", async () => {
    expect(needsRehash(await hashPassword("correct horse battery staple"))).toBe(false);
    expect(
      needsRehash(
        await hash("correct horse battery staple", { type: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 }),
      ),
    ).toBe(true);
    expect(needsRehash(await hash("correct horse battery staple", { type: 1 }))).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });

  it("verifies a dummy hash for unknown accounts, and always answers false", async () => {
    expect(await verifyAgainstDummyHash("correct horse battery staple")).toBe(false);
  });
});

import { randomBytes } from "node:crypto";
import { argon2id, hash, needsRehash as argonNeedsRehash, verify } from "argon2";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./identity.schema.ts";

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's first recommended set (19 MiB, 2
 * passes, 1 lane): about 30–60 ms per hash on a small server, which keeps sign-in quick while
 * making offline guessing expensive.
 */
const HASH_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many argon2id runs at once (each takes 19 MiB and a core): a burst of sign-ins
 * waits in line instead of taking hundreds of megabytes and every core (decision 024).
 */
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when a hashing slot is free. */
async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Hashes a password with argon2id (a random salt is embedded in the returned PHC string). */
export async function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, HASH_OPTIONS));
}

/** True when the password matches the stored hash; false for any malformed hash too. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await withHashSlot(() => verify(storedHash, password));
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker (or other) parameters and should be replaced at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  try {
    return !storedHash.startsWith("$argon2id$") || argonNeedsRehash(storedHash, HASH_OPTIONS);
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies the password against a throw-away hash and answers false: used for unknown e-mails and
 * inactive accounts, so that they cost the same time as a wrong password for a real account.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * The commonest passwords people still choose, lower-cased, among those long enough to pass the
 * length rule (shorter ones are refused anyway), including Albanian and Serbian favourites.
 */
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456789123",
  "123123123123",
  "111111111111",
  "000000000000",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "password123!",
  "qwertyuiop12",
  "qwertyuiop123",
  "qwertyuiopas",
  "qwertyuiopasdf",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "qazwsxedcrfv",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "welcome123456",
  "administrator",
  "administrator1",
  "changeme1234",
  "trustno11234",
  "football1234",
  "baseball1234",
  "sunshine1234",
  "princess1234",
  "abcdefghijkl",
  "abc123abc123",
  "fjalekalimi1",
  "fjalekalimi123",
  "fjalëkalimi123",
  "kosova123456",
  "kosovo123456",
  "prishtina123",
  "prishtina1234",
  "pristina1234",
  "lozinka12345",
  "lozinka123456",
  "sifra1234567",
  "šifra1234567",
  "beograd12345",
  "srbija123456",
]);

/** Words that, followed only by digits or symbols, make a guessable password ("Password2026!"). */
const COMMON_STEMS = new Set([
  "password",
  "passwort",
  "qwerty",
  "qwertyuiop",
  "letmein",
  "welcome",
  "admin",
  "iloveyou",
  "fjalekalimi",
  "fjalëkalimi",
  "lozinka",
  "sifra",
  "šifra",
  "kosova",
  "kosovo",
  "prishtina",
  "pristina",
  "changeme",
]);

/**
 * Checks a new password against the policy and returns the translation key of the first problem,
 * or null: at least 12 and at most 200 characters, not the e-mail address (nor its name part), not
 * one of the commonest passwords, not one character repeated or a common word with digits added.
 */
export function passwordPolicyError(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "identity:errors.passwordTooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "identity:errors.passwordTooLong";
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0] ?? "";
  if (
    address &&
    (lower.includes(address) ||
      (localPart.length >= 4 && lower.replace(/[^\p{L}\p{N}]/gu, "") === localPart.replace(/[^\p{L}\p{N}]/gu, "")))
  ) {
    return "identity:errors.passwordIsEmail";
  }
  const stem = lower.replace(/[\d\W_]+$/u, "");
  if (
    COMMON_PASSWORDS.has(lower) ||
    COMMON_STEMS.has(stem) ||
    /^(.)\1+$/u.test(password) ||
    (/^\d+$/.test(password) && isRun(password))
  ) {
    return "identity:errors.passwordTooCommon";
  }
  return null;
}

/** True for digit runs such as 123456789012 or 987654321098. */
function isRun(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i += 1) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1;
}

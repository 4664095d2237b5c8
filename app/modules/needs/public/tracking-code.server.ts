import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed by hand is unambiguous. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 28 characters of 5 bits: 140 random bits, shown as seven groups of four. */
const CODE_LENGTH = 28;
const GROUP = 4;

/**
 * A new tracking code: 140 bits from the operating system's random source, in Crockford base32,
 * grouped as `XXXX-XXXX-…`. Only its SHA-256 is stored; the code itself is shown once.
 */
export function createTrackingCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  // Each byte keeps its low 5 bits: 256 is a multiple of 32, so every character is uniform.
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return formatTrackingCode(chars) ?? chars;
}

/**
 * The code as typed, normalised: upper case, spaces and hyphens removed, O read as 0 and I or L
 * as 1 (as Crockford base32 allows). Null when it cannot be a tracking code.
 */
export function normaliseTrackingCode(input: string): string | null {
  if (input.length > 100) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replaceAll("O", "0")
    .replace(/[IL]/g, "1");
  if (compact.length !== CODE_LENGTH) return null;
  for (const ch of compact) if (!ALPHABET.includes(ch)) return null;
  return compact;
}

/** The normalised code in groups of four (`ABCD-EFGH-…`), or null when it is not a code. */
export function formatTrackingCode(input: string): string | null {
  const code = normaliseTrackingCode(input);
  if (!code) return null;
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP));
  return groups.join("-");
}

/** The SHA-256 (hex) of a normalised code: what `need_case.tracking_hash` holds. */
export function hashTrackingCode(normalisedCode: string): string {
  return createHash("sha256").update(`need-tracking:${normalisedCode}`).digest("hex");
}

/** Constant-time comparison of two hashes in hex (the stored one and the one computed from a code). */
export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * Tracking codes (decision 036). A new code is 11 random symbols of Crockford's base32 alphabet and
 * one check symbol, shown as three groups of four (`K7QM-3XRP-9TD4`). Codes given out before
 * (decision 016: 28 random symbols, no check symbol) keep working: both are hashed the same way.
 * What people type is read generously — case, spaces, dashes, the usual confusions, Cyrillic
 * lookalikes and Serbian Cyrillic keyboard input — and the check symbol tells a typing error from
 * a code that does not exist.
 */

/** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed by hand is unambiguous. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Random symbols of a new code: 11 × 5 = 55 bits. */
const DATA_LENGTH = 11;
/** A new code: the random symbols and the check symbol. */
const CODE_LENGTH = DATA_LENGTH + 1;
/** A code given out before session 7 (140 random bits, no check symbol). */
const OLD_CODE_LENGTH = 28;
const GROUP = 4;

/*
 * The check symbol is a weighted sum over the finite field GF(32) (x⁵ + x² + 1), the field whose
 * elements are exactly the 32 symbols: c = Σ αⁱ⁺¹·dᵢ, so that Σ αⁱ⁺¹·dᵢ + 1·c = 0 over the whole
 * code. Every weight is a distinct non-zero element, hence a single changed symbol (weight × a
 * non-zero difference ≠ 0) and the swap of any two different symbols ((wᵢ − wⱼ)(a − b) ≠ 0) always
 * change the sum. Field addition is XOR.
 */
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(0);
{
  let x = 1;
  for (let i = 0; i < 31; i++) {
    EXP.push(x);
    LOG[x] = i;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
}

function multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[((LOG[a] ?? 0) + (LOG[b] ?? 0)) % 31] ?? 0;
}

/** The weighted sum of a run of symbols (positions from 0, weights α¹, α², …). */
function weightedSum(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum ^= multiply(EXP[(i + 1) % 31] ?? 1, ALPHABET.indexOf(symbols[i] ?? ""));
  return sum;
}

/** The check symbol of 11 data symbols (already in the alphabet). */
export function checkSymbol(data: string): string {
  return ALPHABET[weightedSum(data)] ?? "0";
}

/** True when a 12-symbol code's last symbol is the check symbol of the first eleven. */
export function hasValidCheckSymbol(code: string): boolean {
  return code.length === CODE_LENGTH && checkSymbol(code.slice(0, DATA_LENGTH)) === code[DATA_LENGTH];
}

/**
 * A new tracking code: 11 symbols from the operating system's random source and the check symbol,
 * grouped as `XXXX-XXXX-XXXX`. Only its SHA-256 is stored; the code itself is shown to the submitter.
 */
export function createTrackingCode(): string {
  // Each byte keeps its low 5 bits: 256 is a multiple of 32, so every symbol is uniform.
  const data = Array.from(randomBytes(DATA_LENGTH), (b) => ALPHABET[b & 31]).join("");
  return groups(data + checkSymbol(data));
}

/** The example code the pages show: shaped like a real one, check symbol included, belonging to no case. */
export const TRACKING_CODE_EXAMPLE = groups("K7QM3XRP9TD" + checkSymbol("K7QM3XRP9TD"));

function groups(code: string): string {
  const out: string[] = [];
  for (let i = 0; i < code.length; i += GROUP) out.push(code.slice(i, i + GROUP));
  return out.join("-");
}

// Letters a Serbian Cyrillic keyboard types on the keys of the code's Latin letters, which are also
// the letters someone transliterating the code would write (Љ Њ Џ Ѕ sit where Q W X Y are).
const KEYBOARD: Record<string, string> = {
  А: "A",
  Б: "B",
  В: "V",
  Г: "G",
  Д: "D",
  Е: "E",
  З: "Z",
  И: "I",
  Ј: "J",
  К: "K",
  Л: "L",
  Љ: "Q",
  М: "M",
  Н: "N",
  Њ: "W",
  О: "O",
  П: "P",
  Р: "R",
  С: "S",
  Т: "T",
  У: "U",
  Ф: "F",
  Х: "H",
  Ц: "C",
  Џ: "X",
  Ѕ: "Y",
  І: "I",
  // Greek capitals that look like Latin ones (a Greek keyboard or a font's substitution).
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};
// Cyrillic letters that look like a different Latin letter or digit than the one they stand for.
const LOOKALIKE: Record<string, string> = {
  ...KEYBOARD,
  В: "B",
  Н: "H",
  Р: "P",
  С: "C",
  У: "Y",
  Х: "X",
  Ѕ: "S",
  З: "3",
};
// Crockford's decoding aliases, and U (left out of the alphabet) read as the V it is mistaken for.
const ALIASES: Record<string, string> = { O: "0", I: "1", L: "1", U: "V" };

/** Spaces of any kind, dashes of any kind, dots, underscores, slashes and invisible joiners. */
const SEPARATORS = /[\s\p{Pd}\p{Zs}._/\\·•\u200b-\u200d\u2060\ufeff]+/gu;

/** What a typed code is: one or two readings of a well-formed code, a code with a typing error, or nothing like a code. */
export type TypedTrackingCode = { kind: "code"; candidates: string[] } | { kind: "typo" } | { kind: "malformed" };

function reading(compact: string, letters: Record<string, string>): string {
  let out = "";
  for (const ch of compact) {
    const latin = letters[ch] ?? ch;
    out += ALIASES[latin] ?? latin;
  }
  return out;
}

function isInAlphabet(code: string): boolean {
  for (const ch of code) if (!ALPHABET.includes(ch)) return false;
  return true;
}

/**
 * Reads a code as a person typed it: full-width forms folded (NFKC), separators removed, upper
 * case, Cyrillic letters read both as a Serbian Cyrillic keyboard types them (В → V, Р → R,
 * Љ → Q) and as the Latin letters they look like (В → B, Р → P), O as 0, I and L as 1, U as V.
 * A new code's readings are kept only when their check symbol holds (none holding: a typing
 * error); an old code has no check symbol, so both readings are kept. At most two candidates.
 */
export function readTrackingCode(input: string): TypedTrackingCode {
  if (input.length > 200) return { kind: "malformed" };
  const compact = input.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
  const readings = [...new Set([reading(compact, KEYBOARD), reading(compact, LOOKALIKE)])].filter(isInAlphabet);
  const newCodes = readings.filter((code) => code.length === CODE_LENGTH);
  if (newCodes.length > 0) {
    const checked = newCodes.filter(hasValidCheckSymbol);
    return checked.length > 0 ? { kind: "code", candidates: checked } : { kind: "typo" };
  }
  const oldCodes = readings.filter((code) => code.length === OLD_CODE_LENGTH);
  return oldCodes.length > 0 ? { kind: "code", candidates: oldCodes } : { kind: "malformed" };
}

/**
 * The code as typed, normalised to its one reading: null when it is not a code, has a typing
 * error, or could be read two ways (then only the lookup can tell which one is meant).
 */
export function normaliseTrackingCode(input: string): string | null {
  const typed = readTrackingCode(input);
  return typed.kind === "code" && typed.candidates.length === 1 ? (typed.candidates[0] ?? null) : null;
}

/** The normalised code in groups of four (`K7QM-3XRP-9TD4`), or null when it is not one code. */
export function formatTrackingCode(input: string): string | null {
  const code = normaliseTrackingCode(input);
  return code ? groups(code) : null;
}

/** The SHA-256 (hex) of a normalised code: what `need_case.tracking_hash` holds (old and new codes alike). */
export function hashTrackingCode(normalisedCode: string): string {
  return createHash("sha256").update(`need-tracking:${normalisedCode}`).digest("hex");
}

/** Constant-time comparison of two hashes in hex (the stored one and the one computed from a code). */
export function isSameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

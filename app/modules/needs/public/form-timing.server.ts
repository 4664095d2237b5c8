import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A form sent back sooner than this after it was shown was filled by a machine. */
export const MIN_FILL_MS = 3_000;
/** A form shown longer ago than this has expired (the person is asked to send it again). */
export const MAX_FILL_MS = 24 * 60 * 60_000;

function signature(key: string, shownAt: number): string {
  return createHmac("sha256", key).update(`needs-form-shown:${shownAt}`).digest("base64url");
}

/** The hidden `shownAt` field: the time the form was shown and its HMAC, so it cannot be backdated. */
export function signFormShownAt(key: string, now: Date = new Date()): string {
  const shownAt = now.getTime();
  return `${shownAt}.${signature(key, shownAt)}`;
}

/** What the hidden field says: fine, sent too fast, expired, or forged / missing. */
export type FillTimeVerdict = "ok" | "too_fast" | "expired" | "invalid";

/** Checks the hidden `shownAt` field of a submitted form against the clock. */
export function checkFormShownAt(key: string, value: unknown, now: Date = new Date()): FillTimeVerdict {
  if (typeof value !== "string" || value.length > 100) return "invalid";
  const match = /^(\d{13})\.([\w-]{43})$/.exec(value);
  if (!match) return "invalid";
  const shownAt = Number(match[1]);
  const expected = Buffer.from(signature(key, shownAt));
  const actual = Buffer.from(match[2] ?? "");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return "invalid";
  const elapsed = now.getTime() - shownAt;
  if (elapsed < MIN_FILL_MS) return "too_fast";
  if (elapsed > MAX_FILL_MS) return "expired";
  return "ok";
}

/** Used only when the server context carries no key (loaders called outside the server): random, so never guessable. */
const PROCESS_KEY = randomBytes(32).toString("base64url");

/** The key that signs the hidden field: the server's (derived from the app secret), else a random one of this process. */
export function formKey(context: { formSigningKey?: string }): string {
  return context.formSigningKey ?? PROCESS_KEY;
}

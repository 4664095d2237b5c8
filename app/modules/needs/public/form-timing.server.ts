import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "#app/db/client.server.ts";
import { hitRateLimit } from "#app/modules/identity/rate-limit.server.ts";

/*
 * The hidden `shownAt` field of the public forms is a single-use form token (decision 024): the
 * time the form was shown, a random nonce and their HMAC. It proves the form was shown by this
 * server (not backdated, not forged), that a person took some time to fill it in, and, once
 * consumed, that it is not being replayed: each nonce is accepted once within the token's lifetime.
 */

/** A form sent back sooner than this after it was shown was filled by a machine. */
export const MIN_FILL_MS = 3_000;
/** A form shown longer ago than this has expired (the person is asked to send it again): two hours. */
export const MAX_FILL_MS = 2 * 60 * 60_000;

function signature(key: string, shownAt: number, nonce: string): string {
  return createHmac("sha256", key).update(`needs-form-shown:${shownAt}:${nonce}`).digest("base64url");
}

/** The hidden `shownAt` field: the time the form was shown, a nonce, and their HMAC, so it cannot be backdated or reused. */
export function signFormShownAt(key: string, now: Date = new Date()): string {
  const shownAt = now.getTime();
  const nonce = randomBytes(16).toString("base64url");
  return `${shownAt}.${nonce}.${signature(key, shownAt, nonce)}`;
}

/** What the hidden field says: fine, sent too fast, expired, forged / missing, or already used. */
export type FillTimeVerdict = "ok" | "too_fast" | "expired" | "invalid" | "replayed";

/** Checks the hidden `shownAt` field against the clock, without using it up; returns its nonce when it is sound. */
export function checkFormShownAt(
  key: string,
  value: unknown,
  now: Date = new Date(),
): { verdict: Exclude<FillTimeVerdict, "replayed">; nonce: string | null } {
  if (typeof value !== "string" || value.length > 120) return { verdict: "invalid", nonce: null };
  const match = /^(\d{13})\.([\w-]{22})\.([\w-]{43})$/.exec(value);
  if (!match) return { verdict: "invalid", nonce: null };
  const shownAt = Number(match[1]);
  const nonce = match[2]!;
  const expected = Buffer.from(signature(key, shownAt, nonce));
  const actual = Buffer.from(match[3] ?? "");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { verdict: "invalid", nonce: null };
  const elapsed = now.getTime() - shownAt;
  if (elapsed < MIN_FILL_MS) return { verdict: "too_fast", nonce };
  if (elapsed > MAX_FILL_MS) return { verdict: "expired", nonce };
  return { verdict: "ok", nonce };
}

/**
 * Checks the form token and uses it up (one atomic upsert: of concurrent replays only the first
 * gets "ok"). The nonce is remembered for the token's lifetime, after which the token has expired
 * anyway; the rate-limit housekeeping removes it later.
 */
export async function admitFormToken(
  db: Db,
  key: string,
  value: unknown,
  now: Date = new Date(),
): Promise<FillTimeVerdict> {
  const { verdict, nonce } = checkFormShownAt(key, value, now);
  if (verdict !== "ok" || !nonce) return verdict;
  const use = await hitRateLimit(db, `needs:form-token:${nonce}`, { max: 1, windowMs: MAX_FILL_MS }, { now });
  return use.hits > 1 ? "replayed" : "ok";
}

/** Used only when the server context carries no key (loaders called outside the server): random, so never guessable. */
const PROCESS_KEY = randomBytes(32).toString("base64url");

/** The key that signs the hidden field: the server's (derived from the app secret), else a random one of this process. */
export function formKey(context: { formSigningKey?: string }): string {
  return context.formSigningKey ?? PROCESS_KEY;
}

import type { Db } from "#app/db/client.server.ts";
import { HONEYPOT_FIELD } from "./needs-public.schema.ts";
import { clientAddress, hitRateLimit, isOverLimit, peekRateLimit, type Limit } from "#app/modules/identity/rate-limit.server.ts";

/** Per-address limits of the public needs pages. */
export const NEEDS_LIMITS = {
  /** Submissions (valid or not) per address. */
  submitPerAddress: { max: 10, windowMs: 60 * 60_000 },
  /** Without a known address (no trusted proxy) every visitor shares one bucket, so it is larger. */
  submitShared: { max: 300, windowMs: 60 * 60_000 },
  /** Notes added through tracking pages per address. */
  notePerAddress: { max: 20, windowMs: 60 * 60_000 },
  noteShared: { max: 600, windowMs: 60 * 60_000 },
  /** Tracking codes that matched nothing, per address: guessing is refused long before it could succeed. */
  trackMissPerAddress: { max: 20, windowMs: 60 * 60_000 },
  trackMissShared: { max: 1_000, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;


/** The bucket and limit of a request: its address when known (trusted proxy), else the shared one. */
function bucketFor(request: Request, purpose: "submit" | "note" | "trackMiss"): { key: string; limit: Limit } {
  const address = clientAddress(request);
  if (address) return { key: `needs:${purpose}:address:${address}`, limit: NEEDS_LIMITS[`${purpose}PerAddress`] };
  return { key: `needs:${purpose}:shared`, limit: NEEDS_LIMITS[`${purpose}Shared`] };
}

/** Counts one submission or note; true when the address is over its limit (then refuse with 429). */
export async function isRateLimited(db: Db, request: Request, purpose: "submit" | "note"): Promise<boolean> {
  const { key, limit } = bucketFor(request, purpose);
  const state = await hitRateLimit(db, key, limit);
  return state.hits > limit.max;
}

/** True when the address already used up its failed tracking lookups (checked before each lookup). */
export async function hasTooManyTrackingMisses(db: Db, request: Request): Promise<boolean> {
  const { key, limit } = bucketFor(request, "trackMiss");
  return isOverLimit(await peekRateLimit(db, key, limit), limit);
}

/** Counts one tracking code that matched nothing. */
export async function countTrackingMiss(db: Db, request: Request): Promise<void> {
  const { key, limit } = bucketFor(request, "trackMiss");
  await hitRateLimit(db, key, limit);
}

/** True when the honeypot was filled in (a person never sees it). */
export function isHoneypotFilled(form: FormData): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return value !== null && (typeof value !== "string" || value.length > 0);
}

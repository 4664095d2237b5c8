import type { Db } from "#app/db/client.server.ts";
import { clientBucket } from "#app/services/client-address.ts";
import { HONEYPOT_FIELD } from "./needs-public.schema.ts";
import {
  hitOverLimit,
  hitRateLimit,
  isOverLimit,
  peekRateLimit,
  type Limit,
} from "#app/modules/identity/rate-limit.server.ts";

/**
 * Per-client limits of the public needs pages (decision 024). The client is the socket address,
 * or behind a trusted proxy the address it vouches for (ServerContext.clientAddress), so a burst
 * from one client uses up its own bucket and never another client's.
 */
export const NEEDS_LIMITS = {
  /** Submissions (valid or not) per client. */
  submitPerAddress: { max: 10, windowMs: 60 * 60_000 },
  /** Only when no address is known at all (no socket: tests, embedding) do requests share one, larger bucket. */
  submitShared: { max: 300, windowMs: 60 * 60_000 },
  /** Notes added through tracking pages per client. */
  notePerAddress: { max: 20, windowMs: 60 * 60_000 },
  noteShared: { max: 600, windowMs: 60 * 60_000 },
  /** Tracking codes that matched nothing, per client: guessing is refused long before it could succeed. */
  trackMissPerAddress: { max: 20, windowMs: 60 * 60_000 },
  trackMissShared: { max: 1_000, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** Who is asking, as far as the limits are concerned. */
export type ClientOf = { clientAddress?: string | null };

/** The bucket and limit of a request: its client's when known, else the shared one. */
function bucketFor(client: ClientOf, purpose: "submit" | "note" | "trackMiss"): { key: string; limit: Limit } {
  const address = client.clientAddress;
  if (address)
    return { key: `needs:${purpose}:address:${clientBucket(address)}`, limit: NEEDS_LIMITS[`${purpose}PerAddress`] };
  return { key: `needs:${purpose}:shared`, limit: NEEDS_LIMITS[`${purpose}Shared`] };
}

/** Counts one submission or note; true when the client is over its limit (then refuse with 429). */
export async function isRateLimited(db: Db, client: ClientOf, purpose: "submit" | "note"): Promise<boolean> {
  const { key, limit } = bucketFor(client, purpose);
  return hitOverLimit(db, key, limit);
}

/** True when the client already used up its failed tracking lookups (checked before each lookup). */
export async function hasTooManyTrackingMisses(db: Db, client: ClientOf): Promise<boolean> {
  const { key, limit } = bucketFor(client, "trackMiss");
  return isOverLimit(await peekRateLimit(db, key, limit), limit);
}

/** Counts one tracking code that matched nothing. */
export async function countTrackingMiss(db: Db, client: ClientOf): Promise<void> {
  const { key, limit } = bucketFor(client, "trackMiss");
  await hitRateLimit(db, key, limit);
}

/** True when the honeypot was filled in (a person never sees it). */
export function isHoneypotFilled(form: FormData): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return value !== null && (typeof value !== "string" || value.length > 0);
}

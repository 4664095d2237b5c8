import type { Db } from "#app/db/client.server.ts";
import { hitOverLimit, type Limit } from "#app/modules/identity/rate-limit.server.ts";
import { clientBucket } from "#app/services/client-address.ts";

/**
 * Searches per client (decision 024): a person pages through results a few times a minute; a
 * flood from one client is refused with 429 while every other client keeps searching.
 */
export const SEARCH_LIMITS = {
  perClient: { max: 30, windowMs: 60_000 },
  /** Only when no client address is known at all (no socket: tests) do requests share one bucket. */
  shared: { max: 600, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/** Counts one search (a non-empty query) of this client; true when it is over its limit. */
export async function isSearchRateLimited(
  db: Db,
  client: { clientAddress?: string | null },
  query: string,
): Promise<boolean> {
  if (query.trim() === "") return false;
  const address = client.clientAddress;
  const [key, limit] = address
    ? [`search/address/${clientBucket(address)}`, SEARCH_LIMITS.perClient]
    : ["search/shared", SEARCH_LIMITS.shared];
  return hitOverLimit(db, key, limit);
}

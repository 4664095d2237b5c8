import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";

/** A limit: at most `max` hits per window of `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/** The state of one bucket after a hit or a look. */
export interface BucketState {
  /** Hits counted in the current window (0 when the window is over or the bucket is new). */
  hits: number;
  /** When the current window ends (and with it any block). */
  resetsAt: Date;
}

/** True when the bucket has used up its limit and its window is still running. */
export function isOverLimit(state: BucketState, limit: Limit): boolean {
  return state.hits >= limit.max;
}

/** Whole minutes until the window ends, at least 1 (for "try again in N minutes"). */
export function minutesUntilReset(state: BucketState, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((state.resetsAt.getTime() - now.getTime()) / 60_000));
}

/**
 * Counts one hit in a fixed window, atomically (one upsert, safe under concurrent requests): a
 * bucket whose window has ended starts again at 1. When `restartWindowAt` hits are reached the
 * window restarts at that moment, so a lock-out lasts a full window from the hit that caused it.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: Limit,
  options: { now?: Date; restartWindowAt?: number } = {},
): Promise<BucketState> {
  const now = options.now ?? new Date();
  const expiredBefore = new Date(now.getTime() - limit.windowMs);
  const restartAt = options.restartWindowAt ?? 0;
  const isExpired = sql<boolean>`rate_limit.window_start <= ${expiredBefore}`;
  const row = await db
    .insertInto("rate_limit")
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        hits: sql<number>`case when ${isExpired} then 1 else rate_limit.hits + 1 end`,
        window_start: sql<Date>`case
          when ${isExpired} then ${now}::timestamptz
          when rate_limit.hits + 1 = ${restartAt}::integer then ${now}::timestamptz
          else rate_limit.window_start end`,
      }),
    )
    .returning(["hits", "window_start"])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, resetsAt: new Date(row.window_start.getTime() + limit.windowMs) };
}

/** Counts one hit (as `hitRateLimit`) and tells whether it went over the limit: more than `max` hits in the window. */
export async function hitOverLimit(db: Db, key: string, limit: Limit, now?: Date): Promise<boolean> {
  const state = await hitRateLimit(db, key, limit, { now });
  return state.hits > limit.max;
}

/** Reads a bucket without counting: 0 hits when it does not exist or its window is over. */
export async function peekRateLimit(db: Db, key: string, limit: Limit, now: Date = new Date()): Promise<BucketState> {
  const row = await db
    .selectFrom("rate_limit")
    .select(["hits", "window_start"])
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row || row.window_start.getTime() + limit.windowMs <= now.getTime()) return { hits: 0, resetsAt: now };
  return { hits: row.hits, resetsAt: new Date(row.window_start.getTime() + limit.windowMs) };
}

/** Forgets a bucket (after a successful sign-in, the e-mail's failures no longer count). */
export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom("rate_limit").where("key", "=", key).execute();
}

/** Forgets every bucket whose key starts with `prefix` (e.g. one e-mail address from every client). */
export async function resetRateLimitsStartingWith(db: Db, prefix: string): Promise<void> {
  await db
    .deleteFrom("rate_limit")
    .where(sql<boolean>`starts_with(key, ${prefix})`)
    .execute();
}

/** Removes buckets whose window ended long ago (housekeeping; the table stays small). */
export async function pruneRateLimits(db: Db, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom("rate_limit").where("window_start", "<", olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}

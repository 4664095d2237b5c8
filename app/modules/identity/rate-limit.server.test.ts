import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import {
  hitRateLimit,
  isOverLimit,
  minutesUntilReset,
  peekRateLimit,
  pruneRateLimits,
  resetRateLimit,
} from "./rate-limit.server.ts";

const handle = setUpTestDatabase();

const LIMIT = { max: 3, windowMs: 10 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0) + minutes * 60_000);

describe("rate limit buckets", () => {
  it("count hits in a fixed window and start again when it ends", async () => {
    const db = handle.db;
    expect((await hitRateLimit(db, "t:window", LIMIT, { now: at(0) })).hits).toBe(1);
    expect((await hitRateLimit(db, "t:window", LIMIT, { now: at(1) })).hits).toBe(2);
    const third = await hitRateLimit(db, "t:window", LIMIT, { now: at(2) });
    expect(third).toEqual({ hits: 3, resetsAt: at(10) });
    expect(isOverLimit(third, LIMIT)).toBe(true);
    expect(isOverLimit(await peekRateLimit(db, "t:window", LIMIT, at(9)), LIMIT)).toBe(true);
    expect(await peekRateLimit(db, "t:window", LIMIT, at(10))).toEqual({ hits: 0, resetsAt: at(10) });
    expect((await hitRateLimit(db, "t:window", LIMIT, { now: at(10) })).hits).toBe(1);
  });

  it("restart the window at the hit that reaches the limit, so a lock-out lasts a whole window", async () => {
    const db = handle.db;
    await hitRateLimit(db, "t:lock", LIMIT, { now: at(0), restartWindowAt: 3 });
    await hitRateLimit(db, "t:lock", LIMIT, { now: at(8), restartWindowAt: 3 });
    const locking = await hitRateLimit(db, "t:lock", LIMIT, { now: at(9), restartWindowAt: 3 });
    expect(locking).toEqual({ hits: 3, resetsAt: at(19) });
    expect(minutesUntilReset(locking, at(9))).toBe(10);
    // Later hits do not extend the lock.
    expect(await hitRateLimit(db, "t:lock", LIMIT, { now: at(12), restartWindowAt: 3 })).toEqual({
      hits: 4,
      resetsAt: at(19),
    });
    expect(minutesUntilReset({ hits: 4, resetsAt: at(19) }, at(18.5))).toBe(1);
  });

  it("keep buckets apart, forget one on reset, and prune old ones", async () => {
    const db = handle.db;
    await hitRateLimit(db, "t:a", LIMIT, { now: at(0) });
    await hitRateLimit(db, "t:b", LIMIT, { now: at(0) });
    await resetRateLimit(db, "t:a");
    expect((await peekRateLimit(db, "t:a", LIMIT, at(1))).hits).toBe(0);
    expect((await peekRateLimit(db, "t:b", LIMIT, at(1))).hits).toBe(1);
    expect(await pruneRateLimits(db, at(60))).toBeGreaterThanOrEqual(1);
    expect((await peekRateLimit(db, "t:b", LIMIT, at(1))).hits).toBe(0);
  });

  it("count concurrent hits exactly", async () => {
    const db = handle.db;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => hitRateLimit(db, "t:concurrent", LIMIT, { now: at(0) })),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

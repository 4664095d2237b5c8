import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { listNextEvents } from "#app/modules/clearing-house/events/events.queries.server.ts";
import { insertTestEvent } from "../support/event-factory.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * The home page's next events (decision 044): read through two index ranges (starting from now on;
 * started before and ending from now on) instead of every event with a filter. Checked against the
 * definition the page has always had, "published and not ended: coalesce(ends_at, starts_at) >= now,
 * soonest start first, id breaking ties", computed here in JavaScript over the rows.
 */

const NOW = new Date("2026-06-15T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let handle: DatabaseHandle;
let organisationId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  organisationId = (await handle.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
  await handle.db.deleteFrom("event").execute();
});
afterAll(() => handle.close());

let counter = 0;
async function addEvent(
  startsAt: Date,
  endsAt: Date | null,
  status: "published" | "draft" = "published",
): Promise<string> {
  const slug = `next-events-${++counter}`;
  await insertTestEvent(handle.db, {
    slug,
    kind: "other",
    startsAt,
    endsAt,
    organisationId,
    status,
    publishedAt: startsAt,
  });
  return slug;
}

/** The page's definition, over every event, independently of the query. */
async function expected(limit: number, now: Date): Promise<string[]> {
  const rows = await handle.db.selectFrom("event").select(["id", "slug", "starts_at", "ends_at", "status"]).execute();
  return rows
    .filter((r) => r.status === "published" && (r.ends_at ?? r.starts_at).getTime() >= now.getTime())
    .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.id - b.id)
    .slice(0, limit)
    .map((r) => r.slug);
}

describe("listNextEvents", () => {
  it("lists running events (even one that began long ago) before upcoming ones, and never past or draft events", async () => {
    await addEvent(new Date(NOW.getTime() - 40 * DAY), new Date(NOW.getTime() - 39 * DAY)); // over
    await addEvent(new Date(NOW.getTime() - 2 * HOUR), null); // began earlier, no end: over
    const longRunning = await addEvent(new Date(NOW.getTime() - 300 * DAY), new Date(NOW.getTime() + 10 * DAY));
    const endsNow = await addEvent(new Date(NOW.getTime() - 3 * HOUR), NOW);
    await addEvent(new Date(NOW.getTime() + HOUR), null, "draft");
    const startsNow = await addEvent(NOW, null);
    const soon = await addEvent(new Date(NOW.getTime() + DAY), new Date(NOW.getTime() + DAY + 2 * HOUR));
    const later = await addEvent(new Date(NOW.getTime() + 5 * DAY), null);
    const next = (await listNextEvents(handle.db, 10, NOW)).map((e) => e.slug);
    expect(next).toEqual([longRunning, endsNow, startsNow, soon, later]);
    expect(next).toEqual(await expected(10, NOW));
    expect((await listNextEvents(handle.db, 3, NOW)).map((e) => e.slug)).toEqual([longRunning, endsNow, startsNow]);
  });

  it("matches the definition over many events at many moments, ties on the start broken by id", async () => {
    // A deterministic spread: events every 7 hours over 60 days, lasting 0–5 days or without an end, some drafts, some sharing a start.
    for (let i = 0; i < 160; i++) {
      const startsAt = new Date(
        NOW.getTime() + (i % 2 === 0 ? -1 : 1) * Math.floor(i / 2) * 7 * HOUR - (i % 5 === 0 ? 0 : 0),
      );
      const endsAt = i % 4 === 0 ? null : new Date(startsAt.getTime() + (i % 6) * 23 * HOUR);
      await addEvent(startsAt, endsAt, i % 9 === 0 ? "draft" : "published");
      if (i % 17 === 0) await addEvent(startsAt, endsAt);
    }
    for (const offsetDays of [-30, -7.3, -1, 0, 0.5, 3, 12, 29, 40]) {
      const at = new Date(NOW.getTime() + offsetDays * DAY);
      for (const limit of [1, 3, 8]) {
        expect(
          (await listNextEvents(handle.db, limit, at)).map((e) => e.slug),
          `${offsetDays} days, ${limit}`,
        ).toEqual(await expected(limit, at));
      }
    }
  });
});

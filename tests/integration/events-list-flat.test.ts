import { CompiledQuery, sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { EventKind } from "#app/db/tables/clearing-house.ts";
import {
  listEvents,
  listLatestPastEvents,
  type EventListQuery,
} from "#app/modules/clearing-house/events/events.queries.server.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * Issue 18 (decision 076): the events list (`/api/v1/events`, `/{lang}/events`) found its upcoming page
 * by walking every published event from the oldest and removing the past ones, and counted every
 * published event. Now the upcoming set is selected first through two index ranges and the page and
 * total come from it. Checked here: the lists against their definition computed in JavaScript, for
 * every filter, page and both directions; and, on the database's own plan (EXPLAIN ANALYZE), that the
 * rows the upcoming list reads from `event` do not grow with the past events.
 */

const NOW = new Date("2026-06-15T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KINDS: EventKind[] = ["informative_session", "sector_meeting", "training", "other"];
const MUNICIPALITIES = ["20", "34", "05"];

let handle: DatabaseHandle;
let organisations: number[];
const captured: CompiledQuery[] = [];
/** Records the SQL of every statement run through `capturing`. */
let capturing: DatabaseHandle["db"];

beforeAll(async () => {
  handle = await createTestDatabase();
  organisations = (await handle.db.selectFrom("organisation").select("id").orderBy("id").limit(3).execute()).map(
    (o) => o.id,
  );
  await handle.db.deleteFrom("event").execute();
  // Every query built is compiled here; only those executed (their results come back) are recorded.
  const compiled = new Map<unknown, CompiledQuery>();
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      compiled.set(args.queryId, handle.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => {
      const statement = compiled.get(args.queryId);
      if (statement) captured.push(statement);
      compiled.delete(args.queryId);
      return args.result;
    },
  };
  capturing = handle.db.withPlugin(capture);
});
afterAll(() => handle.close());

let counter = 0;
/** Adds `count` events: the i-th starts at `start(i)`, lasts `length(i)` (null: no end); kinds, places, organisers and drafts spread. */
async function addEvents(count: number, start: (i: number) => Date, length: (i: number) => number | null) {
  const rows = Array.from({ length: count }, (_, i) => {
    counter += 1;
    const startsAt = start(i);
    const lasts = length(i);
    return {
      slug: `flat-event-${counter}`,
      kind: KINDS[counter % KINDS.length]!,
      title: { en: `Event ${counter}` },
      original_locale: "en" as const,
      starts_at: startsAt,
      ends_at: lasts === null ? null : new Date(startsAt.getTime() + lasts),
      kas_code: counter % 4 === 3 ? null : MUNICIPALITIES[counter % MUNICIPALITIES.length]!,
      organisation_id: organisations[0]!,
      status: counter % 11 === 0 ? ("draft" as const) : ("published" as const),
      published_at: startsAt,
    };
  });
  for (let from = 0; from < rows.length; from += 500) {
    const inserted = await handle.db
      .insertInto("event")
      .values(rows.slice(from, from + 500))
      .returning("id")
      .execute();
    await handle.db
      .insertInto("event_organisation")
      .values(
        inserted.map((e, i) => ({
          event_id: e.id,
          organisation_id: organisations[(from + i) % organisations.length]!,
          role: (from + i) % 2 === 0 ? ("organiser" as const) : ("participant" as const),
        })),
      )
      .execute();
  }
}

/** The list's definition, over every event, independently of the query. */
async function expected(query: EventListQuery, now: Date): Promise<{ slugs: string[]; total: number }> {
  const rows = await handle.db.selectFrom("event").selectAll().execute();
  const links = await handle.db.selectFrom("event_organisation").selectAll().execute();
  const matching = rows
    .filter((r) => r.status === "published")
    .filter((r) => (r.ends_at ?? r.starts_at).getTime() >= now.getTime() === (query.when === "upcoming"))
    .filter((r) => !query.kind || r.kind === query.kind)
    .filter((r) => !query.municipality || r.kas_code === query.municipality)
    .filter(
      (r) =>
        !query.organisationId || links.some((l) => l.event_id === r.id && l.organisation_id === query.organisationId),
    )
    .sort(
      (a, b) => (query.when === "upcoming" ? 1 : -1) * (a.starts_at.getTime() - b.starts_at.getTime()) || a.id - b.id,
    );
  const from = (query.page - 1) * query.pageSize;
  return { slugs: matching.slice(from, from + query.pageSize).map((r) => r.slug), total: matching.length };
}

/** Rows the statement's plan read from `event` (returned plus removed by a filter or a recheck, every loop). */
function eventRowsRead(plan: Record<string, unknown>): number {
  let read = 0;
  if (plan["Relation Name"] === "event") {
    const rows =
      Number(plan["Actual Rows"] ?? 0) +
      Number(plan["Rows Removed by Filter"] ?? 0) +
      Number(plan["Rows Removed by Index Recheck"] ?? 0);
    read += rows * Number(plan["Actual Loops"] ?? 1);
  }
  for (const child of (plan["Plans"] as Record<string, unknown>[] | undefined) ?? []) read += eventRowsRead(child);
  return read;
}

/** Runs `list` through the capturing handle and returns what the plans of its statements read from `event`. */
async function rowsReadBy(list: (db: DatabaseHandle["db"]) => Promise<unknown>): Promise<number> {
  captured.length = 0;
  await list(capturing);
  let read = 0;
  for (const statement of captured.splice(0)) {
    const result = await handle.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`explain (analyze, format json) ${statement.sql}`, [...statement.parameters]),
    );
    const cell = Object.values(result.rows[0]!)[0];
    const document = (typeof cell === "string" ? JSON.parse(cell) : cell) as { Plan: Record<string, unknown> }[];
    read += eventRowsRead(document[0]!.Plan);
  }
  return read;
}

const FILTERS: Omit<EventListQuery, "when" | "page" | "pageSize">[] = [
  {},
  { kind: "training" },
  { municipality: "20" },
  { organisationId: 0 },
  { kind: "sector_meeting", municipality: "34" },
];

describe("the events list", () => {
  it("matches its definition for every filter, page and direction, with running and open-ended events", async () => {
    // Past events over two years, events running now (one began 300 days ago), upcoming ones, some without an end.
    await addEvents(
      120,
      (i) => new Date(NOW.getTime() - (i + 1) * 6 * DAY),
      (i) => (i % 3 === 0 ? null : 2 * HOUR),
    );
    await addEvents(
      6,
      (i) => new Date(NOW.getTime() - (i === 0 ? 300 : i) * DAY),
      (i) => (i === 0 ? 310 : i + 1) * DAY,
    );
    await addEvents(
      2,
      () => NOW,
      (i) => (i === 0 ? null : HOUR),
    );
    await addEvents(
      30,
      (i) => new Date(NOW.getTime() + Math.floor(i / 2) * DAY + HOUR),
      (i) => (i % 4 === 0 ? null : HOUR),
    );
    for (const filters of FILTERS) {
      const filter = { ...filters, organisationId: filters.organisationId === 0 ? organisations[1] : undefined };
      for (const when of ["upcoming", "past"] as const) {
        for (const page of [1, 2, 3, 40]) {
          const query: EventListQuery = { ...filter, when, page, pageSize: 7 };
          const got = await listEvents(handle.db, query, NOW);
          const want = await expected(query, NOW);
          expect({ slugs: got.items.map((e) => e.slug), total: got.total }, `${JSON.stringify(query)}`).toEqual(want);
        }
      }
      const latest = await listLatestPastEvents(handle.db, filter, 3, NOW);
      expect(latest.map((e) => e.slug)).toEqual(
        (await expected({ ...filter, when: "past", page: 1, pageSize: 3 }, NOW)).slugs,
      );
    }
    // A moment later, the events that were running have ended for some, and one that started at NOW without an end is past.
    const later = new Date(NOW.getTime() + 2 * DAY);
    const got = await listEvents(handle.db, { when: "upcoming", page: 1, pageSize: 50 }, later);
    expect({ slugs: got.items.map((e) => e.slug), total: got.total }).toEqual(
      await expected({ when: "upcoming", page: 1, pageSize: 50 }, later),
    );
  });

  it("answers an upcoming page and its total reading no more rows of event when past events grow tenfold", async () => {
    const query: EventListQuery = { when: "upcoming", page: 1, pageSize: 20 };
    await sql`analyze event`.execute(handle.db);
    const before = await rowsReadBy((db) => listEvents(db, query, NOW));
    const upcoming = (await listEvents(handle.db, query, NOW)).total;
    // Ten times the past events (what ×10 adds: 1,131 past events against 79 ahead).
    await addEvents(
      1500,
      (i) => new Date(NOW.getTime() - (i + 1) * 2 * HOUR - 30 * DAY),
      () => HOUR,
    );
    await sql`analyze event`.execute(handle.db);
    const after = await rowsReadBy((db) => listEvents(db, query, NOW));
    expect((await listEvents(handle.db, query, NOW)).total).toBe(upcoming);
    // The upcoming set is read (at most twice: each of its two ranges may meet an upcoming event), never the past.
    expect(after, `rows of event read: ${before} before the past events grew, ${after} after`).toBeLessThanOrEqual(
      Math.max(before, 3 * upcoming + query.pageSize),
    );
    for (const filters of FILTERS.slice(1)) {
      const filter = { ...filters, organisationId: filters.organisationId === 0 ? organisations[1] : undefined };
      const read = await rowsReadBy((db) => listEvents(db, { ...query, ...filter }, NOW));
      expect(read, `${JSON.stringify(filter)}: rows of event read`).toBeLessThanOrEqual(3 * upcoming + query.pageSize);
    }
  });
});

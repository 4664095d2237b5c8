import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { listRecommendations } from "#app/modules/clearing-house/events/events.queries.server.ts";
import { RECOMMENDATION_STATUSES } from "#app/modules/clearing-house/events/events.schema.ts";
import { insertTestEvent } from "../support/event-factory.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * The recommendations list (decision 044): the page is chosen over the recommendations and their
 * events alone, then only its rows are joined and built. Checked against the list's definition
 * computed here in JavaScript: published events only (or the given owners, whatever the event's
 * status), the status, owner and overdue filters, open and in-progress first, then the due date,
 * the id breaking ties; every page, and each row's owner and measure.
 */

const TODAY = "2026-06-15";
let handle: DatabaseHandle;
let owners: { id: number; slug: string }[];
let measureId: number | null;
const recommendations: {
  id: number;
  eventPublished: boolean;
  owner: number;
  status: string;
  due: string;
  measure: number | null;
}[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  owners = await db.selectFrom("organisation").select(["id", "slug"]).orderBy("id").limit(4).execute();
  measureId = (await db.selectFrom("measure").select("id").orderBy("id").executeTakeFirst())?.id ?? null;
  const events: { id: number; published: boolean }[] = [];
  for (const [i, status] of (["published", "published", "draft"] as const).entries()) {
    const id = await insertTestEvent(db, {
      slug: `recommendations-page-${i}`,
      kind: "sector_meeting",
      title: `Meeting ${i}`,
      startsAt: new Date(`2026-0${i + 1}-10T09:00:00Z`),
      organisationId: owners[0]!.id,
      status,
    });
    events.push({ id, published: status === "published" });
  }
  // A deterministic spread over events, owners, statuses and due dates, with repeated due dates.
  for (let i = 0; i < 75; i++) {
    const event = events[i % 3]!;
    const owner = owners[(i * 7) % owners.length]!.id;
    const status = RECOMMENDATION_STATUSES[(i * 5) % 4]!;
    const due = `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 4) * 7).padStart(2, "0")}`;
    const measure = i % 4 === 0 ? measureId : null;
    const row = await db
      .insertInto("recommendation")
      .values({
        event_id: event.id,
        text: { en: `Recommendation ${i}` },
        original_locale: "en",
        owner_organisation_id: owner,
        due_date: due,
        status,
        status_note: status === "rejected" ? "Not in the mandate of this office." : null,
        measure_id: measure,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    recommendations.push({ id: row.id, eventPublished: event.published, owner, status, due, measure });
  }
});
afterAll(() => handle.close());

type Filter = {
  status?: (typeof RECOMMENDATION_STATUSES)[number];
  owner?: number;
  overdue: boolean;
  ownerIds?: number[];
};

function expected(filter: Filter): number[] {
  const open = (s: string) => s === "open" || s === "in_progress";
  return recommendations
    .filter((r) => (filter.ownerIds ? filter.ownerIds.includes(r.owner) : r.eventPublished))
    .filter((r) => !filter.status || r.status === filter.status)
    .filter((r) => !filter.owner || r.owner === filter.owner)
    .filter((r) => !filter.overdue || (open(r.status) && r.due < TODAY))
    .sort((a, b) => Number(!open(a.status)) - Number(!open(b.status)) || a.due.localeCompare(b.due) || a.id - b.id)
    .map((r) => r.id);
}

describe("listRecommendations", () => {
  it("gives every page of every filter in the list's order, with the total and each row's owner and measure", async () => {
    const filters: Filter[] = [
      { overdue: false },
      { overdue: true },
      { status: "done", overdue: false },
      { status: "open", overdue: false },
      { owner: owners[1]!.id, overdue: false },
      { ownerIds: [owners[0]!.id, owners[2]!.id], overdue: false },
      { ownerIds: [], overdue: false },
    ];
    for (const filter of filters) {
      const all = expected(filter);
      const pageSize = 7;
      const seen: number[] = [];
      for (let page = 1; page <= Math.max(1, Math.ceil(all.length / pageSize)) + 1; page++) {
        const { items, total } = await listRecommendations(handle.db, { ...filter, page, pageSize }, TODAY);
        expect(total, JSON.stringify(filter)).toBe(all.length);
        expect(items.map((r) => r.id)).toEqual(all.slice((page - 1) * pageSize, page * pageSize));
        for (const item of items) {
          const source = recommendations.find((r) => r.id === item.id)!;
          expect(item.owner.id).toBe(source.owner);
          expect(item.owner.slug).toBe(owners.find((o) => o.id === source.owner)!.slug);
          expect(item.measure?.id ?? null).toBe(source.measure);
          expect(item.dueDate).toBe(source.due);
          expect(item.eventSlug).toMatch(/^recommendations-page-\d$/);
        }
        seen.push(...items.map((r) => r.id));
      }
      expect(seen).toEqual(all);
    }
    expect(expected({ overdue: false }).length).toBeGreaterThan(20);
  });
});

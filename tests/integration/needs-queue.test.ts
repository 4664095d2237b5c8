import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { NEED_STATUSES, type NeedStatus } from "#app/db/tables/needs.ts";
import { applyBulkAction } from "#app/modules/needs/needs.handling.server.ts";
import {
  listQueue,
  QUEUE_COUNT_CAP,
  QUEUE_SEARCH_PAGE_CAP,
  QUEUE_SEARCH_WINDOW,
} from "#app/modules/needs/needs.queue.server.ts";
import { QueueQuerySchema } from "#app/modules/needs/workspace/needs-handling.schema.ts";
import * as queue from "#app/modules/needs/workspace/routes/cases-index.tsx";
import type { Actor } from "#app/services/authorization.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { expectWriteRolledBack } from "../support/rolled-back-write.ts";
import { setUpTestDatabase } from "../support/test-database.ts";
import { createTestUser, outcome, workspaceContext } from "../support/workspace-actors.ts";

/*
 * The triage queue at size (decision 021): the counter of cases per status kept by triggers, counts
 * that stop at QUEUE_COUNT_CAP, bounded paging and text-search counting, and a constant number of
 * queries whatever the filters and the number of cases. Timings are measured by bench/needs-queue.ts.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;
const handle = setUpTestDatabase();
let coordinator: SignedIn;

beforeAll(async () => {
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
});

const query = (search: string) => QueueQuerySchema.parse(Object.fromEntries(new URLSearchParams(search)));
const list = (search: string) => listQueue(handle.db, coordinator, query(search), 25);

async function exactCounts(): Promise<Record<string, number>> {
  const rows = await handle.db
    .selectFrom("need_case")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
async function counterTable(): Promise<Record<string, number>> {
  const rows = await handle.db.selectFrom("need_case_status_count").select(["status", "n"]).execute();
  return Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.status, Number(r.n)]));
}

/** Adds `count` cases in one statement (as many rows as the test needs, quickly). */
async function addCases(count: number, status: NeedStatus, description: string, category = "education"): Promise<void> {
  await sql`
    insert into need_case (reference, tracking_hash, category, kas_code, description, submitted_locale, status, status_changed_at, due_at, created_at, updated_at)
    select 'BULK-' || ${status} || '-' || g || '-' || md5(random()::text), md5(random()::text), ${category}, '20', ${description} || ' ' || g, 'en', ${status}, now(),
      case when ${status}::text in ('resolved', 'rejected', 'closed') then null else now() + interval '3 days' end, now() - g * interval '1 minute', now()
    from generate_series(1, ${count}) g`.execute(handle.db);
}

describe("the counter of cases per status", () => {
  it("follows inserts, status changes, deletes and rollbacks in the transaction of the write", async () => {
    const a = await createTestCase(handle.db, { status: "received" });
    const b = await createTestCase(handle.db, { status: "received" });
    await createTestCase(handle.db, { status: "resolved", dueAt: null });
    expect(await counterTable()).toEqual(await exactCounts());
    const done = await applyBulkAction(
      handle.db,
      { actor: coordinator, requestId: "test", publicUrl: "https://platform.example.org" },
      {
        caseIds: [a.id, b.id],
        bulkAction: "status",
        status: "in_review",
        category: undefined,
        organisationId: undefined,
      } as never,
    );
    expect(done).toMatchObject({ ok: true });
    expect(await counterTable()).toEqual(await exactCounts());
    await expectWriteRolledBack(handle.db, (trx) =>
      trx.updateTable("need_case").set({ status: "closed" }).where("id", "=", a.id).execute(),
    );
    expect(await counterTable()).toEqual(await exactCounts());
    await handle.db.deleteFrom("need_note").where("case_id", "=", b.id).execute();
    await handle.db.deleteFrom("need_status_change").where("case_id", "=", b.id).execute();
    await handle.db.deleteFrom("need_submitter").where("case_id", "=", b.id).execute();
    await handle.db.deleteFrom("need_case").where("id", "=", b.id).execute();
    expect(await counterTable()).toEqual(await exactCounts());
  });

  it("gives the unfiltered queue its exact counts", async () => {
    const page = await list("");
    const exact = await exactCounts();
    for (const status of NEED_STATUSES)
      expect(page.statusCounts[status]).toEqual({ count: exact[status] ?? 0, kind: "exact" });
    expect(page.total).toEqual({ count: Object.values(exact).reduce((a, b) => a + b, 0), kind: "exact" });
  });
});

describe("the queue beyond the count cap", () => {
  beforeAll(async () => {
    await addCases(QUEUE_COUNT_CAP + 5, "resolved", "heating of the school");
    await addCases(30, "received", "quince orchard flooded", "housing_property");
  });

  it("says 'more than 10,000' for a filtered status past the cap, and keeps small counts exact", async () => {
    const page = await list("category=education");
    expect(page.statusCounts.resolved).toEqual({ count: QUEUE_COUNT_CAP, kind: "moreThan" });
    expect(page.statusCounts.received.kind).toBe("exact");
    expect(page.total.kind).toBe("moreThan");
    expect(page.pageCount).toBe(QUEUE_COUNT_CAP / 25);
    const small = await list("category=housing_property");
    expect(small.total).toEqual({ count: 30, kind: "exact" });
    expect(small.items).toHaveLength(25);
    expect(small.pageCount).toBe(2);
  });

  it("pages no deeper than the first 10,000 matches", async () => {
    const deep = await list("page=8000");
    expect(deep.page).toBe(QUEUE_COUNT_CAP / 25);
    expect(deep.items).toHaveLength(25);
  });

  it("counts a text search among the latest cases, exactly when they are few, and pages through its first matches only", async () => {
    const rare = await list("q=quince+orchard");
    expect(rare.total).toEqual({ count: 30, kind: "atLeast" });
    expect(rare.items.every((i) => i.description.startsWith("quince orchard"))).toBe(true);
    const common = await list("q=heating");
    expect(common.total.kind).toBe("atLeast");
    expect(common.total.count).toBeLessThanOrEqual(QUEUE_SEARCH_WINDOW + 1);
    expect(common.pageCount).toBe(QUEUE_SEARCH_PAGE_CAP / 25);
    expect((await list("q=heating&page=100")).page).toBe(QUEUE_SEARCH_PAGE_CAP / 25);
    const few = await list("q=quince+orchard&status=received&municipality=20");
    expect(few.total).toEqual({ count: 30, kind: "atLeast" });
    const none = await list("q=nothing-like-this");
    expect(none.total).toEqual({ count: 0, kind: "exact" });
  });

  it("ignores a search term too short to be searched, and says so", async () => {
    const page = await list("q=ab");
    expect(page.searchIgnored).toBe(true);
    expect(page.total.kind).toBe("exact");
  });

  it("runs the same number of queries whatever the filter, sort or page", async () => {
    const counts = new Set<number>();
    for (const search of [
      "",
      "status=received",
      "category=education",
      "community=roma",
      "highProfile=1",
      "overdue=1&sort=due",
      "q=heating",
      "q=quince",
      "page=300&sort=updated",
      "municipality=20&category=education&sort=oldest",
    ]) {
      const { stats } = await withQueryStats(() =>
        outcome(
          (queue.loader as (args: unknown) => Promise<unknown>)({
            request: new Request(`http://localhost/en/workspace/needs?${search}`),
            params: { lang: "en" },
            context: workspaceContext(handle.db, coordinator),
          }),
        ),
      );
      counts.add(stats.queries);
    }
    expect([...counts]).toHaveLength(1);
  });
});

import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { applyBulkAction, changeCaseStatus, mergeCase } from "#app/modules/needs/needs.handling.server.ts";
import { loadNeedCounts } from "#app/modules/needs/needs.stats.server.ts";
import * as statsPage from "#app/modules/needs/public/routes/needs-stats.tsx";
import type { Actor } from "#app/services/authorization.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { recomputedNeedSummary, storedNeedSummary } from "../support/needs-summary.ts";
import { expectWriteRolledBack } from "../support/rolled-back-write.ts";
import { setUpTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * The public statistics read counters and a resolution histogram kept by triggers (migration 0035,
 * decision 044). After every kind of write the platform makes (single cases, bulk inserts, status
 * changes through the commands, bulk actions, merges, recategorising, history inserted out of order,
 * edited and deleted, a rollback, deleted cases, TRUNCATE), they must equal a recomputation from the
 * cases and their status history; the median from the histogram must stay within half a bucket
 * (0.05 day below 100 days, half a day beyond) of the exact median.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;
const DAY = 86_400_000;
const handle = setUpTestDatabase();
let coordinator: SignedIn;

beforeAll(async () => {
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
});

const audit = () => ({ actor: coordinator, requestId: "test", publicUrl: "https://platform.example.org" });

/** A case's reference and current version (for the next command on it). */
const caseRow = (id: number) =>
  handle.db
    .selectFrom("need_case")
    .select(["id", "reference", "version"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

/** Moves a case to `status` through the command, at its current version. */
async function changeStatus(caseId: number, status: "in_review" | "resolved"): Promise<void> {
  const { version } = await caseRow(caseId);
  expect(await changeCaseStatus(handle.db, audit(), caseId, { version, status, publicNote: null })).toMatchObject({
    ok: true,
  });
}

/** Applies a bulk action from the queue: a status or a category for the given cases. */
async function bulkAction(
  caseIds: number[],
  change: { status: "in_review" | "resolved" } | { category: "discrimination" },
) {
  const bulk = "status" in change ? "status" : "categorise";
  const input = {
    caseIds,
    bulkAction: bulk,
    status: undefined,
    category: undefined,
    organisationId: undefined,
    ...change,
  };
  expect(await applyBulkAction(handle.db, audit(), input as never)).toMatchObject({ ok: true });
}

/** Records a resolution of a case `daysAgo` days ago, straight into its history. */
const insertResolution = (caseId: number, daysAgo: number) =>
  handle.db
    .insertInto("need_status_change")
    .values({
      case_id: caseId,
      from_status: "in_review",
      to_status: "resolved",
      created_at: new Date(Date.now() - daysAgo * DAY),
    })
    .execute();

/** Asserts the stored summary equals the recomputation, and the median estimate is within half a bucket of the exact one. */
async function expectSummaryExact(step: string): Promise<void> {
  const stored = await storedNeedSummary(handle.db);
  const recomputed = await recomputedNeedSummary(handle.db);
  expect(stored.counts, `${step}: counts`).toEqual(recomputed.counts);
  expect(stored.resolution, `${step}: resolution histogram`).toEqual(recomputed.resolution);
  const counts = await loadNeedCounts(handle.db);
  expect(counts.resolvedCount, `${step}: resolved`).toBe(recomputed.resolutionSeconds.length);
  const exact = await sql<{ median: number | string | null }>`
    select percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - c.created_at)) as median
    from need_case c
    join (select case_id, min(created_at) as resolved_at from need_status_change where to_status = 'resolved' group by case_id) r on r.case_id = c.id
    where c.merged_into_id is null`.execute(handle.db);
  const median = exact.rows[0]?.median;
  if (median === null || median === undefined) expect(counts.medianResolutionSeconds, `${step}: median`).toBeNull();
  else {
    // Half a bucket (a tenth of a day below 100 days, a day from there) for each of the two middle values.
    const sorted = [...recomputed.resolutionSeconds].sort((a, b) => a - b);
    const halfWidth = (seconds: number) => (seconds < 100 * 86_400 ? 0.05 : 0.5) * 86_400;
    const middle = (sorted.length - 1) / 2;
    const bound = (halfWidth(sorted[Math.floor(middle)]!) + halfWidth(sorted[Math.ceil(middle)]!)) / 2;
    expect(
      Math.abs(counts.medianResolutionSeconds! - Number(median)),
      `${step}: median ${counts.medianResolutionSeconds} vs ${median}`,
    ).toBeLessThanOrEqual(bound + 1e-6);
  }
}

/** Adds `count` cases in one statement, spread over categories, municipalities, communities (some unstated) and demo flags. */
async function addBulkCases(count: number, status: string, ageDays: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    insert into need_case (reference, tracking_hash, category, kas_code, community_code, description, submitted_locale, status, status_changed_at, due_at, is_demo, created_at, updated_at)
    select 'SUM-' || ${status} || '-' || g || '-' || md5(random()::text), md5(random()::text),
      (array['education', 'health', 'housing_property', 'other'])[1 + g % 4], (array['20', '01', '34'])[1 + g % 3],
      (array['roma', 'serb', null, 'gorani', 'turkish'])[1 + g % 5], 'Case ' || g, 'en', ${status}, now(),
      case when ${status}::text in ('resolved', 'rejected', 'closed') then null else now() + interval '3 days' end,
      g % 7 = 0, now() - (${ageDays} * interval '1 day') - g * interval '37 minutes', now()
    from generate_series(1, ${count}) g
    returning id`.execute(handle.db);
  return rows.rows.map((r) => r.id);
}

describe("the public needs counters and the resolution histogram", () => {
  it("equal a recomputation from the cases after a mixed series of writes", async () => {
    await expectSummaryExact("empty");

    // Single cases through the factory, one with a community, one resolved with its history.
    const single = await createTestCase(handle.db, { category: "health", kasCode: "01" });
    const old = await createTestCase(handle.db, {
      category: "security",
      kasCode: "34",
      createdAt: new Date(Date.now() - 250 * DAY),
    });
    await expectSummaryExact("single cases");

    // Bulk inserts in one statement each, with their resolutions in one statement: short, long (over 100 days) and out of order.
    const received = await addBulkCases(60, "received", 2);
    const resolved = await addBulkCases(40, "resolved", 130);
    await sql`
      insert into need_status_change (case_id, from_status, to_status, created_at)
      select c.id, 'in_review', 'resolved', c.created_at + (c.id % 150) * interval '1 day' + (c.id % 24) * interval '1 hour'
      from need_case c where c.id = any(${resolved})`.execute(handle.db);
    await expectSummaryExact("bulk inserts");

    // Status changes through the commands: to resolved (a new first resolution), back to review and resolved again (the first one stays).
    for (const status of ["in_review", "resolved", "in_review"] as const) await changeStatus(old.id, status);
    await expectSummaryExact("command status changes");

    // Bulk actions: a status for ten cases, then a new category for five.
    await bulkAction(received.slice(0, 10), { status: "in_review" });
    await bulkAction(received.slice(0, 5), { status: "resolved" });
    await bulkAction(received.slice(10, 15), { category: "discrimination" });
    await expectSummaryExact("bulk actions");

    // A merge: the duplicate (resolved, with history) leaves every table; then its target is merged too, taking the first along.
    const duplicate = await caseRow(received[0]!);
    const target = await caseRow(received[20]!);
    expect(
      await mergeCase(handle.db, audit(), duplicate.id, { version: duplicate.version, target: target.reference }),
    ).toMatchObject({ ok: true });
    const [target2, again] = [await caseRow(single.id), await caseRow(target.id)];
    expect(
      await mergeCase(handle.db, audit(), target.id, { version: again.version, target: target2.reference }),
    ).toMatchObject({ ok: true });
    await expectSummaryExact("merges");

    // History written out of order: an earlier resolution moves the first one; editing and deleting history moves it back.
    await insertResolution(resolved[3]!, 129);
    await insertResolution(received[30]!, 3);
    await expectSummaryExact("history inserted out of order");
    await sql`update need_status_change set created_at = created_at + interval '12 days' where case_id = any(${resolved.slice(0, 10)})`.execute(
      handle.db,
    );
    await sql`update need_status_change set to_status = 'in_progress' where case_id = ${resolved[11]!}`.execute(
      handle.db,
    );
    await expectSummaryExact("history edited");
    await handle.db.deleteFrom("need_status_change").where("case_id", "in", resolved.slice(3, 8)).execute();
    await expectSummaryExact("history deleted");

    // The demo flag and the community change on an update of several rows.
    await sql`update need_case set is_demo = not is_demo, community_code = case when community_code is null then 'ashkali' else null end where id = any(${received.slice(40, 55)})`.execute(
      handle.db,
    );
    await expectSummaryExact("demo flag and community");

    // A rolled-back write leaves no trace.
    const before = await storedNeedSummary(handle.db);
    await expectWriteRolledBack(handle.db, async (trx) => {
      await trx
        .updateTable("need_case")
        .set({ status: "closed", merged_into_id: null, category: "other" })
        .where("id", "in", received)
        .execute();
      await trx
        .insertInto("need_status_change")
        .values({ case_id: received[50]!, to_status: "resolved", created_at: new Date() })
        .execute();
    });
    expect(await storedNeedSummary(handle.db)).toEqual(before);
    await expectSummaryExact("rollback");

    // Deleting cases (their history goes with them by cascade).
    await handle.db
      .deleteFrom("need_case")
      .where("id", "in", [...resolved.slice(20, 30), ...received.slice(50, 60)])
      .execute();
    await expectSummaryExact("cases deleted");
    const counts = await loadNeedCounts(handle.db);
    expect(counts.total).toBeGreaterThan(50);
    expect(counts.resolvedCount).toBeGreaterThan(20);

    // TRUNCATE empties the summaries with the cases.
    await sql`truncate need_case cascade`.execute(handle.db);
    expect(await storedNeedSummary(handle.db)).toEqual({ counts: {}, resolution: {} });
    await expectSummaryExact("truncate");
  });

  it("are what the page reads, in one statement, and its median follows the resolved cases", async () => {
    await sql`truncate need_case cascade`.execute(handle.db);
    const ids = await addBulkCases(12, "resolved", 20);
    await sql`
      insert into need_status_change (case_id, to_status, created_at)
      select c.id, 'resolved', c.created_at + (c.id % 9) * interval '1 day' + interval '6 hours' from need_case c where c.id = any(${ids})`.execute(
      handle.db,
    );
    const { result, stats } = await withQueryStats(() => loadNeedCounts(handle.db));
    expect(stats.queries).toBe(1);
    expect(result.total).toBe(12);
    const exact = await sql<{ median: number | string }>`
      select percentile_cont(0.5) within group (order by extract(epoch from s.created_at - c.created_at)) as median
      from need_case c join need_status_change s on s.case_id = c.id`.execute(handle.db);
    const days = Number(exact.rows[0]!.median) / 86_400;
    const data = await statsPage.loader({
      request: new Request("http://localhost/en/needs"),
      params: { lang: "en" },
      context: { db: handle.db },
    } as never);
    expect(Math.abs(Number(data.median) - days)).toBeLessThanOrEqual(0.1);
  });
});

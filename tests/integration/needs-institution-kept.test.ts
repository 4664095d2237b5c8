import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DatabaseHandle } from "#app/db/client.server.ts";
import { NEED_STATUSES } from "#app/db/tables/needs.ts";
import { applyBulkAction } from "#app/modules/needs/needs.handling.server.ts";
import { listQueue } from "#app/modules/needs/needs.queue.server.ts";
import { needsTasks } from "#app/modules/needs/needs.tasks.server.ts";
import { QueueQuerySchema } from "#app/modules/needs/workspace/needs-handling.schema.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestCase } from "../support/needs-factory.ts";
import { activeOrganisations } from "../support/organisation-ids.ts";
import { secondInstance } from "../support/plan-instances.ts";
import { expectWriteRolledBack } from "../support/rolled-back-write.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * An institution's counts in the needs workspace (decision 065, migration 0053): each referral keeps a
 * copy of its case's status and deadline, written by triggers, and the focal point's queue counts per
 * status and dashboard tasks (overdue referrals, nearest deadline) are read from those copies. What must
 * hold: after any write — a command, direct SQL on either table, a rolled-back transaction — the next
 * read on any instance (its own database object) gives what the cases themselves say.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;
let handle: DatabaseHandle;
let otherInstance: Db;
let coordinator: SignedIn;
let focal: SignedIn;
let organisationId: number;
const audit = () => ({ actor: coordinator, requestId: "test", publicUrl: "https://platform.example.org" });
const DAY = 86_400_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  otherInstance = secondInstance(handle.db);
  organisationId = (await activeOrganisations(handle.db, 1))[0]!.id;
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId }]);
});
afterAll(() => handle.close());

/** The institution's cases per status, read from the cases themselves (the query before decision 065). */
async function exactCounts(): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; n: string }>`
    select c.status, count(*) as n from need_case c
    where c.id in (select r.case_id from need_referral r where r.organisation_id = ${organisationId} and r.status <> 'returned')
    group by c.status`.execute(handle.db);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Overdue open referrals and the nearest deadline, read from the cases themselves. */
async function exactTasks(): Promise<{ overdue: number; nextDue: string | null }> {
  const { rows } = await sql<{ overdue: string; next_due: Date | null }>`
    select
      (select count(*) from need_case c where c.id in (select r.case_id from need_referral r where r.organisation_id = ${organisationId} and r.status in ('pending', 'accepted'))
        and c.due_at < now() and c.status not in ('resolved', 'rejected', 'closed')) as overdue,
      (select min(c.due_at) from need_case c where c.id in (select r.case_id from need_referral r where r.organisation_id = ${organisationId} and r.status in ('pending', 'accepted'))
        and c.status not in ('resolved', 'rejected', 'closed')) as next_due`.execute(handle.db);
  const row = rows[0]!;
  return { overdue: Number(row.overdue), nextDue: row.next_due ? new Date(row.next_due).toISOString() : null };
}

/** The focal point's queue counts per status (pages of one row, so the counts are not taken from the rows). */
async function queueCounts(db: Db): Promise<Record<string, number>> {
  const page = await listQueue(db, focal, QueueQuerySchema.parse({}), 1);
  const counts: Record<string, number> = {};
  for (const status of NEED_STATUSES) {
    expect(page.statusCounts[status].kind).toBe("exact");
    if (page.statusCounts[status].count > 0) counts[status] = page.statusCounts[status].count;
  }
  return counts;
}

/** The focal point's dashboard tasks of the needs module, as figures. */
async function tasks(db: Db): Promise<{ overdue: number; nextDue: string | null }> {
  const all = await needsTasks(db, focal);
  const overdue = all.find((t) => t.key === "needs.overdueReferrals");
  const pending = all.find((t) => t.key === "needs.pendingReferrals");
  return { overdue: Number(overdue?.params?.count ?? 0), nextDue: pending?.dueDate ?? null };
}

/** Both instances read what the cases say. */
async function expectKept(): Promise<void> {
  const counts = await exactCounts();
  const due = await exactTasks();
  for (const db of [handle.db, otherInstance]) {
    expect(await queueCounts(db)).toEqual(counts);
    const read = await tasks(db);
    expect(read.overdue).toBe(due.overdue);
    // The nearest deadline is shown with the pending referrals only.
    if (read.nextDue !== null) expect(read.nextDue).toBe(due.nextDue);
  }
}

describe("an institution's counts, from the copies its referrals keep", () => {
  it("follow commands, direct SQL on cases and referrals, deletions and rollbacks", async () => {
    const a = await createTestCase(handle.db, { status: "in_review" });
    const b = await createTestCase(handle.db, { status: "in_review", dueAt: new Date(Date.now() + 5 * DAY) });
    const c = await createTestCase(handle.db, { status: "in_review", dueAt: new Date(Date.now() - 2 * DAY) });
    const d = await createTestCase(handle.db, { status: "received" });
    await expectKept();

    // Referred through the command: the referral is made while the case is "in review", then the case is "referred".
    const referred = await applyBulkAction(handle.db, audit(), {
      caseIds: [a.id, b.id, c.id],
      bulkAction: "refer",
      organisationId,
      status: undefined,
      category: undefined,
    } as never);
    expect(referred).toMatchObject({ ok: true });
    expect(await queueCounts(handle.db)).toEqual({ referred: 3 });
    await expectKept();

    // A referral written by direct SQL takes its case's status and deadline.
    await sql`insert into need_referral (case_id, organisation_id) values (${d.id}, ${organisationId})`.execute(
      handle.db,
    );
    expect(await queueCounts(otherInstance)).toEqual({ referred: 3, received: 1 });
    await expectKept();

    // A case's status and deadline changed by direct SQL reach its referrals.
    await sql`update need_case set status = 'in_progress' where id = ${a.id}`.execute(handle.db);
    await sql`update need_case set due_at = now() - interval '3 days' where id = ${b.id}`.execute(handle.db);
    expect(await queueCounts(otherInstance)).toEqual({ referred: 2, in_progress: 1, received: 1 });
    expect((await tasks(otherInstance)).overdue).toBeGreaterThan(0);
    await expectKept();

    // A finished case is no longer overdue; a referral sent back no longer counts.
    await sql`update need_case set status = 'resolved', due_at = null where id = ${c.id}`.execute(handle.db);
    await sql`update need_referral set status = 'returned' where case_id = ${d.id}`.execute(handle.db);
    expect(await queueCounts(handle.db)).toEqual({ referred: 1, in_progress: 1, resolved: 1 });
    await expectKept();

    // A second referral of the same case to the same institution counts the case once.
    await sql`insert into need_referral (case_id, organisation_id, status) values (${a.id}, ${organisationId}, 'accepted')`.execute(
      handle.db,
    );
    expect(await queueCounts(handle.db)).toEqual({ referred: 1, in_progress: 1, resolved: 1 });
    await expectKept();

    // A rolled-back write leaves the copies as they were.
    await expectWriteRolledBack(handle.db, (trx) =>
      trx.updateTable("need_case").set({ status: "closed" }).where("id", "=", b.id).execute(),
    );
    await expectKept();

    // A deleted case takes its referrals with it.
    for (const table of ["need_note", "need_status_change", "need_submitter"] as const)
      await handle.db.deleteFrom(table).where("case_id", "=", b.id).execute();
    await handle.db.deleteFrom("need_case").where("id", "=", b.id).execute();
    expect(await queueCounts(otherInstance)).toEqual({ in_progress: 1, resolved: 1 });
    await expectKept();
  });

  it("pages the institution's cases newest or oldest first as the cases say, each case once", async () => {
    const base = Date.now() - 30 * DAY;
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await createTestCase(handle.db, { referredTo: organisationId, createdAt: new Date(base + i * DAY) }));
    // Referred twice, and one case's submission time corrected by direct SQL.
    await sql`insert into need_referral (case_id, organisation_id, status) values (${made[1]!.id}, ${organisationId}, 'accepted')`.execute(
      handle.db,
    );
    await sql`update need_case set created_at = now() - interval '40 days' where id = ${made[4]!.id}`.execute(
      handle.db,
    );
    for (const sort of ["newest", "oldest"] as const) {
      const { rows } = await sql<{ id: number }>`
        select c.id from need_case c
        where c.id in (select r.case_id from need_referral r where r.organisation_id = ${organisationId} and r.status <> 'returned')
        order by c.created_at ${sql.raw(sort === "newest" ? "desc" : "asc")}, c.id ${sql.raw(sort === "newest" ? "desc" : "asc")}`.execute(
        handle.db,
      );
      const shown: number[] = [];
      for (let page = 1; page <= Math.ceil(rows.length / 2); page++) {
        const read = await listQueue(otherInstance, focal, QueueQuerySchema.parse({ sort, page: String(page) }), 2);
        shown.push(...read.items.map((i) => i.id));
      }
      expect(shown).toEqual(rows.map((r) => r.id));
    }
  });

  it("leaves no referral with another status, deadline or submission time than its case's", async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from need_referral r join need_case c on c.id = r.case_id
      where r.case_status is distinct from c.status or r.case_due_at is distinct from c.due_at
        or r.case_created_at is distinct from c.created_at`.execute(handle.db);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

import { sql, type Kysely } from "kysely";
import { createKeyedTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { createTransitionTriggers, dropTransitionTriggers } from "./shared/transition-triggers.ts";

/*
 * The triage queue at 200,000 cases (decision 021): a counter of cases per status kept by
 * statement-level triggers in the transaction of every write to need_case (the unfiltered queue
 * reads its per-status counts from it), and indexes for every filter and sort the queue offers
 * (high profile, overdue, community, "recently changed first", "nearest deadline first"), in place
 * of two that these make redundant.
 */
const FINISHED = sql.raw("('resolved', 'rejected', 'closed')");

/** The function `need_case_count_after_<kind>()`: adds the (status, delta) rows `deltas` selects to the counters. */
async function createCountFunction(
  db: Kysely<unknown>,
  kind: "insert" | "update" | "delete",
  deltas: string,
): Promise<void> {
  await sql
    .raw(
      `create function need_case_count_after_${kind}() returns trigger language plpgsql as $$
    begin
      insert into need_case_status_count (status, n)
        ${deltas}
        on conflict (status) do update set n = need_case_status_count.n + excluded.n;
      return null;
    end $$`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createKeyedTable(db, "need_case_status_count", "status", "text")
    .addColumn("n", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  // One function per kind of statement (their transition tables differ). Rows are upserted in
  // status order, so two transactions never lock the same counters in opposite orders.
  await createCountFunction(db, "insert", "select status, count(*) from new_rows group by status order by status");
  await createCountFunction(db, "delete", "select status, -count(*) from old_rows group by status order by status");
  await createCountFunction(
    db,
    "update",
    `select status, sum(delta) from (
          select status, 1 as delta from new_rows
          union all
          select status, -1 as delta from old_rows
        ) d group by status having sum(delta) <> 0 order by status`,
  );
  await sql`
    create function need_case_count_after_truncate() returns trigger language plpgsql as $$
    begin
      delete from need_case_status_count;
      return null;
    end $$`.execute(db);
  await createTransitionTriggers(db, "need_case_count", "need_case");
  await sql`insert into need_case_status_count (status, n) select status, count(*) from need_case group by status`.execute(
    db,
  );

  await sql`create index need_case_high_profile_idx on need_case (created_at desc, id desc) where is_high_profile`.execute(
    db,
  );
  await sql`create index need_case_high_profile_status_idx on need_case (status) where is_high_profile`.execute(db);
  await sql`create index need_case_status_due_idx on need_case (status, due_at asc nulls last, id asc)`.execute(db);
  await sql`create index need_case_open_due_order_idx on need_case (due_at, id) where status not in ${FINISHED}`.execute(
    db,
  );
  await sql`create index need_case_due_order_idx on need_case (due_at asc nulls last, id asc)`.execute(db);
  await sql`create index need_case_updated_idx on need_case (updated_at desc, id desc)`.execute(db);
  await sql`create index need_case_community_idx on need_case (community_code, status)`.execute(db);
  // The self-reference of merged duplicates: the foreign-key check of every delete, and a case's duplicates.
  await sql`create index need_case_merged_into_idx on need_case (merged_into_id) where merged_into_id is not null`.execute(
    db,
  );
  // Covered by the indexes above and need_case_queue_idx (0015): one index fewer to write each.
  await sql`drop index if exists need_case_due_idx`.execute(db);
  await sql`drop index if exists need_case_created_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createIndexes(db, "need_case", { need_case_created_idx: ["created_at"] });
  await sql`create index need_case_due_idx on need_case (due_at) where due_at is not null and status not in ${FINISHED}`.execute(
    db,
  );
  for (const index of [
    "need_case_merged_into_idx",
    "need_case_community_idx",
    "need_case_updated_idx",
    "need_case_due_order_idx",
    "need_case_open_due_order_idx",
    "need_case_status_due_idx",
    "need_case_high_profile_status_idx",
    "need_case_high_profile_idx",
  ]) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
  await dropTransitionTriggers(db, "need_case_count", "need_case");
  await db.schema.dropTable("need_case_status_count").execute();
}

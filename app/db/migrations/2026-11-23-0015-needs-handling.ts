import { sql, type Kysely } from "kysely";
import { createKeyedTable } from "./shared/identity-table.ts";

/**
 * The handling side of community needs: the weeks for which the digest to the Prime Minister's
 * office was sent (so it goes out once per week, whichever process runs the job), and indexes for
 * the triage queue's default order and the retention job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createKeyedTable(db, "need_digest_week", "week", "text")
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("recipients", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index need_case_queue_idx on need_case (created_at desc, id desc)`.execute(db);
  await sql`create index need_case_finished_idx on need_case ((coalesce(closed_at, status_changed_at))) where status in ('resolved', 'rejected', 'closed')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists need_case_finished_idx`.execute(db);
  await sql`drop index if exists need_case_queue_idx`.execute(db);
  await db.schema.dropTable("need_digest_week").execute();
}

import { sql, type Kysely } from "kysely";

/**
 * The home page's next events (decision 044): the events still running are found through the end of
 * the published events that have one, so the page no longer reads every past event to skip it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index event_published_end_idx on event (ends_at) where status = 'published' and ends_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists event_published_end_idx`.execute(db);
}

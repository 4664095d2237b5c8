import { sql, type Kysely } from "kysely";

/**
 * The published lists' order through indexes (decision 066): the services list (public page and API)
 * walks its title order through a partial index and stops at the page, instead of sorting every published
 * service per request; the filter by organisation reads that organisation's services alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index service_published_title_idx on service ((lower(coalesce(title->>'sq', title->>'en', title->>'sr', ''))), id) where status = 'published'`.execute(
    db,
  );
  await sql`create index service_published_organisation_idx on service (organisation_id) where status = 'published'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists service_published_organisation_idx`.execute(db);
  await sql`drop index if exists service_published_title_idx`.execute(db);
}

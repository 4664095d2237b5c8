import { sql, type Kysely } from "kysely";
import { createKeyedTable } from "./shared/identity-table.ts";
import { createTransitionTriggers, dropTransitionTriggers } from "./shared/transition-triggers.ts";

/*
 * The public needs statistics without reading the cases (docs/decisions/044-flat-pages.md).
 *
 * - `need_case.first_resolved_at`: when the case was first marked resolved (the earliest
 *   `need_status_change` to "resolved"), kept by statement-level triggers on need_status_change
 *   (insert, update, delete, truncate), in the transaction of the write.
 * - `need_public_count`: the published dimensions' counts (category, municipality, community,
 *   status), with how many of them are demonstration cases, over the cases not merged into another.
 * - `need_resolution_count`: a histogram of the time from submission to first resolution of those
 *   cases, in tenths of a day below 100 days and in whole days from there (the key is the bucket's
 *   lower bound in tenths of a day), which gives the median without reading the cases.
 *
 * Both tables are kept by statement-level triggers with transition tables on need_case, like the
 * status counter of migration 0019, whichever code writes (commands, bulk actions, merges, jobs,
 * the benchmark's generators). Rows are upserted in key order, so two transactions never lock the
 * same rows in opposite orders. The data is backfilled here.
 */

/** The counted rows of a transition table, as (dimension, key, delta, demo delta) through a lateral list. */
function countDeltas(table: string, delta: 1 | -1): string {
  return `
    select x.dimension, x.key, ${delta} as delta, case when r.is_demo then ${delta} else 0 end as demo
    from ${table} r
    cross join lateral (values ('category', r.category), ('municipality', r.kas_code), ('community', coalesce(r.community_code, 'not_stated')), ('status', r.status)) as x(dimension, key)
    where r.merged_into_id is null`;
}

/** The resolved rows of a transition table, as (bucket, delta). */
function resolutionDeltas(table: string, delta: 1 | -1): string {
  return `
    select need_resolution_bucket(r.created_at, r.first_resolved_at) as tenths, ${delta} as delta
    from ${table} r
    where r.merged_into_id is null and r.first_resolved_at is not null`;
}

/** A transition table and what each of its rows counts for: the new rows add, the old rows take away. */
type CountedRows = readonly ["new_rows", 1] | readonly ["old_rows", -1];
const NEW_ROWS: CountedRows = ["new_rows", 1];
const OLD_ROWS: CountedRows = ["old_rows", -1];

/** The body of one need_case trigger function: both tables upserted from the deltas of the given transition tables. */
function summaryBody(tables: CountedRows[]): string {
  const counts = tables.map(([table, delta]) => countDeltas(table, delta));
  const resolutions = tables.map(([table, delta]) => resolutionDeltas(table, delta));
  return `
    begin
      insert into need_public_count (dimension, key, n, demo)
        select dimension, key, sum(delta), sum(demo) from (${counts.join(" union all ")}) d
        group by dimension, key having sum(delta) <> 0 or sum(demo) <> 0 order by dimension, key
        on conflict (dimension, key) do update set n = need_public_count.n + excluded.n, demo = need_public_count.demo + excluded.demo;
      insert into need_resolution_count (tenths, n)
        select tenths, sum(delta) from (${resolutions.join(" union all ")}) d
        group by tenths having sum(delta) <> 0 order by tenths
        on conflict (tenths) do update set n = need_resolution_count.n + excluded.n;
      return null;
    end`;
}

/** Recomputes `first_resolved_at` of the cases named by resolved rows of the given transition tables. */
function recomputeFirstResolved(tables: string[]): string {
  const ids = tables.map((t) => `select case_id from ${t} where to_status = 'resolved'`).join(" union ");
  return `
    begin
      update need_case c set first_resolved_at = r.resolved_at
      from (
        select a.case_id, (select min(s.created_at) from need_status_change s where s.case_id = a.case_id and s.to_status = 'resolved') as resolved_at
        from (${ids}) a
      ) r
      where c.id = r.case_id and c.first_resolved_at is distinct from r.resolved_at;
      return null;
    end`;
}

/** Creates the trigger function `name()` whose PL/pgSQL block is `body`. */
async function createTriggerFunction(db: Kysely<unknown>, name: string, body: string): Promise<void> {
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ ${body} $$`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("need_public_count")
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("n", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("demo", "bigint", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("need_public_count_pk", ["dimension", "key"])
    .execute();
  await createKeyedTable(db, "need_resolution_count", "tenths", "integer")
    .addColumn("n", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table need_case add column first_resolved_at timestamptz`.execute(db);
  // The bucket of a resolution time: tenths of a day below 100 days, whole days (in tenths) from there.
  await sql`
    create function need_resolution_bucket(created timestamptz, resolved timestamptz) returns integer language sql immutable as $$
      select case when t < 1000 then t else (t / 10) * 10 end
      from (select floor(extract(epoch from (resolved - created)) / 8640)::integer as t) b
    $$`.execute(db);

  await sql`
    update need_case c set first_resolved_at = r.resolved_at
    from (select case_id, min(created_at) as resolved_at from need_status_change where to_status = 'resolved' group by case_id) r
    where c.id = r.case_id`.execute(db);

  // need_status_change → need_case.first_resolved_at. An insert can only move it earlier.
  await sql`
    create function need_first_resolved_after_insert() returns trigger language plpgsql as $$
    begin
      update need_case c set first_resolved_at = r.resolved_at
      from (select case_id, min(created_at) as resolved_at from new_rows where to_status = 'resolved' group by case_id) r
      where c.id = r.case_id and (c.first_resolved_at is null or c.first_resolved_at > r.resolved_at);
      return null;
    end $$`.execute(db);
  await createTriggerFunction(db, "need_first_resolved_after_update", recomputeFirstResolved(["old_rows", "new_rows"]));
  await createTriggerFunction(db, "need_first_resolved_after_delete", recomputeFirstResolved(["old_rows"]));
  await sql`
    create function need_first_resolved_after_truncate() returns trigger language plpgsql as $$
    begin
      update need_case set first_resolved_at = null where first_resolved_at is not null;
      return null;
    end $$`.execute(db);
  await createTransitionTriggers(db, "need_first_resolved", "need_status_change");

  // need_case → the public counts and the resolution histogram.
  await createTriggerFunction(db, "need_public_count_after_insert", summaryBody([NEW_ROWS]));
  await createTriggerFunction(db, "need_public_count_after_delete", summaryBody([OLD_ROWS]));
  await createTriggerFunction(db, "need_public_count_after_update", summaryBody([NEW_ROWS, OLD_ROWS]));
  await sql`
    create function need_public_count_after_truncate() returns trigger language plpgsql as $$
    begin
      delete from need_public_count;
      delete from need_resolution_count;
      return null;
    end $$`.execute(db);
  await createTransitionTriggers(db, "need_public_count", "need_case");

  await sql
    .raw(
      `insert into need_public_count (dimension, key, n, demo)
       select dimension, key, sum(delta), sum(demo) from (${countDeltas("need_case", 1)}) d group by dimension, key`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into need_resolution_count (tenths, n) select tenths, sum(delta) from (${resolutionDeltas("need_case", 1)}) d group by tenths`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropTransitionTriggers(db, "need_public_count", "need_case");
  await dropTransitionTriggers(db, "need_first_resolved", "need_status_change");
  await sql`drop function if exists need_resolution_bucket(timestamptz, timestamptz)`.execute(db);
  await sql`alter table need_case drop column if exists first_resolved_at`.execute(db);
  await db.schema.dropTable("need_resolution_count").execute();
  await db.schema.dropTable("need_public_count").execute();
}

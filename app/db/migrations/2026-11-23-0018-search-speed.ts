import { sql, type Kysely } from "kysely";

/**
 * Search speed (docs/decisions/020-search-speed.md):
 * - a GIN index on `head_vector` (title and summary), so title matches are found without reading bodies;
 * - the trigram index on the whole `search_text` goes: nothing queries it, and it made every upload of a
 *   long document expensive (thousands of trigrams per text);
 * - `search_word`: every word of the index once, kept by statement-level triggers (one set-based insert
 *   per statement, however many rows), with a trigram index: a query word found nowhere is replaced by
 *   the nearest known word (typos), and the last word typed is looked up as a prefix;
 * - two bounded search functions (title-and-summary matches, any matches). Each reads matches only through the GIN indexes (bitmap scans:
 *   the heap row is visited, the long `search_vector` is never read back), and stops after
 *   `max_rows` matches. Without this the planner often prefers reading the table and testing each
 *   row's vector, which means decompressing every document's vector (seconds on 50,000 documents);
 *   its cost model does not see that. The settings apply only while the function runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists search_entry_trgm_idx`.execute(db);
  await sql`create index search_entry_head_vector_idx on search_entry using gin (head_vector)`.execute(db);
  await sql`create index search_entry_public_kind_idx on search_entry (kind) where is_public`.execute(db);
  await sql`create table search_word (word text primary key collate "C")`.execute(db);
  await sql`create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops)`.execute(db);
  await sql`
    create function search_word_collect() returns trigger language plpgsql as $$
    begin
      insert into search_word (word)
        select distinct w from new_rows r, unnest(tsvector_to_array(r.search_vector)) as w
        where length(w) between 2 and 40 and w !~ '^[0-9]+$'
        on conflict do nothing;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger search_word_on_insert after insert on search_entry referencing new table as new_rows for each statement execute function search_word_collect()`.execute(
    db,
  );
  await sql`create trigger search_word_on_update after update on search_entry referencing new table as new_rows for each statement execute function search_word_collect()`.execute(
    db,
  );
  await createBoundedHits(
    db,
    "search_entry_head_hits",
    "kind text, ref_id text, published_at timestamptz, rank real",
    "select e.kind, e.ref_id, e.published_at, ts_rank(e.head_vector, $1) from search_entry e where e.head_vector @@ $1",
  );
  await createBoundedHits(
    db,
    "search_entry_body_hits",
    "kind text, ref_id text, published_at timestamptz",
    "select e.kind, e.ref_id, e.published_at from search_entry e where e.search_vector @@ $1",
  );
  await insertSearchWords(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists search_entry_body_hits(tsquery, boolean, text, integer)`.execute(db);
  await sql`drop function if exists search_entry_head_hits(tsquery, boolean, text, integer)`.execute(db);
  await sql`drop trigger if exists search_word_on_update on search_entry`.execute(db);
  await sql`drop trigger if exists search_word_on_insert on search_entry`.execute(db);
  await sql`drop function if exists search_word_collect()`.execute(db);
  await sql`drop table if exists search_word`.execute(db);
  await sql`drop index if exists search_entry_public_kind_idx`.execute(db);
  await sql`drop index if exists search_entry_head_vector_idx`.execute(db);
  await sql`create index search_entry_trgm_idx on search_entry using gin (search_text gin_trgm_ops)`.execute(db);
}

/** Every word of the search index once (`search_word_collect` adds those of later writes); 0032 reuses it. */
export async function insertSearchWords(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into search_word (word)
      select distinct w from search_entry r, unnest(tsvector_to_array(r.search_vector)) as w
      where length(w) between 2 and 40 and w !~ '^[0-9]+$'
      on conflict do nothing`.execute(db);
}

/**
 * A bounded search function `name`: the first `max_rows` rows of `select` (matching `$1`, the query),
 * only public ones and only of `only_kind` when asked. Dynamic SQL (EXECUTE … USING) is planned for
 * each call with the actual kind, so a small kind is read through its own index ANDed with the GIN
 * index instead of walking every match.
 */
async function createBoundedHits(db: Kysely<unknown>, name: string, columns: string, select: string): Promise<void> {
  const bitmapOnly = sql.raw("set enable_seqscan = off set enable_indexscan = off");
  await sql`
    create function ${sql.raw(name)}(q tsquery, public_only boolean, only_kind text, max_rows integer)
    returns table (${sql.raw(columns)})
    language plpgsql stable ${bitmapOnly} as $$
    begin
      return query execute
        ${sql.raw(`'${select}'`)}
        || case when public_only then ' and e.is_public' else '' end
        || case when only_kind is not null then ' and e.kind = $2' else '' end
        || ' limit $3'
        using q, only_kind, max_rows;
    end
    $$`.execute(db);
}

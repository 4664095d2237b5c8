import { sql, type Kysely } from "kysely";

/**
 * Search speed (docs/decisions/020-search-speed.md):
 * - a GIN index on `head_vector` (title and summary), so title matches are found without reading bodies;
 * - the trigram index on the whole `search_text` goes: nothing queries it, and it made every upload of a
 *   long document expensive (thousands of trigrams per text);
 * - `search_word`: every word of the index once, kept by statement-level triggers (one set-based insert
 *   per statement, however many rows), with a trigram index: a query word found nowhere is replaced by
 *   the nearest known word (typos), and the last word typed is looked up as a prefix.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists search_entry_trgm_idx`.execute(db);
  await sql`create index search_entry_head_vector_idx on search_entry using gin (head_vector)`.execute(db);
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
  await sql`create trigger search_word_on_insert after insert on search_entry referencing new table as new_rows for each statement execute function search_word_collect()`.execute(db);
  await sql`create trigger search_word_on_update after update on search_entry referencing new table as new_rows for each statement execute function search_word_collect()`.execute(db);
  await sql`
    insert into search_word (word)
      select distinct w from search_entry r, unnest(tsvector_to_array(r.search_vector)) as w
      where length(w) between 2 and 40 and w !~ '^[0-9]+$'
      on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists search_word_on_update on search_entry`.execute(db);
  await sql`drop trigger if exists search_word_on_insert on search_entry`.execute(db);
  await sql`drop function if exists search_word_collect()`.execute(db);
  await sql`drop table if exists search_word`.execute(db);
  await sql`drop index if exists search_entry_head_vector_idx`.execute(db);
  await sql`create index search_entry_trgm_idx on search_entry using gin (search_text gin_trgm_ops)`.execute(db);
}

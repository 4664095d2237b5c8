import { sql, type Kysely } from "kysely";
import { createIndexes } from "./shared/indexes.ts";

/**
 * One search index for the whole platform: every module writes a row per public item (in the same
 * transaction as the item), and the search page reads this one table. `search_text` is normalised
 * in the application (Serbian Cyrillic → Latin, diacritics removed, lower case; see
 * app/services/search-index.server.ts), so one trigram index and one text-search vector serve every
 * language and script.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("search_entry")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ref_id", "text", (c) => c.notNull())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("original_locale", "text")
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("search_vector", sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text)`).stored(),
    )
    .addColumn("sectors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("municipalities", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("communities", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("published_at", "timestamptz")
    .addColumn("is_public", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("search_entry_pk", ["kind", "ref_id"])
    .execute();
  await sql`create index search_entry_vector_idx on search_entry using gin (search_vector)`.execute(db);
  await sql`create index search_entry_trgm_idx on search_entry using gin (search_text gin_trgm_ops)`.execute(db);
  await createIndexes(db, "search_entry", { search_entry_kind_idx: ["kind", "is_public"] });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("search_entry").execute();
}

import { sql, type Kysely } from "kysely";
import { createIdentityTable, createKeyedTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { oneOfStates } from "./shared/record-columns.ts";

/** Reference tables, public content, background jobs and stored files. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists unaccent`.execute(db);

  await db.schema
    .createTable("municipality")
    .addColumn("kas_code", "text", (c) => c.primaryKey().check(sql`kas_code ~ '^[0-9]{2}$'`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name_sq", "text", (c) => c.notNull())
    .addColumn("name_sr", "text", (c) => c.notNull())
    .addColumn("name_sr_cyrl", "text", (c) => c.notNull())
    .addColumn("name_alt", "text")
    .addColumn("district", "jsonb", (c) => c.notNull())
    .addColumn("pop_2011", "integer")
    .addColumn("pop_2024", "integer", (c) => c.notNull())
    .addColumn("pop_2024_enumerated", "integer", (c) => c.notNull())
    .addColumn("pop_2024_is_estimate", "boolean", (c) => c.notNull())
    .addColumn("boundary", "jsonb", (c) => c.notNull())
    .execute();

  await createKeyedTable(db, "community", "code", "text")
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("is_majority", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable("municipality_population")
    .addColumn("kas_code", "text", (c) => c.notNull().references("municipality.kas_code"))
    .addColumn("community_code", "text", (c) => c.notNull().references("community.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull().check(sql`population >= 0`))
    .addPrimaryKeyConstraint("municipality_population_pk", ["kas_code", "community_code", "year"])
    .execute();

  await createKeyedTable(db, "settlement", "id", "integer")
    .addColumn("kas_code", "text", (c) => c.notNull().references("municipality.kas_code"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_ascii", "text", (c) => c.notNull())
    .addColumn("name_cyrl", "text")
    .addColumn("alternate_names", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("latitude", "double precision", (c) => c.notNull())
    .addColumn("longitude", "double precision", (c) => c.notNull())
    .addColumn("feature_code", "text", (c) => c.notNull())
    .execute();
  await createIndexes(db, "settlement", { settlement_kas_code_idx: ["kas_code"] });

  for (const table of ["sector", "organisation_type"]) {
    await createKeyedTable(db, table, "code", "text")
      .addColumn("name", "jsonb", (c) => c.notNull())
      .addColumn("sort_order", "integer", (c) => c.notNull())
      .execute();
  }

  await createIdentityTable(db, "news_item")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("body", "jsonb", (c) => c.notNull())
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("published_at", "timestamptz", (c) => c.notNull())
    .addColumn("source_note", "text")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("news_item_original_present", sql`title ? original_locale and body ? original_locale`)
    .execute();
  await createIndexes(db, "news_item", { news_item_published_idx: ["published_at desc", "id desc"] });

  await createKeyedTable(db, "page", "key", "text")
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("body", "jsonb", (c) => c.notNull())
    .addColumn("original_locale", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createIdentityTable(db, "job", "bigint")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("status", "text", oneOfStates("status", ["queued", "running", "succeeded", "failed"]))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("run_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_by", "text")
    .addColumn("locked_at", "timestamptz")
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer")
    .addColumn("result", "jsonb")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await sql`create index job_claim_idx on job (run_at, id) where status = 'queued'`.execute(db);

  await createKeyedTable(db, "stored_file", "id", "text")
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("extension", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("The foundation migration cannot be reverted; restore a backup instead.");
}

import { sql, type CreateTableBuilder, type RawBuilder } from "kysely";

/*
 * Column groups that many tables share, for `createTable(…).$call(…)` (Kysely's way to reuse part of
 * a builder). Each adds its columns where it is called, so the table's column order stays what the
 * migration reads.
 */

/**
 * Adds `is_demo`, `version`, `created_at` and `updated_at`, the columns an editable record of the
 * platform ends with: demonstration content is flagged, concurrent edits are detected by the version,
 * and both times default to now.
 */
export function addEditedRecordColumns<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) {
  return table
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`));
}

/** Adds `status` (draft, the default, or published) and `published_at`: public content that is drafted first. */
export function addPublicationColumns<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) {
  return addDraftStatusColumns(table, sql`status in ('draft', 'published')`, "published_at");
}

/** Adds `status` (draft, the default, adopted or closed) and `adopted_at`: a strategy or plan adopted once drafted. */
export function addAdoptionColumns<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) {
  return addDraftStatusColumns(table, sql`status in ('draft', 'adopted', 'closed')`, "adopted_at");
}

/** Adds `status`, "draft" by default and one of the states `allowed` checks, and `dateColumn`: when it left draft. */
function addDraftStatusColumns<TB extends string, C extends string, D extends string>(
  table: CreateTableBuilder<TB, C>,
  allowed: RawBuilder<unknown>,
  dateColumn: D,
) {
  return table
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(allowed))
    .addColumn(dateColumn, "timestamptz");
}

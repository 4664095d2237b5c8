import { sql, type ColumnBuilderCallback, type CreateTableBuilder } from "kysely";

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
  return addDraftStatusColumns(table, ["draft", "published"], "published_at");
}

/** Adds `status` (draft, the default, adopted or closed) and `adopted_at`: a strategy or plan adopted once drafted. */
export function addAdoptionColumns<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) {
  return addDraftStatusColumns(table, ["draft", "adopted", "closed"], "adopted_at");
}

/** Adds `status`, one of `states` ("draft", the first, by default), and `dateColumn`: when it left draft. */
function addDraftStatusColumns<TB extends string, C extends string, D extends string>(
  table: CreateTableBuilder<TB, C>,
  states: readonly string[],
  dateColumn: D,
) {
  return table.addColumn("status", "text", oneOfStates("status", states)).addColumn(dateColumn, "timestamptz");
}

/**
 * The definition of a text column holding one of `states`, `initial` (the first state unless given) by
 * default: `not null default '<initial>' check (<column> in ('…', …))`, for `addColumn(column, "text", …)`.
 */
export function oneOfStates(column: string, states: readonly string[], initial = states[0]!): ColumnBuilderCallback {
  const allowed = sql.raw(`${column} in (${states.map((state) => `'${state}'`).join(", ")})`);
  return (c) => c.notNull().defaultTo(initial).check(allowed);
}

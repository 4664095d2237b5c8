import type { Kysely } from "kysely";

/**
 * Starts `create table <table>` with the platform's usual key: `id`, an integer (a bigint for the tables
 * that grow without end: jobs, the audit log) generated always as identity, the primary key, first of the
 * columns. The migration adds the other columns and executes it:
 * `await createIdentityTable(db, "news_image").addColumn(…).execute()`.
 */
export function createIdentityTable(db: Kysely<unknown>, table: string, type: "integer" | "bigint" = "integer") {
  return db.schema.createTable(table).addColumn("id", type, (c) => c.primaryKey().generatedAlwaysAsIdentity());
}

/**
 * Starts `create table <table>` with a key the rows bring themselves (a code, a name, a random id): `column`
 * of `type`, the primary key, first of the columns. The migration adds the other columns and executes it:
 * `await createKeyedTable(db, "page", "key", "text").addColumn(…).execute()`.
 */
export function createKeyedTable(
  db: Kysely<unknown>,
  table: string,
  column: string,
  type: "text" | "integer" | "uuid",
) {
  return db.schema.createTable(table).addColumn(column, type, (c) => c.primaryKey());
}

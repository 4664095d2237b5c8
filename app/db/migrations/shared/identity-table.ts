import type { Kysely } from "kysely";

/**
 * Starts `create table <table>` with the platform's usual key: `id`, an integer generated always as
 * identity, the primary key, first of the columns. The migration adds the other columns and executes
 * it: `await createIdentityTable(db, "news_image").addColumn(…).execute()`.
 */
export function createIdentityTable(db: Kysely<unknown>, table: string) {
  return db.schema.createTable(table).addColumn("id", "integer", (c) => c.primaryKey().generatedAlwaysAsIdentity());
}

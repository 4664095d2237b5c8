import type { Kysely } from "kysely";

/**
 * The plain (b-tree) indexes of a table, by name: each index's columns in order, a column written
 * `"name desc"` when the index keeps it descending. An object's keys keep the order they are written in.
 */
export type IndexColumns = Readonly<Record<string, readonly string[]>>;

/**
 * Creates the `indexes` on `table` in the order they are written, each as
 * `db.schema.createIndex(name).on(table).columns(columns)` (the same SQL: `create index "name" on "table" (…)`).
 * Indexes with a condition, an expression or `unique` stay written out in SQL where they are made.
 */
export async function createIndexes(db: Kysely<unknown>, table: string, indexes: IndexColumns): Promise<void> {
  for (const [name, columns] of Object.entries(indexes)) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
  }
}

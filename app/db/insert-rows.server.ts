import type { Insertable, Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * Inserts `rows` into `table` in one statement, or does nothing when there are none (an `insert`
 * without values is an SQL error). The link rows of a record (its sectors, communities,
 * municipalities, measures…) are written this way wherever a command or a seed replaces them.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  // Kysely cannot relate a generic table's insert type to `values`; `rows` is checked above instead.
  await db
    .insertInto(table)
    .values(rows as never)
    .execute();
}

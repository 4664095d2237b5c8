import { sql, type Selectable } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";

/**
 * The row of a table written last (the highest id): what a request has just inserted, read back so
 * a test can check what was stored. Throws when the table is empty.
 */
export async function latestRow<T extends keyof Database>(db: Db, table: T): Promise<Selectable<Database[T]>> {
  const query = sql<Selectable<Database[T]>>`select * from ${sql.table(table)} order by id desc limit 1`;
  const row = (await query.execute(db)).rows[0];
  if (!row) throw new Error(`${table} has no row`);
  return row;
}

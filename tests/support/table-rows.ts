import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";

/** `where` of the rows whose columns equal the given values (all rows when none are given). */
function whereEqual(equal: Record<string, unknown>) {
  const conditions = Object.entries(equal).map(([name, value]) => sql`${sql.ref(name)} = ${value}`);
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

/**
 * The rows of a table whose columns equal the given values, with only `columns`, ordered by `orderBy` (by default
 * `id`, the order they were written in): what a test compares a write's effect with.
 */
export async function rowsWhere(
  db: Db,
  table: keyof Database,
  columns: readonly string[],
  equal: Record<string, unknown>,
  orderBy = "id",
): Promise<Record<string, unknown>[]> {
  const selection = sql.join(columns.map((column) => sql.ref(column)));
  const { rows } = await sql<Record<string, unknown>>`
    select ${selection} from ${sql.table(table)} where ${whereEqual(equal)} order by ${sql.ref(orderBy)}
  `.execute(db);
  return rows;
}

/**
 * The values of one column in the rows of a table, or of those whose columns equal the given values, ordered by
 * `orderBy` (by default the column itself): what a test compares a write's rows with when one column tells them apart.
 */
export async function columnValues(
  db: Db,
  table: keyof Database,
  column: string,
  equal: Record<string, unknown> = {},
  orderBy: string = column,
): Promise<unknown[]> {
  const rows = await rowsWhere(db, table, [column], equal, orderBy);
  return rows.map((row) => row[column]);
}

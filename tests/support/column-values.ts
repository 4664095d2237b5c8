import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";

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
  const conditions = Object.entries(equal).map(([name, value]) => sql`${sql.ref(name)} = ${value}`);
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
  const { rows } = await sql<{ value: unknown }>`
    select ${sql.ref(column)} as value from ${sql.table(table)} where ${where} order by ${sql.ref(orderBy)}
  `.execute(db);
  return rows.map((row) => row.value);
}

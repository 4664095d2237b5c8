import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";

/**
 * The number of rows in a table, or of those whose columns equal the given values: the plain count
 * a test compares a page's figure, a cap or a write's effect with.
 */
export async function countRows(db: Db, table: keyof Database, equal: Record<string, unknown> = {}): Promise<number> {
  const conditions = Object.entries(equal).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "#app/db/schema.ts";

/**
 * Whether a query finds any row: it reads one at most, and none of its columns. For the checks that only ask
 * whether something is there (a job already queued, the demo cases already written, a file that is a case's
 * attachment, a user who holds the administrator role).
 */
export async function findsAnyRow<TB extends keyof Database, O>(
  query: SelectQueryBuilder<Database, TB, O>,
): Promise<boolean> {
  const row = await query
    .select(sql<number>`1`.as("found"))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

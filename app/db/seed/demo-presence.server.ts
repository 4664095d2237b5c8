import { sql } from "kysely";
import type { Db } from "../client.server.ts";

/**
 * True while the database holds demo content (any strategy, project, case, event or library document
 * marked `is_demo`): the pages then show a site-wide "Demo data" banner. One query, each branch
 * stopping at its first row.
 */
export async function hasDemoContent(db: Db): Promise<boolean> {
  const result = await sql<{ present: boolean }>`select (
      exists (select 1 from strategy where is_demo) or exists (select 1 from project where is_demo)
      or exists (select 1 from need_case where is_demo) or exists (select 1 from event where is_demo)
      or exists (select 1 from library_document where is_demo)
    ) as present`.execute(db);
  return result.rows[0]?.present === true;
}

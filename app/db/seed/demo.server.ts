import { sql } from "kysely";
import type { Db } from "../client.server.ts";
import type { DemoSeedContext, DemoSeeder } from "#app/services/module-contract.ts";

/**
 * True when no demo or real content has been written yet (the demo seed then runs on start): no
 * page, news item, strategy, project, case, library document or event. One query.
 */
export async function isContentEmpty(db: Db): Promise<boolean> {
  const row = await sql<{ any: boolean }>`select (
      exists (select 1 from page) or exists (select 1 from news_item) or exists (select 1 from strategy)
      or exists (select 1 from project) or exists (select 1 from need_case) or exists (select 1 from library_document)
      or exists (select 1 from event)
    ) as any`.execute(db);
  return row.rows[0]?.any !== true;
}

/**
 * Runs demo seeders in one transaction, in the order given (all-or-nothing). Which seeders, and in
 * which order, is the composition root's business: `seedDemoContent` in app/modules.server.ts.
 */
export async function runDemoSeeders(db: Db, seeders: readonly DemoSeeder[], context: DemoSeedContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const seed of seeders) await seed(trx, context);
  });
}

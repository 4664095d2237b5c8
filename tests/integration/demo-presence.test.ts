import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { hasDemoContent } from "#app/db/seed/demo-presence.server.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * Every page's layout asks `hasDemoContent` (the demo banner). On a database without demonstration
 * content each of its `exists (… where is_demo)` must be one probe of a partial index
 * (migration 0050), not a read of the whole table: with sequential scans priced out, the plan of each
 * part names the table's demo index.
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const TABLES = ["strategy", "project", "need_case", "event", "library_document"] as const;

describe("hasDemoContent", () => {
  it.each(TABLES)("finds demonstration rows of %s through its partial index", async (table) => {
    const plan = await handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{
        "QUERY PLAN": string;
      }>`explain select exists (select 1 from ${sql.table(table)} where is_demo)`.execute(trx);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain(`${table}_demo_idx`);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("answers whether any demonstration content is present", async () => {
    const expected = await sql<{ n: number }>`select (select count(*) from strategy where is_demo)
      + (select count(*) from project where is_demo) + (select count(*) from need_case where is_demo)
      + (select count(*) from event where is_demo) + (select count(*) from library_document where is_demo) as n`.execute(
      handle.db,
    );
    expect(await hasDemoContent(handle.db)).toBe(Number(expected.rows[0]!.n) > 0);
  });
});

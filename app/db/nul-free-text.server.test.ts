import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "./client.server.ts";
import { NulFreeTextPlugin } from "./nul-free-text.server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

it("removes NUL characters from string parameters instead of failing the query (decision 026)", async () => {
  const echoed = await sql<{
    a: string;
    b: string;
  }>`select ${"a\u0000b"}::text as a, ${"\u0000".repeat(5)}::text as b`.execute(handle.db);
  expect(echoed.rows[0]).toEqual({ a: "ab", b: "" });
  const found = await handle.db
    .selectFrom("municipality")
    .select("kas_code")
    .where("name_sq", "in", ["Prish\u0000tinë", "Prizren"])
    .where("kas_code", "!=", "\u0000")
    .orderBy("kas_code")
    .execute();
  expect(found.length).toBeGreaterThan(0);
  expect(found.map((m) => m.kas_code)).not.toContain("\u0000");
});

it("passes a query without NUL on untouched, and still cleans one whose only NUL is deep in a condition", () => {
  const plugin = new NulFreeTextPlugin();
  // The trees as the builder makes them (`toOperationNode` of the app's handle would already have run the plugin).
  const db = handle.db.withoutPlugins();
  const queryId = { queryId: "q" };
  const clean = db
    .selectFrom("municipality")
    .select("kas_code")
    .where((eb) => eb.or([eb("name_sq", "=", "Prizren"), eb("kas_code", "in", ["01", "02"])]))
    .toOperationNode();
  expect(plugin.transformQuery({ node: clean, queryId })).toBe(clean);
  const dirty = db
    .selectFrom("municipality")
    .select("kas_code")
    .where((eb) => eb.or([eb("name_sq", "=", "Prizren"), eb("kas_code", "in", ["01", "0\u00002"])]))
    .toOperationNode();
  const cleaned = plugin.transformQuery({ node: dirty, queryId });
  expect(cleaned).not.toBe(dirty);
  expect(JSON.stringify(cleaned)).not.toContain("\\u0000");
  expect(JSON.stringify(cleaned)).toContain('"02"');
});

import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "./client.server.ts";
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

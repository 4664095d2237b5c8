import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "#app/db/client.server.ts";
import { countRows } from "../support/row-count.ts";
import { createTestDatabase } from "../support/test-database.ts";

/** The harness every integration test relies on, on whichever back end the suite runs. */
describe("createTestDatabase", () => {
  it("gives each caller its own migrated copy of the template", async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.kind).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
      expect(await countRows(first.db, "municipality")).toBe(38);
      await sql`update municipality set pop_2024 = 0`.execute(first.db);
      const untouched = await second.db
        .selectFrom("municipality")
        .select("pop_2024")
        .where("pop_2024", "=", 0)
        .execute();
      expect(untouched, "a write in one test database shows in another").toEqual([]);
      expect(await countRows(second.db, "municipality")).toBe(38);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it.skipIf(!process.env.DATABASE_URL)("drops its PostgreSQL database on close", async () => {
    const handle = await createTestDatabase();
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
    const name = rows[0]?.name;
    expect(name).toBeTruthy();
    await handle.close();
    const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    try {
      const remaining = await sql<{ datname: string }>`select datname from pg_database where datname = ${name}`.execute(
        admin.db,
      );
      expect(remaining.rows).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});

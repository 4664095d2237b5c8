import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import type { DatabaseHandle } from "./client.server.ts";

/** The embedded database on its own thread (decision 046): what the rest of the application relies on. */
describe.skipIf(!!process.env.DATABASE_URL)("the embedded database's thread", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await sql`create table thread_check (id int8 primary key, amount numeric(12, 2), day date, at timestamptz, bytes bytea, doc jsonb, tags text[], constraint thread_check_amount_positive check (amount > 0))`.execute(
      handle.db,
    );
  });
  afterAll(() => handle.close());

  it("leaves the main thread's event loop free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    const started = performance.now();
    try {
      await sql`select pg_sleep(0.6)`.execute(handle.db);
    } finally {
      clearInterval(timer);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    // On the main thread the statement held the event loop: no timer fired until it ended.
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it("returns the same JavaScript values as the pg driver on PostgreSQL", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await handle.db
      .insertInto("thread_check" as never)
      .values({
        id: 9_007_199_254_740_991,
        amount: "1234.50",
        day: "2026-02-28",
        at,
        bytes,
        doc: JSON.stringify({ a: [1, "two", null], b: { c: true } }),
        tags: ["sq", "sr"],
      } as never)
      .execute();
    const row = (await sql<Record<string, unknown>>`select * from thread_check`.execute(handle.db)).rows[0]!;
    expect(row.id).toBe(9_007_199_254_740_991);
    expect(row.amount).toBe("1234.50");
    expect(row.day).toBe("2026-02-28");
    expect(row.at).toBeInstanceOf(Date);
    expect((row.at as Date).toISOString()).toBe(at.toISOString());
    expect(row.bytes).toBeInstanceOf(Uint8Array);
    expect([...(row.bytes as Uint8Array)]).toEqual([0, 1, 2, 250, 255]);
    expect(row.doc).toEqual({ a: [1, "two", null], b: { c: true } });
    expect(row.tags).toEqual(["sq", "sr"]);
    const { numUpdatedRows } = await handle.db
      .updateTable("thread_check" as never)
      .set({ amount: "2" } as never)
      .executeTakeFirst();
    expect(numUpdatedRows).toBe(1n);
  });

  it("carries PostgreSQL's error fields, so that the application can tell a unique violation by its code", async () => {
    const insert = (id: number, amount: string) =>
      handle.db
        .insertInto("thread_check" as never)
        .values({ id, amount } as never)
        .execute();
    await insert(1, "1");
    const duplicate = await insert(1, "1").catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({
      code: "23505",
      constraint: "thread_check_pkey",
      table: "thread_check",
      severity: "ERROR",
      detail: "Key (id)=(1) already exists.",
    });
    expect((duplicate as Error).message).toMatch(/duplicate key value violates unique constraint "thread_check_pkey"/);
    await expect(insert(2, "-1")).rejects.toMatchObject({ code: "23514", constraint: "thread_check_amount_positive" });
    await expect(sql`select * from no_such_table`.execute(handle.db)).rejects.toMatchObject({ code: "42P01" });
  });

  it("keeps one transaction at a time on the single connection: a rollback undoes only its own writes", async () => {
    await handle.db.deleteFrom("thread_check" as never).execute();
    let insideFirst!: () => void;
    const firstStarted = new Promise<void>((resolve) => (insideFirst = resolve));
    const failing = handle.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto("thread_check" as never)
          .values({ id: 10, amount: "1" } as never)
          .execute();
        insideFirst();
        // The other transaction is waiting for the connection meanwhile; it must not run inside this one.
        await new Promise((resolve) => setImmediate(resolve));
        await trx
          .insertInto("thread_check" as never)
          .values({ id: 11, amount: "1" } as never)
          .execute();
        throw new Error("undo");
      })
      .catch((error: Error) => error.message);
    await firstStarted;
    const other = handle.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("thread_check" as never)
        .values({ id: 20, amount: "1" } as never)
        .execute();
    });
    expect(await failing).toBe("undo");
    await other;
    const ids = (await sql<{ id: number }>`select id from thread_check order by id`.execute(handle.db)).rows.map(
      (r) => r.id,
    );
    expect(ids).toEqual([20]);
  });

  it("reports healthy while one statement runs, without waiting for it, and stuck once it runs too long", async () => {
    expect(await handle.pglite!.health()).toEqual({ ok: true, busy: false });
    const long = sql`select pg_sleep(1)`.execute(handle.db);
    // One turn of the event loop: Kysely has sent the statement by then.
    await new Promise((resolve) => setImmediate(resolve));
    const asked = performance.now();
    expect(await handle.pglite!.health()).toEqual({ ok: true, busy: true });
    expect(performance.now() - asked).toBeLessThan(500);
    const stuck = await handle.pglite!.health({ stalledAfterMs: 1 });
    expect(stuck).toMatchObject({ ok: false, reason: expect.stringMatching(/one statement has run for/) });
    await long;
    expect(await handle.pglite!.health()).toEqual({ ok: true, busy: false });
  });

  it("answers the health check inside another request's failed transaction without disturbing it", async () => {
    const outcome = await handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`select * from no_such_table`.execute(trx).catch(() => undefined);
        // PostgreSQL refuses `select 1` here (25P02): it answered, so the database is healthy.
        const health = await handle.pglite!.health();
        const next = await sql`select 1`.execute(trx).catch((error: { code?: string }) => error.code);
        return { health, next };
      })
      .catch((error: Error) => error.message);
    expect(outcome).toEqual({ health: { ok: true, busy: false }, next: "25P02" });
  });
});

describe.skipIf(!!process.env.DATABASE_URL)("a stopped embedded database", () => {
  it("fails waiting and later requests with the reason once its thread has died, and reports it unhealthy", async () => {
    const handle = await createTestDatabase();
    try {
      const waiting = sql`select pg_sleep(5)`.execute(handle.db);
      await new Promise((resolve) => setImmediate(resolve));
      await handle.pglite!.thread.terminate();
      await expect(waiting).rejects.toThrow(/The embedded database cannot answer: its thread exited/);
      expect(handle.pglite!.closed).toBe(true);
      expect(await handle.pglite!.health()).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/closed: its thread exited/),
      });
      await expect(sql`select 1`.execute(handle.db)).rejects.toThrow(/cannot answer/);
    } finally {
      await handle.close();
    }
  });

  it("refuses requests after close and reports it unhealthy", async () => {
    const handle = await createTestDatabase();
    const embedded = handle.pglite!;
    await handle.close();
    expect(embedded.closed).toBe(true);
    expect(await embedded.health()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/closed: it was closed/),
    });
    await expect(embedded.query("select 1")).rejects.toThrow(/cannot answer: it was closed/);
  });
});

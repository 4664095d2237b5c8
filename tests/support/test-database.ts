import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";
import { databaseUrlFor } from "./test-database-source.ts";

/**
 * A fresh, migrated database with the reference data, private to the caller, copied from the
 * template the global setup made once per run: an in-memory PGlite copy, or, when the suite runs
 * with `DATABASE_URL`, a new PostgreSQL database created from the template database and dropped
 * again by `close()`.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const source = inject("testDatabaseSource");
  if (source.kind === "pglite") {
    const dump = fs.readFileSync(source.dumpPath);
    return openDatabase({ memory: { loadDataDir: new Blob([dump]) } });
  }

  const name = `${source.prefix}_${process.pid}_${randomBytes(6).toString("hex")}`;
  await withAdmin(source.adminUrl, (admin) =>
    sql`create database ${sql.id(name)} template ${sql.id(source.template)}`.execute(admin.db),
  );
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(source.adminUrl, name) });
  let closed = false;
  return {
    ...handle,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
      await withAdmin(source.adminUrl, (admin) =>
        sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db),
      );
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: DatabaseHandle) => Promise<T>): Promise<T> {
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}

/**
 * The database of the tests of a file (or of a `describe`): a fresh one (`create`, by default
 * `createTestDatabase`; e.g. `() => createSearchTestDatabase(entries)` for one with a search index)
 * opened before them and closed after them, by the `beforeAll` and `afterAll` this registers. What
 * it returns stands for the opened database's handle (`handle.db`, `handle.close()`…): call it
 * before the hooks that fill the database (Vitest runs `beforeAll` hooks in the order they are
 * registered, `afterAll` hooks in reverse) and read it in hooks and tests.
 */
export function setUpTestDatabase(create: () => Promise<DatabaseHandle> = createTestDatabase): DatabaseHandle {
  let opened: DatabaseHandle | undefined;
  let closed = false;
  beforeAll(async () => {
    opened = await create();
  });
  afterAll(() => handle.close());
  const open = (): DatabaseHandle => {
    if (!opened) throw new Error("the test database opens in beforeAll: read it in a hook or a test");
    return opened;
  };
  const handle: DatabaseHandle = {
    get db() {
      return open().db;
    },
    get kind() {
      return open().kind;
    },
    get pglite() {
      return open().pglite;
    },
    get poolStats() {
      return open().poolStats;
    },
    async close() {
      if (closed || !opened) return;
      closed = true;
      await opened.close();
    },
  };
  return handle;
}

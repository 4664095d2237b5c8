import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { sql } from "kysely";
import { inject } from "vitest";
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

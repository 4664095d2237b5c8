import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { databaseUrlFor, type TestDatabaseSource } from "./test-database-source.ts";

/**
 * Prepares the template every test database is copied from, once per test run, so no test pays for
 * initdb and migrations again (see test-database.ts):
 * - with `DATABASE_URL` (a PostgreSQL server on which we may create databases), a migrated template
 *   database; each test database is then `CREATE DATABASE … TEMPLATE` it;
 * - without it, a migrated in-memory PGlite saved as a dump; each test database is a copy of it.
 * Returns the teardown that removes the template (and, on PostgreSQL, any test database left over).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) return preparePostgresTemplate(project, adminUrl);
  return preparePGliteTemplate(project);
}

async function preparePGliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-test-"));
  const dumpPath = path.join(dir, "template.tar.gz");
  const handle = await openDatabase({ memory: {} });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir("gzip");
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("testDatabaseSource", { kind: "pglite", dumpPath } satisfies TestDatabaseSource);
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}

async function preparePostgresTemplate(project: TestProject, adminUrl: string): Promise<() => Promise<void>> {
  // One prefix per run: the teardown drops every database of this run, even those whose test file crashed.
  const prefix = `cap_t${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    await sql`create database ${sql.id(template)}`.execute(admin.db);
    const handle = await openDatabase({ databaseUrl: databaseUrlFor(adminUrl, template), poolSize: 1 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      // A template must have no open connection when it is copied.
      await handle.close();
    }
  } catch (error) {
    await dropDatabasesOfRun(adminUrl, prefix);
    throw error;
  } finally {
    await admin.close();
  }
  project.provide("testDatabaseSource", { kind: "postgres", adminUrl, template, prefix } satisfies TestDatabaseSource);
  return () => dropDatabasesOfRun(adminUrl, prefix);
}

async function dropDatabasesOfRun(adminUrl: string, prefix: string): Promise<void> {
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    const { rows } = await sql<{
      datname: string;
    }>`select datname from pg_database where starts_with(datname, ${prefix})`.execute(admin.db);
    for (const { datname } of rows) {
      await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(admin.db);
    }
  } finally {
    await admin.close();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseSource: TestDatabaseSource;
  }
}

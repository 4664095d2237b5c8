import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";

/**
 * Migrates one PGlite database once per test run and saves it as a dump; every test database is
 * then a copy of it (see test-database.ts), so no test pays for initdb and migrations again.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-test-"));
  const dumpPath = path.join(dir, "template.tar.gz");
  const handle = await openDatabase({ memory: {} });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir("gzip");
  fs.writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplate", dumpPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { isContentEmpty } from "#app/db/seed/demo.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";

/**
 * Migrates `db` and adds the demo content when it has none, as the app's first start does: the
 * database the benchmarks then add their generated rows to.
 */
export async function migrateWithDemoContent(db: Db): Promise<void> {
  await migrateToLatest(db);
  if (await isContentEmpty(db)) await seedDemoContent(db);
}

/**
 * Opens the database a benchmark measures on: PostgreSQL at `databaseUrl` (DATABASE_URL unless given),
 * otherwise an embedded one, in a new temporary folder named `<prefix>…` (`dir`, also the place for the
 * app's files; the benchmark removes it when done).
 */
export async function openBenchDatabase(
  prefix: string,
  databaseUrl = process.env.DATABASE_URL || undefined,
): Promise<{ handle: DatabaseHandle; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { handle: await openDatabase({ databaseUrl, dataDir: dir }), dir };
}

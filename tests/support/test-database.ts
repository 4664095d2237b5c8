import fs from "node:fs";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";

/**
 * A fresh, migrated database with the reference data, private to the calling test file:
 * an in-memory copy of the template made once per run by the global setup.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const dump = fs.readFileSync(inject("pgliteTemplate"));
  return openDatabase({ memory: { loadDataDir: new Blob([dump]) } });
}

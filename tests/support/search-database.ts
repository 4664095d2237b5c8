import type { DatabaseHandle } from "#app/db/client.server.ts";
import { upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";
import { createTestDatabase } from "./test-database.ts";

/**
 * A fresh test database whose search index holds exactly `entries` (in that order, so their ids follow it):
 * what the search queries' tests and the search API's tests start from.
 */
export async function createSearchTestDatabase(entries: readonly SearchEntryInput[]): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  await upsertSearchEntries(handle.db, entries);
  return handle;
}

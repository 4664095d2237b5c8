import type { Db } from "#app/db/client.server.ts";
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

import type { Kysely } from "kysely";
import { loadDirectoryOrganisations } from "../seed/organisations.ts";
import type { Database } from "../schema.ts";

/**
 * The organisations named in the source documents and one Office for Communities and Returns per
 * municipality. A data migration rather than part of the demo seed: these are real institutions
 * that every database needs (demo accounts, invitations and later modules refer to them), including
 * production where the demo seed never runs; and a migration runs exactly once per database, in
 * order, inside the migrator's bookkeeping. Corrections come as later migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await loadDirectoryOrganisations(db as Kysely<Database>, "system: migration 2026-11-23-0005-organisations");
}

export async function down(): Promise<void> {
  throw new Error("The directory's organisations cannot be unloaded; restore a backup instead.");
}

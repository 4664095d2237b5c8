import type { Kysely } from "kysely";
import { loadReferenceData } from "../reference-data.server.ts";
import type { Database } from "../schema.ts";

/** The 38 municipalities, census 2024 by community, boundaries, settlements, sectors, organisation types. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await loadReferenceData(db as Kysely<Database>);
}

export async function down(): Promise<void> {
  throw new Error("Reference data cannot be unloaded; restore a backup instead.");
}

import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";

/** A coded reference entry with its name in every stored language. */
export interface ReferenceEntry {
  code: string;
  name: TranslatedText;
}

/** The census communities in the statistics agency's order. */
export async function listCommunities(db: Db): Promise<(ReferenceEntry & { isMajority: boolean })[]> {
  const rows = await db.selectFrom("community").select(["code", "name", "is_majority"]).orderBy("sort_order").execute();
  return rows.map((r) => ({ code: r.code, name: r.name, isMajority: r.is_majority }));
}

/** Sectors used across strategies, projects, cases and documents. */
export async function listSectors(db: Db): Promise<ReferenceEntry[]> {
  return db.selectFrom("sector").select(["code", "name"]).orderBy("sort_order").execute();
}

/** Kinds of organisation in the actor directory. */
export async function listOrganisationTypes(db: Db): Promise<ReferenceEntry[]> {
  return db.selectFrom("organisation_type").select(["code", "name"]).orderBy("sort_order").execute();
}

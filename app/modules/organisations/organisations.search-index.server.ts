import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { ORGANISATION_CODES } from "./organisation-codes.server.ts";
import { removeSearchEntry, upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";

/**
 * The search index entries of active organisations (all of them, or the given ids), with their
 * description, acronym, sectors, communities and municipality. One query.
 */
export async function organisationSearchEntries(
  db: Kysely<Database>,
  ids?: readonly number[],
): Promise<SearchEntryInput[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom("organisation as o")
    .select(["o.id", "o.slug", "o.name", "o.acronym", "o.description", "o.kas_code", "o.address", "o.created_at"])
    .select(ORGANISATION_CODES)
    .where("o.is_active", "=", true);
  if (ids) query = query.where("o.id", "in", ids);
  const rows = await query.orderBy("o.id").execute();
  return rows.map((o) => ({
    kind: "organisation",
    refId: o.id,
    title: o.name,
    summary: o.description,
    body: [o.acronym, o.address].filter(Boolean).join("\n"),
    path: `organizations/${o.slug}`,
    sectors: o.sectors,
    communities: o.communities,
    municipalities: o.kas_code ? [o.kas_code] : [],
    publishedAt: o.created_at,
  }));
}

/**
 * Brings the index entries of the given organisations up to date (inactive ones are removed).
 * For the organisations module to call in the transaction that changes an organisation.
 */
export async function reindexOrganisations(trx: Kysely<Database>, ids: readonly number[]): Promise<void> {
  const entries = await organisationSearchEntries(trx, ids);
  const present = new Set(entries.map((e) => String(e.refId)));
  for (const id of ids) if (!present.has(String(id))) await removeSearchEntry(trx, "organisation", id);
  await upsertSearchEntries(trx, entries);
}

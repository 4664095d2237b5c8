import type { Kysely, Selectable } from "kysely";
import type { Database } from "#app/db/schema.ts";
import type { PlaceSearchDocumentView } from "#app/db/tables/search.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { removeSearchEntry, upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";

/*
 * Municipalities and settlements in the search index (decision 038). Both are reference data, public
 * to everyone: migration 0032 wrote their entries once (the same entries as these functions build; a
 * test compares them). Whatever changes a municipality or a settlement (a corrected name, a Cyrillic
 * form) calls the reindex function in the same transaction.
 */

/**
 * A place's entry from its search document (the view `place_search_document`, migration 0060: the
 * names in every script, the body, the path). A settlement's Serbian title is its Cyrillic name in
 * Latin letters, written here where the transliteration is. For a settlement the municipality's
 * name leads the body, which is the snippet, rather than the summary: a search for a municipality
 * ranks the municipality first, not its hundred settlements.
 */
function placeEntry(place: Selectable<PlaceSearchDocumentView>): SearchEntryInput {
  return {
    kind: place.kind,
    refId: place.ref_id,
    title: place.name_cyrl ? { ...place.title, sr: cyrillicToLatin(place.name_cyrl) } : place.title,
    body: place.body,
    path: place.path,
    originalLocale: place.original_locale,
    municipalities: [place.kas_code],
  };
}

/** The entries of one kind of place (all, or the given ones). One query. */
async function placeSearchEntries(
  db: Kysely<Database>,
  kind: PlaceSearchDocumentView["kind"],
  refIds?: readonly (string | number)[],
): Promise<SearchEntryInput[]> {
  if (refIds && refIds.length === 0) return [];
  let query = db.selectFrom("place_search_document").selectAll().where("kind", "=", kind);
  if (refIds) query = query.where("ref_id", "in", refIds.map(String));
  const rows = await query.orderBy("ref_id").execute();
  return rows.map(placeEntry);
}

/** The entries of the municipalities (all, or the given KAS codes). One query. */
export function municipalitySearchEntries(
  db: Kysely<Database>,
  kasCodes?: readonly string[],
): Promise<SearchEntryInput[]> {
  return placeSearchEntries(db, "municipality", kasCodes);
}

/** The entries of the settlements (all, or the given ids), linked to their municipality's page (its settlement list). One query. */
export function settlementSearchEntries(db: Kysely<Database>, ids?: readonly number[]): Promise<SearchEntryInput[]> {
  return placeSearchEntries(db, "settlement", ids);
}

/** Brings the entries of the given settlements up to date (a removed settlement loses its entry). Call it in the writing transaction. */
export async function reindexSettlements(trx: Kysely<Database>, ids: readonly number[]): Promise<void> {
  const entries = await settlementSearchEntries(trx, ids);
  const present = new Set(entries.map((e) => String(e.refId)));
  for (const id of ids) if (!present.has(String(id))) await removeSearchEntry(trx, "settlement", id);
  await upsertSearchEntries(trx, entries);
}

/** Brings the entries of the given municipalities up to date. Call it in the writing transaction. */
export async function reindexMunicipalities(trx: Kysely<Database>, kasCodes: readonly string[]): Promise<void> {
  await upsertSearchEntries(trx, await municipalitySearchEntries(trx, kasCodes));
}

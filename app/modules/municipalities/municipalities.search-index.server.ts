import type { Kysely } from "kysely";
import type { Database, TranslatedText } from "#app/db/schema.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { removeSearchEntry, upsertSearchEntries, type SearchEntryInput } from "#app/services/search-index.server.ts";

/*
 * Municipalities and settlements in the search index (decision 038). Both are reference data, public
 * to everyone: migration 0032 wrote their entries once (the same entries as these functions build; a
 * test compares them). Whatever changes a municipality or a settlement (a corrected name, a Cyrillic
 * form) calls the reindex function in the same transaction.
 */

/** The entries of the municipalities (all, or the given KAS codes): the names in every script. One query. */
export async function municipalitySearchEntries(
  db: Kysely<Database>,
  kasCodes?: readonly string[],
): Promise<SearchEntryInput[]> {
  if (kasCodes && kasCodes.length === 0) return [];
  let query = db
    .selectFrom("municipality")
    .select(["kas_code", "slug", "name_sq", "name_sr", "name_sr_cyrl", "name_alt"]);
  if (kasCodes) query = query.where("kas_code", "in", kasCodes);
  const rows = await query.orderBy("kas_code").execute();
  return rows.map((m) => ({
    kind: "municipality",
    refId: m.kas_code,
    title: { sq: m.name_sq, sr: m.name_sr, en: m.name_sq },
    body: [m.name_sr_cyrl, m.name_alt].filter(Boolean).join("\n"),
    path: `municipalities/${m.kas_code}-${m.slug}`,
    municipalities: [m.kas_code],
  }));
}

/**
 * The entries of the settlements (all, or the given ids), linked to their municipality's page (its
 * settlement list). The municipality's name leads the body, which is the snippet, rather than the
 * summary: a search for a municipality ranks the municipality first, not its hundred settlements. One query.
 */
export async function settlementSearchEntries(
  db: Kysely<Database>,
  ids?: readonly number[],
): Promise<SearchEntryInput[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom("settlement as s")
    .innerJoin("municipality as m", "m.kas_code", "s.kas_code")
    .select([
      "s.id",
      "s.name",
      "s.name_ascii",
      "s.name_cyrl",
      "s.alternate_names",
      "s.kas_code",
      "m.slug",
      "m.name_sq",
      "m.name_sr",
    ]);
  if (ids) query = query.where("s.id", "in", ids);
  const rows = await query.orderBy("s.id").execute();
  return rows.map((s) => {
    const title: TranslatedText = s.name_cyrl ? { sq: s.name, sr: cyrillicToLatin(s.name_cyrl) } : { sq: s.name };
    return {
      kind: "settlement",
      refId: s.id,
      title,
      body: [
        s.name_sq === s.name_sr ? s.name_sq : `${s.name_sq} / ${s.name_sr}`,
        s.name_cyrl,
        s.name_ascii,
        s.alternate_names.replaceAll(",", ", "),
      ]
        .filter(Boolean)
        .join("\n"),
      path: `municipalities/${s.kas_code}-${s.slug}#settlements-heading`,
      originalLocale: "sq",
      municipalities: [s.kas_code],
    };
  });
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

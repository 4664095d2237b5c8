import { sql, type Kysely } from "kysely";
import type { ContentLocale, Database, TranslatedText } from "#app/db/schema.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { searchIndexText } from "./search-keys.ts";

/**
 * The platform's search index (table `search_entry`). Each module keeps its public items in it by
 * calling `upsertSearchEntry` / `removeSearchEntry` inside the transaction that changes the item,
 * so the index can never disagree with the data. The search module reads it.
 */

/** What a module tells the index about one item. */
export interface SearchEntryInput {
  kind: string;
  refId: string | number;
  title: TranslatedText;
  summary?: TranslatedText;
  /** Plain text (no markup), e.g. the extracted text of a document or an article's body. */
  body?: string;
  /** The path after the locale where the item is shown, e.g. `news/some-slug`. */
  path: string;
  originalLocale?: ContentLocale | null;
  sectors?: string[];
  /** KAS codes. */
  municipalities?: string[];
  communities?: string[];
  publishedAt?: Date | string | null;
  /** False for items only signed-in people may find (drafts are simply not indexed). */
  isPublic?: boolean;
}

/** Longest body kept for snippets and matching; longer texts are cut (the start is the most telling). */
export const MAX_INDEXED_BODY = 200_000;

/**
 * Normalises text for comparing whole texts (e.g. project titles for overlaps): Serbian Cyrillic →
 * Latin, đ → dj, diacritics removed (ë → e, ç → c, š → s…), lower case, whitespace collapsed. The
 * search index itself stores word forms (searchIndexText in ./search-keys.ts, decision 038).
 */
export function normaliseForSearch(text: string): string {
  return cyrillicToLatin(text.normalize("NFC"))
    .replace(/đ/g, "dj")
    .replace(/Đ/g, "Dj")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The texts of a translated text, in locale order (jsonb does not keep the order the keys were written in). */
function textsOf(value: TranslatedText | undefined): string[] {
  if (!value) return [];
  const { machine, ...written } = value;
  const inOrder = (texts: object) =>
    Object.entries(texts)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, text]) => text as unknown);
  return [...inOrder(written), ...inOrder(machine ?? {})].filter((v): v is string => typeof v === "string");
}

/**
 * What the index stores to match an item: the search forms (./search-keys.ts, decision 038) of the
 * words of its title and summary (`headText`, for ranking) and of everything (`searchText`).
 */
export function searchIndexTexts(entry: { title: TranslatedText; summary?: TranslatedText; body?: string }): {
  headText: string;
  searchText: string;
} {
  const head = searchIndexText([...textsOf(entry.title), ...textsOf(entry.summary)].join(" \n "));
  const body = searchIndexText((entry.body ?? "").slice(0, MAX_INDEXED_BODY));
  return { headText: head, searchText: body ? `${head} ${body}` : head };
}

function rowOf(entry: SearchEntryInput) {
  const body = (entry.body ?? "").slice(0, MAX_INDEXED_BODY);
  const texts = searchIndexTexts(entry);
  return {
    kind: entry.kind,
    ref_id: String(entry.refId),
    title: entry.title,
    summary: entry.summary ?? {},
    body,
    path: entry.path,
    original_locale: entry.originalLocale ?? null,
    search_text: texts.searchText,
    head_text: texts.headText,
    sectors: entry.sectors ?? [],
    municipalities: entry.municipalities ?? [],
    communities: entry.communities ?? [],
    published_at: entry.publishedAt ?? null,
    is_public: entry.isPublic ?? true,
    updated_at: sql<Date>`now()`,
  };
}

/** Rows written per statement by upsertSearchEntries. */
const BATCH_SIZE = 500;

/** Inserts or replaces an item's entry. Call it in the transaction that writes the item. */
export async function upsertSearchEntry(db: Kysely<Database>, entry: SearchEntryInput): Promise<void> {
  await upsertSearchEntries(db, [entry]);
}

/** Inserts or replaces many entries with one statement per 500 (imports, re-indexing). */
export async function upsertSearchEntries(db: Kysely<Database>, entries: readonly SearchEntryInput[]): Promise<void> {
  for (let start = 0; start < entries.length; start += BATCH_SIZE) {
    const rows = entries.slice(start, start + BATCH_SIZE).map(rowOf);
    await db
      .insertInto("search_entry")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["kind", "ref_id"]).doUpdateSet((eb) => ({
          title: eb.ref("excluded.title"),
          summary: eb.ref("excluded.summary"),
          body: eb.ref("excluded.body"),
          path: eb.ref("excluded.path"),
          original_locale: eb.ref("excluded.original_locale"),
          search_text: eb.ref("excluded.search_text"),
          head_text: eb.ref("excluded.head_text"),
          sectors: eb.ref("excluded.sectors"),
          municipalities: eb.ref("excluded.municipalities"),
          communities: eb.ref("excluded.communities"),
          published_at: eb.ref("excluded.published_at"),
          is_public: eb.ref("excluded.is_public"),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
}

/** Removes an item's entry (unpublished, deleted). Call it in the transaction that changes the item. */
export async function removeSearchEntry(db: Kysely<Database>, kind: string, refId: string | number): Promise<void> {
  await db.deleteFrom("search_entry").where("kind", "=", kind).where("ref_id", "=", String(refId)).execute();
}

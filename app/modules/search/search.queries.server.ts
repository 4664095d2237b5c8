import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { normaliseForSearch } from "#app/services/search-index.server.ts";

/** The kinds of item the search page names (others are still found and counted under their own kind). */
export const SEARCH_KINDS = ["document", "news", "event", "service", "opportunity", "organisation", "project", "measure", "strategy"] as const;

/** Longest query considered, and most words. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** Characters of an entry's body read for its snippet. */
const SNIPPET_SOURCE_CHARS = 40_000;

/**
 * The query's words, normalised as the index is (a Latin query finds Cyrillic text, diacritics
 * ignored): only letters and digits survive, so they can be put into a tsquery safely.
 */
export function queryTerms(query: string): string[] {
  const words = normaliseForSearch(query.slice(0, MAX_QUERY_LENGTH))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 60));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** The tsquery text for the terms: every word required, words of 3 letters or more also as prefixes. */
export function tsQueryText(terms: readonly string[]): string {
  return terms.map((t) => (t.length >= 3 ? `${t}:*` : t)).join(" & ");
}

/** One found item. */
export interface SearchHit {
  kind: string;
  refId: string;
  path: string;
  title: TranslatedText;
  summary: TranslatedText;
  /** The opening of the body (where the snippet is looked for). */
  body: string;
  originalLocale: ContentLocale | null;
  publishedAt: Date | null;
  rank: number;
}

export interface SearchResult {
  terms: string[];
  items: SearchHit[];
  /** Matches in the chosen kind (or in all kinds). */
  total: number;
  /** Matches by kind, whatever kind is chosen. */
  counts: { kind: string; count: number }[];
}

/**
 * Searches the one index: full-text match on every word (prefixes too) over title, summary and
 * body, or a trigram match of the whole query on title and summary (typos); ranked by the title
 * and summary's text rank and similarity, then by date. Two queries, run together, whatever the
 * size of the index; anonymous readers only see public entries.
 */
export async function searchEntries(
  db: Db,
  { query, kind, page, pageSize, includePrivate }: { query: string; kind?: string; page: number; pageSize: number; includePrivate: boolean },
): Promise<SearchResult> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { terms, items: [], total: 0, counts: [] };
  const tsq = sql`to_tsquery('simple'::regconfig, ${tsQueryText(terms)})`;
  const phrase = terms.join(" ");
  const matches = sql<boolean>`(e.search_vector @@ ${tsq} or ${phrase}::text <% e.head_text)`;
  const visible = includePrivate ? sql<boolean>`true` : sql<boolean>`e.is_public`;
  const [rows, counts] = await Promise.all([
    sql<{
      kind: string;
      ref_id: string;
      path: string;
      title: TranslatedText;
      summary: TranslatedText;
      body: string;
      original_locale: ContentLocale | null;
      published_at: Date | null;
      rank: number;
    }>`
      with hits as (
        select e.kind, e.ref_id,
          ts_rank(e.head_vector, ${tsq}) * 2 + word_similarity(${phrase}::text, e.head_text) + case when e.search_vector @@ ${tsq} then 0.2 else 0 end as rank,
          e.published_at
        from search_entry e
        where ${matches} and ${visible} ${kind ? sql`and e.kind = ${kind}` : sql``}
      ), page as (
        select h.* from hits h
        order by h.rank desc, h.published_at desc nulls last, h.kind, h.ref_id
        limit ${pageSize} offset ${(page - 1) * pageSize}
      )
      select p.kind, p.ref_id, e.path, e.title, e.summary, left(e.body, ${SNIPPET_SOURCE_CHARS}) as body, e.original_locale, e.published_at, p.rank
      from page p join search_entry e on e.kind = p.kind and e.ref_id = p.ref_id
      order by p.rank desc, p.published_at desc nulls last, p.kind, p.ref_id`.execute(db),
    sql<{ kind: string; count: string }>`
      select e.kind, count(*) as count from search_entry e
      where ${matches} and ${visible}
      group by e.kind order by e.kind`.execute(db),
  ]);
  const countList = counts.rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
  const total = kind ? (countList.find((c) => c.kind === kind)?.count ?? 0) : countList.reduce((sum, c) => sum + c.count, 0);
  return {
    terms,
    total,
    counts: countList,
    items: rows.rows.map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      path: r.path,
      title: r.title,
      summary: r.summary,
      body: r.body,
      originalLocale: r.original_locale,
      publishedAt: r.published_at,
      rank: Number(r.rank),
    })),
  };
}

import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { normaliseForSearch } from "#app/services/search-index.server.ts";
import { SEARCH_KINDS } from "./search.constants.ts";

export { SEARCH_KINDS };


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

/**
 * The tsquery text for the terms: every word required as a whole word, except the last one, which is
 * also matched as a prefix (the word being typed). Exact words use the GIN index's posting lists
 * directly; a prefix of one letter would expand to half the index, so only the last word of two
 * letters or more is a prefix.
 */
export function tsQueryText(terms: readonly string[], { lastIsPrefix = true }: { lastIsPrefix?: boolean } = {}): string {
  return terms.map((t, i) => (lastIsPrefix && i === terms.length - 1 && t.length >= 2 ? `${t}:*` : t)).join(" & ");
}

/** Counts stop here: above it the page says "more than 1,000" (an exact count reads every match). */
export const COUNT_CAP = 1000;
/** Most candidates ranked per search (title matches and body matches each); results are paged within them. */
export const MAX_RANKED = 1000;

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

export interface SearchCount {
  kind: string;
  /** At most COUNT_CAP. */
  count: number;
  /** True when there are more than COUNT_CAP matches. */
  capped: boolean;
}

export interface SearchResult {
  /** The words searched for (after typo correction). */
  terms: string[];
  /** The words as searched when some were corrected (a typed word found nowhere, replaced by the nearest known word), else null. */
  correctedQuery: string | null;
  items: SearchHit[];
  /** Matches in the chosen kind (or in all kinds), at most COUNT_CAP per kind. */
  total: number;
  /** True when `total` is a lower bound (some count reached COUNT_CAP). */
  totalCapped: boolean;
  /** How many results can be paged through (the ranked candidates). */
  pageable: number;
  /** Matches by kind, whatever kind is chosen; kinds without matches are left out. */
  counts: SearchCount[];
}

/**
 * Checks the words against the index's word table: a word found nowhere (and, for the last word, no
 * word starting with it) is replaced by the most similar known word (pg_trgm), so a typo still
 * finds what was meant. One query whatever the number of words.
 */
async function resolveTerms(db: Db, terms: string[]): Promise<{ terms: string[]; corrected: boolean }> {
  const rows = await sql<{ ord: string; known: boolean; nearest: string | null }>`
    select t.ord,
      (exists (select 1 from search_word w where w.word = t.term)
        or (t.ord = ${terms.length} and length(t.term) >= 2 and exists (select 1 from search_word w where w.word like t.term || '%'))) as known,
      case when length(t.term) >= 4 and t.term !~ '^[0-9]+$' then
        (select w.word from search_word w where w.word % t.term order by similarity(w.word, t.term) desc, w.word limit 1)
      end as nearest
    from unnest(${terms}::text[]) with ordinality as t(term, ord)
    order by t.ord`.execute(db);
  let corrected = false;
  const out = terms.map((term, i) => {
    const row = rows.rows[i];
    if (!row || row.known || !row.nearest) return term;
    corrected = true;
    return row.nearest;
  });
  return { terms: [...new Set(out)], corrected };
}

/**
 * Searches the one index. Every word must occur (the last one may be a prefix); a word found nowhere
 * is first corrected to the nearest known word. Ranking is bounded: at most MAX_RANKED title and
 * summary matches (ranked by text rank) and MAX_RANKED body matches (newest first) are candidates,
 * ordered title matches first; only the page shown reads bodies for snippets. Counts by kind stop at
 * COUNT_CAP. Three queries whatever the size of the index (words, then results and counts together);
 * anonymous readers only see public entries.
 */
export async function searchEntries(
  db: Db,
  { query, kind, page, pageSize, includePrivate }: { query: string; kind?: string; page: number; pageSize: number; includePrivate: boolean },
): Promise<SearchResult> {
  const typed = queryTerms(query);
  if (typed.length === 0) return { terms: typed, correctedQuery: null, items: [], total: 0, totalCapped: false, pageable: 0, counts: [] };
  const { terms, corrected } = await resolveTerms(db, typed);
  const tsq = sql`to_tsquery('simple'::regconfig, ${tsQueryText(terms, { lastIsPrefix: !corrected || terms.at(-1) === typed.at(-1) })})`;
  const visible = includePrivate ? sql<boolean>`true` : sql<boolean>`e.is_public`;
  const ofKind = kind ? sql`and e.kind = ${kind}` : sql``;
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
      with head as (
        select e.kind, e.ref_id, e.published_at, 1 + 2 * ts_rank(e.head_vector, ${tsq}) as rank
        from search_entry e
        where e.head_vector @@ ${tsq} and ${visible} ${ofKind}
        order by rank desc, e.published_at desc nulls last
        limit ${MAX_RANKED}
      ), body as (
        select e.kind, e.ref_id, e.published_at, 0::real as rank
        from search_entry e
        where e.search_vector @@ ${tsq} and ${visible} ${ofKind}
        order by e.published_at desc nulls last
        limit ${MAX_RANKED}
      ), candidate as (
        select kind, ref_id, published_at, max(rank) as rank from (select * from head union all select * from body) u
        group by kind, ref_id, published_at
      ), page as (
        select * from candidate
        order by rank desc, published_at desc nulls last, kind, ref_id
        limit ${pageSize} offset ${(page - 1) * pageSize}
      )
      select p.kind, p.ref_id, e.path, e.title, e.summary, left(e.body, ${SNIPPET_SOURCE_CHARS}) as body, e.original_locale, e.published_at, p.rank
      from page p join search_entry e on e.kind = p.kind and e.ref_id = p.ref_id
      order by p.rank desc, p.published_at desc nulls last, p.kind, p.ref_id`.execute(db),
    // One capped count per kind, each planned with its own kind (a shared plan could read every vector of the largest kind).
    sql<{ kind: string; count: string }>`${sql.join(
      SEARCH_KINDS.map(
        (k) => sql`select ${k}::text as kind, (
          select count(*) from (
            select 1 from search_entry e
            where e.kind = ${k} and e.search_vector @@ ${tsq} and ${visible}
            limit ${COUNT_CAP + 1}
          ) capped
        ) as count`,
      ),
      sql` union all `,
    )}`.execute(db),
  ]);
  const countList = counts.rows
    .map((r) => ({ kind: r.kind, count: Math.min(Number(r.count), COUNT_CAP), capped: Number(r.count) > COUNT_CAP }))
    .filter((c) => c.count > 0)
    .sort((a, b) => a.kind.localeCompare(b.kind));
  const chosen = kind ? countList.filter((c) => c.kind === kind) : countList;
  const total = chosen.reduce((sum, c) => sum + c.count, 0);
  return {
    terms,
    correctedQuery: corrected ? terms.join(" ") : null,
    total,
    totalCapped: chosen.some((c) => c.capped),
    pageable: Math.min(total, MAX_RANKED),
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

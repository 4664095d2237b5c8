import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { foldedWordsOf, searchForms } from "#app/services/search-keys.ts";
import { SEARCH_KINDS } from "./search.constants.ts";

export { SEARCH_KINDS };

/** Longest query considered, and most words. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;
/** Characters of an entry's body read for its snippet. */
const SNIPPET_SOURCE_CHARS = 40_000;

/**
 * The query's words, folded as the index folds them (app/services/search-keys.ts: either script,
 * Albanian and Serbian spellings, no diacritics, lower case): only letters and digits survive, so they
 * can be put into a tsquery safely.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(foldedWordsOf(query.slice(0, MAX_QUERY_LENGTH)))].slice(0, MAX_TERMS);
}

/**
 * The tsquery text for the terms: every word required, under any of its search forms (the word or its
 * stem, as the index stores them: `(romeve | rom)`), except that the last one, while it is being typed
 * (`lastIsPrefix`: no form of it is a known word), is matched as a prefix instead. Exact forms use the GIN
 * index's posting lists directly; a prefix of one letter would expand to half the index, so only a last
 * word of two letters or more is a prefix.
 */
export function tsQueryText(
  terms: readonly string[],
  { lastIsPrefix = true }: { lastIsPrefix?: boolean } = {},
): string {
  return terms
    .map((t, i) => {
      if (lastIsPrefix && i === terms.length - 1 && t.length >= 2) return `${t}:*`;
      const forms = searchForms(t);
      return forms.length === 1 ? t : `(${forms.join(" | ")})`;
    })
    .join(" & ");
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
  /** Exact when `capped` is false. */
  count: number;
  /**
   * True when the whole search has more than COUNT_CAP matches: counts by kind are not known then
   * (finding them would read every match), so every kind is listed with count 0 and `capped`.
   */
  capped: boolean;
}

export interface SearchResult {
  /** The words searched for (after typo correction). */
  terms: string[];
  /** The words as searched when some were corrected (a typed word found nowhere, replaced by the nearest known word), else null. */
  correctedQuery: string | null;
  items: SearchHit[];
  /** Matches in the chosen kind (or in all kinds), at most COUNT_CAP. */
  total: number;
  /** True when `total` is a lower bound (some count reached COUNT_CAP). */
  totalCapped: boolean;
  /** How many results can be paged through (the ranked candidates). */
  pageable: number;
  /** Matches by kind, whatever kind is chosen; kinds without matches are left out (unless capped, see SearchCount). */
  counts: SearchCount[];
}

/**
 * Checks the words against the index's word table: a word none of whose forms is found (and, for the
 * last word, no word starting with it) is replaced by the most similar known word (pg_trgm), so a typo
 * still finds what was meant. The last word is matched as a prefix only while none of its forms is a
 * known word (it is still being typed): "roma" and "romë" both mean the Roma, not every word starting
 * with "rom". One query whatever the number of words.
 */
async function resolveTerms(
  db: Db,
  terms: string[],
): Promise<{ terms: string[]; corrected: boolean; lastIsPrefix: boolean }> {
  const forms = terms.map((t) => searchForms(t).join(" "));
  const rows = await sql<{ ord: string; known: boolean; exact: boolean; nearest: string | null }>`
    select k.ord, k.known, k.exact,
      case when not k.known and length(k.term) >= 4 and k.term !~ '^[0-9]+$' then
        (select w.word from search_word w where w.word % k.term order by similarity(w.word, k.term) desc, w.word limit 1)
      end as nearest
    from (
      select t.ord, t.term, e.exact,
        (e.exact or (t.ord = ${terms.length} and length(t.term) >= 2 and exists (select 1 from search_word w where w.word like t.term || '%'))) as known
      from unnest(${terms}::text[], ${forms}::text[]) with ordinality as t(term, forms, ord)
      cross join lateral (select exists (select 1 from search_word w where w.word = any (string_to_array(t.forms, ' '))) as exact) e
      offset 0
    ) k
    order by k.ord`.execute(db);
  let corrected = false;
  const out = terms.map((term, i) => {
    const row = rows.rows[i];
    if (!row || row.known || !row.nearest) return term;
    corrected = true;
    return row.nearest;
  });
  const last = rows.rows[terms.length - 1];
  const lastCorrected = out.at(-1) !== terms.at(-1);
  return { terms: [...new Set(out)], corrected, lastIsPrefix: !lastCorrected && !(last?.exact ?? false) };
}

/**
 * Searches the one index. Every word must occur under one of its search forms (the last one may be a
 * prefix while it is being typed); a word found nowhere
 * is first corrected to the nearest known word. Ranking is bounded: the first MAX_RANKED title and
 * summary matches the index yields (ranked among themselves by text rank) and the first MAX_RANKED
 * matches anywhere are the candidates, title matches first, then newest first; only the page shown
 * reads bodies for snippets. Matches are read only through the GIN indexes (functions of migration
 * 0018), so a common word costs what its first thousand matches cost. Counts stop at COUNT_CAP.
 * Two queries whatever the size of the index (the words, then results and counts in one statement);
 * anonymous readers only see public entries.
 */
export async function searchEntries(
  db: Db,
  {
    query,
    kind,
    page,
    pageSize,
    includePrivate,
  }: { query: string; kind?: string; page: number; pageSize: number; includePrivate: boolean },
): Promise<SearchResult> {
  const typed = queryTerms(query);
  if (typed.length === 0)
    return { terms: typed, correctedQuery: null, items: [], total: 0, totalCapped: false, pageable: 0, counts: [] };
  const { terms, corrected, lastIsPrefix } = await resolveTerms(db, typed);
  const tsq = sql`to_tsquery('simple'::regconfig, ${tsQueryText(terms, { lastIsPrefix })})`;
  const publicOnly = !includePrivate;
  const chosenKind = kind ?? null;
  // One statement: the first COUNT_CAP + 1 matches (of the chosen kind, or of all kinds) serve both as
  // ranking candidates and as the count; with a kind chosen, the count by kind reads its own sample.
  const sample = chosenKind
    ? sql`select b.kind from q, search_entry_body_hits(q.tsq, ${publicOnly}, null, ${COUNT_CAP + 1}) b`
    : sql`select kind from body`;
  const result = await sql<{
    items: {
      kind: string;
      ref_id: string;
      path: string;
      title: TranslatedText;
      summary: TranslatedText;
      body: string;
      original_locale: ContentLocale | null;
      published_at: string | null;
      rank: number;
    }[];
    counts: Record<string, number>;
    chosen: string;
  }>`
    with q as materialized (select ${tsq} as tsq),
    body as materialized (
      select b.kind, b.ref_id, b.published_at from q, search_entry_body_hits(q.tsq, ${publicOnly}, ${chosenKind}::text, ${COUNT_CAP + 1}) b
    ), candidate as (
      select kind, ref_id, max(published_at) as published_at, max(rank) as rank from (
        select h.kind, h.ref_id, h.published_at, 1 + 2 * h.rank as rank
        from q, search_entry_head_hits(q.tsq, ${publicOnly}, ${chosenKind}::text, ${MAX_RANKED}) h
        union all
        select b.kind, b.ref_id, b.published_at, 0 as rank from body b
      ) u
      group by kind, ref_id
    ), page as (
      select * from candidate
      order by rank desc, published_at desc nulls last, kind, ref_id
      limit ${pageSize} offset ${(page - 1) * pageSize}
    ), hit as (
      select p.kind, p.ref_id, e.path, e.title, e.summary, left(e.body, ${SNIPPET_SOURCE_CHARS}) as body, e.original_locale, e.published_at, p.rank
      from page p join search_entry e on e.kind = p.kind and e.ref_id = p.ref_id
    )
    select
      (select coalesce(jsonb_agg(to_jsonb(h) order by h.rank desc, h.published_at desc nulls last, h.kind, h.ref_id), '[]'::jsonb) from hit h) as items,
      (select coalesce(jsonb_object_agg(c.kind, c.n), '{}'::jsonb) from (select s.kind, count(*) as n from (${sample}) s group by s.kind) c) as counts,
      (select count(*) from body) as chosen`.execute(db);
  const row = result.rows[0];
  const byKind = Object.entries(row?.counts ?? {}).map(([k, n]) => ({ kind: k, count: Number(n) }));
  const sampled = byKind.reduce((sum, r) => sum + r.count, 0);
  const allCapped = sampled > COUNT_CAP;
  // Above the cap the sample says nothing reliable about each kind: every kind is offered, without a number.
  const countList: SearchCount[] = allCapped
    ? SEARCH_KINDS.map((k) => ({ kind: k, count: 0, capped: true }))
    : byKind.map((r) => ({ ...r, capped: false })).sort((a, b) => a.kind.localeCompare(b.kind));
  const chosenCount = Number(row?.chosen ?? 0);
  const total = Math.min(chosenCount, COUNT_CAP);
  const totalCapped = chosenCount > COUNT_CAP;
  return {
    terms,
    correctedQuery: corrected ? terms.join(" ") : null,
    total,
    totalCapped,
    pageable: Math.min(total, MAX_RANKED),
    counts: countList,
    items: (row?.items ?? []).map((r) => ({
      kind: r.kind,
      refId: r.ref_id,
      path: r.path,
      title: r.title,
      summary: r.summary,
      body: r.body,
      originalLocale: r.original_locale,
      publishedAt: r.published_at ? new Date(r.published_at) : null,
      rank: Number(r.rank),
    })),
  };
}

/** Most addresses one sitemap may list (sitemaps.org). */
export const SITEMAP_MAX_ENTRIES = 50_000;

/**
 * Every public item of the search index with a page of its own, as the sitemap lists it: where it
 * is shown (after the locale) and when it last changed. One query.
 */
export async function listPublicPaths(db: Db): Promise<{ path: string; updatedAt: Date }[]> {
  const rows = await db
    .selectFrom("search_entry")
    .select(["path", "updated_at"])
    .where("is_public", "=", true)
    // Settlements point into their municipality's page (a fragment), which is listed already.
    .where("path", "not like", "%#%")
    .orderBy("path")
    .limit(SITEMAP_MAX_ENTRIES)
    .execute();
  return rows.map((row) => ({ path: row.path, updatedAt: new Date(row.updated_at) }));
}

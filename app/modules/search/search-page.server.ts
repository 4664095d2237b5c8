import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize } from "#app/i18n/translated-text.ts";
import { isSearchRateLimited } from "./search-limit.server.ts";
import { COUNT_CAP, MAX_QUERY_LENGTH, searchEntries, type SearchHit, type SearchResult } from "./search.queries.server.ts";
import { highlightAll, openingOf, snippetAround, type TextSegment } from "./snippet.ts";
import { SEARCH_PAGE_SIZE } from "./search.constants.ts";

export { SEARCH_PAGE_SIZE };


/** The search page's and API's parameters (bad values fall back to defaults, never a 500). */
export const SearchQuerySchema = z.object({
  q: z.string().trim().max(MAX_QUERY_LENGTH).catch("").default(""),
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined)),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});

const NO_RESULTS: SearchResult = { terms: [], correctedQuery: null, items: [], total: 0, totalCapped: false, pageable: 0, counts: [] };

/** The snippet of one hit: around the first match in the summary or body, else their opening. */
export function snippetFor(hit: SearchHit, terms: string[], locale: Locale): TextSegment[] {
  const summary = localize(hit.summary, locale, hit.originalLocale ?? undefined);
  return (summary && snippetAround(summary.text, terms)) ?? snippetAround(hit.body, terms) ?? (summary ? openingOf(summary.text) : openingOf(hit.body));
}

/** One page of search results as the page shows them: titles and snippets highlighted, dates and counts formatted. */
export async function loadSearchPage(db: Db, request: Request, locale: Locale, { includePrivate, client }: { includePrivate: boolean; client?: { clientAddress?: string | null } }) {
  const query = SearchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A client over its limit gets the page without results (the route answers 429).
  const rateLimited = client ? await isSearchRateLimited(db, client, query.q) : false;
  const result = rateLimited ? NO_RESULTS : await searchEntries(db, { query: query.q, kind: query.kind, page: query.page, pageSize: SEARCH_PAGE_SIZE, includePrivate });
  const allCapped = result.counts.some((c) => c.capped);
  const allCount = allCapped ? COUNT_CAP : result.counts.reduce((sum, c) => sum + c.count, 0);
  return {
    query,
    rateLimited,
    hasQuery: result.terms.length > 0,
    /** The words searched for when a typed word was found nowhere and replaced by the nearest known word. */
    correctedQuery: result.correctedQuery,
    /** Results that can be paged through (ranking is bounded, see searchEntries). */
    pageable: result.pageable,
    pageableLabel: formatNumber(result.pageable, locale),
    total: result.total,
    /** Counts above COUNT_CAP are shown as "more than …" (the label holds the number, the page the words). */
    totalCapped: result.totalCapped,
    totalLabel: formatNumber(result.total, locale),
    allCountCapped: allCapped,
    allCountLabel: formatNumber(allCount, locale),
    counts: result.counts.map((c) => ({ kind: c.kind, capped: c.capped, countLabel: formatNumber(c.count, locale) })),
    items: result.items.map((hit) => {
      const title = localize(hit.title, locale, hit.originalLocale ?? undefined);
      const titleText = title?.text ?? "";
      return {
        key: `${hit.kind}:${hit.refId}`,
        kind: hit.kind,
        href: `/${locale}/${hit.path}`,
        titleLang: title?.lang,
        title: highlightAll(titleText, result.terms),
        snippet: snippetFor(hit, result.terms, locale),
        publishedAt: hit.publishedAt ? new Date(hit.publishedAt).toISOString() : null,
        publishedLabel: hit.publishedAt ? formatDate(hit.publishedAt, locale) : null,
      };
    }),
  };
}


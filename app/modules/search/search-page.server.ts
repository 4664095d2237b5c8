import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import { formatDate, formatNumber } from "#app/i18n/format.ts";
import type { ContentLocale } from "#app/db/schema.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { localize, type LocalizedText } from "#app/i18n/translated-text.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { isSearchRateLimited } from "./search-limit.server.ts";
import {
  COUNT_CAP,
  MAX_QUERY_LENGTH,
  searchEntries,
  type SearchHit,
  type SearchResult,
} from "./search.queries.server.ts";
import { highlightAll, openingOf, snippetAround, type TextSegment } from "./snippet.ts";
import { SEARCH_PAGE_SIZE } from "./search.constants.ts";

export { SEARCH_PAGE_SIZE };

/** The search page's and API's parameters (bad values fall back to defaults, never a 500). */
export const SearchQuerySchema = z.object({
  q: z.string().trim().max(MAX_QUERY_LENGTH).catch("").default(""),
  kind: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional()
      .catch(undefined),
  ),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});

const NO_RESULTS: SearchResult = {
  terms: [],
  correctedQuery: null,
  items: [],
  total: 0,
  totalCapped: false,
  pageable: 0,
  counts: [],
};

/** A snippet and the language it is in (its `lang`, and the fallback or machine mark for the page). */
export interface Snippet {
  segments: TextSegment[];
  /** The language of the passage; null when nothing is shown. */
  language: Omit<LocalizedText, "text"> | null;
}

const CONTENT_LOCALES: readonly ContentLocale[] = ["sq", "en", "sr", "tr", "bs", "rom"];

/**
 * The language of a passage of an entry's body, which holds texts in whatever languages the item
 * has (a document's extracted text, a service's requirements in each language), so it is read off
 * the passage's letters: Cyrillic is Serbian, ë is Albanian, č ć đ š ž are Serbian (Latin); a
 * passage with none of them is taken to be in the item's original language (English when unknown).
 */
export function passageLanguage(passage: string, originalLocale: ContentLocale | null): ContentLocale {
  if (/\p{Script=Cyrillic}/u.test(passage)) return "sr";
  if (/[ëË]/.test(passage)) return "sq";
  if (/[čćđšžČĆĐŠŽ]/.test(passage)) return originalLocale === "bs" ? "bs" : "sr";
  return originalLocale ?? "en";
}

/** A localized text's language without the text. */
function languageOf(value: LocalizedText): Omit<LocalizedText, "text"> {
  return { lang: value.lang, shownLocale: value.shownLocale, isFallback: value.isFallback, isMachine: value.isMachine };
}

/** A passage in a known content language, as the reader sees it (Serbian Latin in Cyrillic for sr-cyrl readers, each segment alike). */
function shownIn(segments: TextSegment[], written: ContentLocale, locale: Locale): Snippet {
  const joined = segments.map((s) => s.text).join("");
  const language = localize({ [written]: joined }, locale, written);
  if (!language) return { segments, language: null };
  if (/\p{Script=Cyrillic}/u.test(joined))
    return {
      segments,
      language: { ...languageOf(language), lang: written === "sr" ? LANGUAGE_TAG["sr-cyrl"] : language.lang },
    };
  const transliterated = language.text !== joined;
  return {
    segments: transliterated ? segments.map((s) => ({ ...s, text: latinToCyrillic(s.text) })) : segments,
    language: languageOf(language),
  };
}

/**
 * The snippet of one hit, with its language: around the first match in the reader's summary, else
 * in the summary's other languages (marked as a fallback), else in the body (its language read off
 * the passage); when nothing matches, the opening of the summary or the body.
 */
export function snippetFor(hit: SearchHit, terms: string[], locale: Locale): Snippet {
  const summary = localize(hit.summary, locale, hit.originalLocale ?? undefined);
  const withLanguage = (segments: TextSegment[], value: LocalizedText): Snippet => ({
    segments,
    language: languageOf(value),
  });
  const inSummary = summary && snippetAround(summary.text, terms);
  if (summary && inSummary) return withLanguage(inSummary, summary);
  const others = [hit.originalLocale, ...CONTENT_LOCALES].filter(
    (l, i, all): l is ContentLocale => Boolean(l) && all.indexOf(l) === i && l !== summary?.shownLocale,
  );
  for (const other of others) {
    const text = hit.summary[other]?.trim();
    const around = text ? snippetAround(text, terms) : null;
    if (around) return shownIn(around, other, locale);
  }
  const inBody = snippetAround(hit.body, terms);
  if (inBody) return shownIn(inBody, passageLanguage(inBody.map((s) => s.text).join(""), hit.originalLocale), locale);
  if (summary) return withLanguage(openingOf(summary.text), summary);
  const opening = openingOf(hit.body);
  return opening.length
    ? shownIn(opening, passageLanguage(opening.map((s) => s.text).join(""), hit.originalLocale), locale)
    : { segments: [], language: null };
}

/** One page of search results as the page shows them: titles and snippets highlighted, dates and counts formatted. */
export async function loadSearchPage(
  db: Db,
  request: Request,
  locale: Locale,
  { includePrivate, client }: { includePrivate: boolean; client?: { clientAddress?: string | null } },
) {
  const query = SearchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // A client over its limit gets the page without results (the route answers 429).
  const rateLimited = client ? await isSearchRateLimited(db, client, query.q) : false;
  const result = rateLimited
    ? NO_RESULTS
    : await searchEntries(db, {
        query: query.q,
        kind: query.kind,
        page: query.page,
        pageSize: SEARCH_PAGE_SIZE,
        includePrivate,
      });
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
        /** The title's language, for the fallback or machine mark. */
        titleLanguage: title ? languageOf(title) : null,
        title: highlightAll(titleText, result.terms),
        snippet: snippetFor(hit, result.terms, locale),
        publishedAt: hit.publishedAt ? new Date(hit.publishedAt).toISOString() : null,
        publishedLabel: hit.publishedAt ? formatDate(hit.publishedAt, locale) : null,
      };
    }),
  };
}

import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { LOCALES } from "#app/i18n/locales.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { isSearchRateLimited, SEARCH_LIMITS } from "./search-limit.server.ts";
import { snippetFor, type Snippet } from "./search-page.server.ts";
import { COUNT_CAP, MAX_QUERY_LENGTH, searchEntries } from "./search.queries.server.ts";
import { segmentsToHtml } from "./snippet.ts";

const PAGE_SIZE = 20;

const HitSchema = z
  .object({
    kind: z.string().openapi({ example: "document" }),
    id: z.string(),
    path: z.string().openapi({
      example: "library/law-on-the-use-of-languages",
      description: "Where the item is shown, after the locale: /{lang}/{path}",
    }),
    title: TranslatedTextSchema,
    summary: TranslatedTextSchema,
    snippetHtml: z
      .string()
      .openapi({ description: "A passage around the first match, HTML-escaped, matching words in <mark>" }),
    snippetLanguage: z.string().nullable().openapi({
      example: "sr-Cyrl",
      description:
        "BCP 47 tag of the language and script the passage is written in (for a lang attribute); null when there is no passage",
    }),
    publishedAt: z.string().nullable(),
  })
  .openapi("SearchHit");

function snippetFields(snippet: Snippet): { snippetHtml: string; snippetLanguage: string | null } {
  return {
    snippetHtml: segmentsToHtml(snippet.segments),
    snippetLanguage: snippet.segments.length > 0 ? (snippet.language?.lang ?? null) : null,
  };
}

/** Registers `/search` on the API: the same search as the page, public entries only. */
export function registerSearchApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/search",
      tags: ["Search"],
      summary: "Search documents, news, events, services, opportunities, organisations, projects and measures",
      description:
        "Ignores diacritics and Serbian script: a Latin query finds Cyrillic text and the reverse. Ranked; 20 results per page, within the best 1,000. A word found nowhere is replaced by the nearest known word (correctedQuery).",
      request: {
        query: z.object({
          q: z.string().max(MAX_QUERY_LENGTH).openapi({ example: "zakon o upotrebi jezika" }),
          kind: z
            .string()
            .regex(/^[a-z_]{1,40}$/)
            .optional()
            .openapi({ example: "document" }),
          page: z.coerce.number().int().min(1).max(500).default(1),
          lang: z.enum(LOCALES).default("en").openapi({ description: "Language in which snippets are chosen" }),
        }),
      },
      responses: {
        200: {
          description: "One page of results and the number of matches by kind",
          content: {
            "application/json": {
              schema: z.object({
                total: z
                  .number()
                  .int()
                  .openapi({
                    description: `Matches (in the chosen kind, or in all kinds); each kind is counted up to ${COUNT_CAP}`,
                  }),
                totalCapped: z.boolean().openapi({
                  description: "True when total is a lower bound: some kind has more matches than counted",
                }),
                counts: z
                  .record(z.string(), z.number().int())
                  .openapi({ description: `Matches by kind, at most ${COUNT_CAP} each` }),
                cappedKinds: z.array(z.string()).openapi({ description: `Kinds with more than ${COUNT_CAP} matches` }),
                correctedQuery: z.string().nullable().openapi({
                  description:
                    "The words searched for when a typed word was found nowhere and replaced by the nearest known word",
                }),
                page: z.number().int(),
                data: z.array(HitSchema),
              }),
            },
          },
        },
        429: {
          description: `Too many searches from this client (more than ${SEARCH_LIMITS.perClient.max} a minute); try again after Retry-After seconds`,
          content: { "application/json": { schema: z.object({ error: z.literal("rate_limited") }) } },
        },
      },
    }),
    async (c) => {
      const { q, kind, page, lang } = c.req.valid("query");
      if (await isSearchRateLimited(c.get("ctx").db, c.get("ctx"), q))
        return c.json({ error: "rate_limited" as const }, 429, { "Retry-After": "60" });
      const result = await searchEntries(c.get("ctx").db, {
        query: q,
        kind,
        page,
        pageSize: PAGE_SIZE,
        includePrivate: false,
      });
      return c.json(
        {
          total: result.total,
          totalCapped: result.totalCapped,
          counts: Object.fromEntries(result.counts.map((x) => [x.kind, x.count])),
          cappedKinds: result.counts.filter((x) => x.capped).map((x) => x.kind),
          correctedQuery: result.correctedQuery,
          page,
          data: result.items.map((hit) => ({
            kind: hit.kind,
            id: hit.refId,
            path: hit.path,
            title: hit.title,
            summary: hit.summary,
            ...snippetFields(snippetFor(hit, result.terms, lang)),
            publishedAt: hit.publishedAt ? new Date(hit.publishedAt).toISOString() : null,
          })),
        },
        200,
      );
    },
  );
}

import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "#app/db/client.server.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import { KeptAnswers } from "#app/services/kept-per-generation.server.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import type { PlaceNames } from "./view-models.ts";

/** Paging shared by the clearing house's lists; a malformed value is a 400 (the API's default hook), never ignored. */
export const PageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const KasCodeSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .openapi({ example: "20", description: "KAS code of a municipality" });
export const OrganisationIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const MetaSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const MunicipalitySchema = z
  .object({ kasCode: z.string(), nameSq: z.string(), nameSr: z.string(), nameSrCyrl: z.string() })
  .nullable();
export const OrganisationRefSchema = z.object({ id: z.number().int(), slug: z.string(), name: TranslatedTextSchema });

/**
 * The filters of a list of items an organisation owns, each in one municipality or everywhere: `municipality`
 * (described for the kind: which items it keeps) and `organisation`.
 */
export function ownedItemFilters(municipalityDescription: string) {
  return {
    municipality: KasCodeSchema.optional().openapi({ description: municipalityDescription }),
    organisation: OrganisationIdSchema.optional(),
  };
}

/** The fields that close every published item on the API: who published it, its public page (after the locale), and whether it is demo content. */
export const PublishedItemEndSchema = { organisation: OrganisationRefSchema, path: z.string(), isDemo: z.boolean() };

/** Those closing fields of an item of `kind` (its public pages' folder: `services`, `opportunities`). */
export function publishedItemEnd(
  kind: string,
  item: { slug: string; organisation: z.input<typeof OrganisationRefSchema>; isDemo: boolean },
) {
  return { organisation: item.organisation, path: `${kind}/${item.slug}`, isDemo: item.isDemo };
}

/** A municipality as the API shows it, or null when the item has none. */
export function place(kasCode: string | null, names: PlaceNames | null) {
  return kasCode && names ? { kasCode, ...names } : null;
}

/** A list's query as the API validated it: the shared paging and the kind's filters. */
export type ListQuery<F extends z.ZodRawShape> = { page: number; pageSize: number } & z.output<z.ZodObject<F>>;

/** What a kind declares for its public list on the API: its path, filters, item schema, query and resource. */
export interface ListEndpoint<F extends z.ZodRawShape, S extends z.ZodTypeAny, Item> {
  path: `/${string}`;
  tag: string;
  summary: string;
  /** The 200 response's description ("A page of services"). */
  description: string;
  /** The kind's own filters, added to the shared paging. */
  filters: F;
  item: S;
  list: (db: Db, query: ListQuery<F>) => Promise<{ items: Item[]; total: number }>;
  resource: (item: Item) => z.input<S>;
  /**
   * For a list that depends on nothing but stored rows (no clock): the generations of everything it shows, read
   * in one statement. Its answers are then kept per query while that value is unchanged (decision 078).
   */
  keptAt?: (db: Db) => Promise<string>;
}

/** Kept answers of the lists that declare `keptAt`: per list and query, a few hundred at most (pages of 100 items are ~100 KB). */
const KEPT_ANSWERS = 256;

/**
 * Registers one published list on the API (decision 048): GET `path` with the shared paging and the
 * kind's filters, answering `{ data, meta: { total, page, pageSize } }` with published items only.
 */
export function registerListEndpoint<F extends z.ZodRawShape, S extends z.ZodTypeAny, Item>(
  api: OpenAPIHono<ApiEnv>,
  endpoint: ListEndpoint<F, S, Item>,
): void {
  // The response's schema, typed by what the handler can know of a kind's item (the document is written from the schema itself).
  const page: z.ZodType<{ data: unknown[]; meta: z.output<typeof MetaSchema> }> = z.object({
    data: z.array(endpoint.item),
    meta: MetaSchema,
  });
  const route = createRoute({
    method: "get",
    path: endpoint.path,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    request: { query: PageSchema.extend(endpoint.filters) },
    responses: { 200: { description: endpoint.description, content: { "application/json": { schema: page } } } },
  });
  const answer = async (db: Db, query: ListQuery<F>) => {
    const { items, total } = await endpoint.list(db, query);
    return {
      data: items.map((item): unknown => endpoint.resource(item)),
      meta: { total, page: query.page, pageSize: query.pageSize },
    };
  };
  const kept = endpoint.keptAt ? new KeptAnswers(KEPT_ANSWERS) : null;
  api.openapi(route, async (c) => {
    // The validated query, typed as the kind declared it (the generic route cannot carry it through).
    const query = c.req.valid("query") as ListQuery<F>;
    const db = c.get("ctx").db;
    if (!kept || !endpoint.keptAt) return c.json(await answer(db, query), 200);
    const text = await kept.answer(db, query, await endpoint.keptAt(db), () => answer(db, query));
    // The same JSON c.json writes for that object; the JSON compression sends the kept text as it is.
    return c.json(text as unknown as Awaited<ReturnType<typeof answer>>, 200);
  });
}

import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { EVENT_KINDS } from "./events.schema.ts";
import { listEvents, type EventSummary, type PlaceNames } from "./events.queries.server.ts";

/** Paging shared by the three lists; a malformed value is a 400 (the API's default hook), never ignored. */
export const PageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const KasCodeSchema = z.string().regex(/^\d{1,3}$/).openapi({ example: "20", description: "KAS code of a municipality" });
export const OrganisationIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const MetaSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const MunicipalitySchema = z.object({ kasCode: z.string(), nameSq: z.string(), nameSr: z.string(), nameSrCyrl: z.string() }).nullable();
export const OrganisationRefSchema = z.object({ id: z.number().int(), slug: z.string(), name: TranslatedTextSchema });

const EventSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    kind: z.enum(EVENT_KINDS),
    title: TranslatedTextSchema,
    summary: TranslatedTextSchema,
    originalLocale: z.string(),
    startsAt: z.string().openapi({ description: "ISO 8601" }),
    endsAt: z.string().nullable(),
    municipality: MunicipalitySchema,
    address: z.string().nullable(),
    organisers: z.array(OrganisationRefSchema.extend({ acronym: z.string().nullable() })),
    path: z.string().openapi({ description: "Where the event is shown, after the locale: /{lang}/{path}" }),
    isDemo: z.boolean(),
  })
  .openapi("Event");

export function place(kasCode: string | null, names: PlaceNames | null) {
  return kasCode && names ? { kasCode, ...names } : null;
}

function eventResource(e: EventSummary) {
  return {
    id: e.id,
    slug: e.slug,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    originalLocale: e.originalLocale,
    startsAt: new Date(e.startsAt).toISOString(),
    endsAt: e.endsAt ? new Date(e.endsAt).toISOString() : null,
    municipality: place(e.kasCode, e.municipality),
    address: e.address,
    organisers: e.organisers.map((o) => ({ id: o.id, slug: o.slug, name: o.name, acronym: o.acronym })),
    path: `events/${e.slug}`,
    isDemo: e.isDemo,
  };
}

/**
 * Registers `/events` on the API: the public list's data, filtered and paged (published items only). The schemas
 * exported above are shared with `/services` and `/opportunities` (services.api.ts, opportunities.api.ts),
 * registered right after it (positions 31 and 32).
 */
export function registerClearingHouseApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    createRoute({
      method: "get",
      path: "/events",
      tags: ["Events"],
      summary: "Published events and meetings, upcoming (soonest first) or past (latest first)",
      request: {
        query: PageSchema.extend({
          when: z.enum(["upcoming", "past"]).default("upcoming"),
          kind: z.enum(EVENT_KINDS).optional(),
          municipality: KasCodeSchema.optional(),
          organisation: OrganisationIdSchema.optional().openapi({ description: "Organiser or participant" }),
        }),
      },
      responses: { 200: { description: "A page of events", content: { "application/json": { schema: z.object({ data: z.array(EventSchema), meta: MetaSchema }) } } } },
    }),
    async (c) => {
      const { page, pageSize, when, kind, municipality, organisation } = c.req.valid("query");
      const { items, total } = await listEvents(c.get("ctx").db, { when, kind, municipality, organisationId: organisation, page, pageSize });
      return c.json({ data: items.map(eventResource), meta: { total, page, pageSize } }, 200);
    },
  );

}

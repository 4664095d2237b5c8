import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import { OPPORTUNITY_KINDS } from "#app/modules/opportunities/opportunities.schema.ts";
import { listOpportunities, type OpportunityView } from "#app/modules/opportunities/opportunities.queries.server.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import { listServices, type ServiceView } from "#app/modules/services/services.queries.server.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { EVENT_KINDS } from "./events.schema.ts";
import { listEvents, type EventSummary, type PlaceNames } from "./events.queries.server.ts";

/** Paging shared by the three lists; a malformed value is a 400 (the API's default hook), never ignored. */
const PageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
const KasCodeSchema = z.string().regex(/^\d{1,3}$/).openapi({ example: "20", description: "KAS code of a municipality" });
const OrganisationIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
const MetaSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const MunicipalitySchema = z.object({ kasCode: z.string(), nameSq: z.string(), nameSr: z.string(), nameSrCyrl: z.string() }).nullable();
const OrganisationRefSchema = z.object({ id: z.number().int(), slug: z.string(), name: TranslatedTextSchema });

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

const ServiceSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: TranslatedTextSchema,
    summary: TranslatedTextSchema,
    eligibility: TranslatedTextSchema.openapi({ description: "Who can use it" }),
    requirements: TranslatedTextSchema.openapi({ description: "What to bring" }),
    hours: TranslatedTextSchema,
    originalLocale: z.string(),
    municipality: MunicipalitySchema.openapi({ description: "Null when offered everywhere or online" }),
    address: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    sectorCode: z.string().nullable(),
    organisation: OrganisationRefSchema,
    path: z.string(),
    isDemo: z.boolean(),
  })
  .openapi("Service");

const OpportunitySchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    kind: z.enum(OPPORTUNITY_KINDS),
    title: TranslatedTextSchema,
    summary: TranslatedTextSchema,
    eligibility: TranslatedTextSchema,
    originalLocale: z.string(),
    municipality: MunicipalitySchema,
    url: z.string().nullable(),
    deadline: z.string().openapi({ example: "2026-12-31", description: "Last day to apply (Kosovo time)" }),
    organisation: OrganisationRefSchema,
    path: z.string(),
    isDemo: z.boolean(),
  })
  .openapi("Opportunity");

function place(kasCode: string | null, names: PlaceNames | null) {
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

function serviceResource(s: ServiceView) {
  return {
    id: s.id,
    slug: s.slug,
    title: s.title,
    summary: s.summary,
    eligibility: s.eligibility,
    requirements: s.requirements,
    hours: s.hours,
    originalLocale: s.originalLocale,
    municipality: place(s.kasCode, s.municipality),
    address: s.address,
    onlineUrl: s.onlineUrl,
    sectorCode: s.sectorCode,
    organisation: s.organisation,
    path: `services/${s.slug}`,
    isDemo: s.isDemo,
  };
}

function opportunityResource(o: OpportunityView) {
  return {
    id: o.id,
    slug: o.slug,
    kind: o.kind,
    title: o.title,
    summary: o.summary,
    eligibility: o.eligibility,
    originalLocale: o.originalLocale,
    municipality: place(o.kasCode, o.municipality),
    url: o.url,
    deadline: o.deadline,
    organisation: o.organisation,
    path: `opportunities/${o.slug}`,
    isDemo: o.isDemo,
  };
}

/** Registers `/events`, `/services` and `/opportunities` on the API: the public lists' data, filtered and paged (published items only). */
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

  api.openapi(
    createRoute({
      method: "get",
      path: "/services",
      tags: ["Services"],
      summary: "Published services for community members, by title",
      request: {
        query: PageSchema.extend({
          sector: z.string().regex(/^[a-z_]{1,40}$/).optional(),
          municipality: KasCodeSchema.optional().openapi({ description: "Services of this municipality and those offered everywhere" }),
          organisation: OrganisationIdSchema.optional(),
        }),
      },
      responses: { 200: { description: "A page of services", content: { "application/json": { schema: z.object({ data: z.array(ServiceSchema), meta: MetaSchema }) } } } },
    }),
    async (c) => {
      const { page, pageSize, sector, municipality, organisation } = c.req.valid("query");
      const { items, total } = await listServices(c.get("ctx").db, { sector, municipality, organisationId: organisation, page, pageSize });
      return c.json({ data: items.map(serviceResource), meta: { total, page, pageSize } }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/opportunities",
      tags: ["Opportunities"],
      summary: "Published opportunities still open (soonest deadline first), or with expired=true the closed ones",
      request: {
        query: PageSchema.extend({
          kind: z.enum(OPPORTUNITY_KINDS).optional(),
          municipality: KasCodeSchema.optional().openapi({ description: "Opportunities of this municipality and those open everywhere" }),
          organisation: OrganisationIdSchema.optional(),
          expired: z.enum(["true", "false"]).default("false"),
        }),
      },
      responses: { 200: { description: "A page of opportunities", content: { "application/json": { schema: z.object({ data: z.array(OpportunitySchema), meta: MetaSchema }) } } } },
    }),
    async (c) => {
      const { page, pageSize, kind, municipality, organisation, expired } = c.req.valid("query");
      const { items, total } = await listOpportunities(c.get("ctx").db, { kind, municipality, organisationId: organisation, expired: expired === "true", page, pageSize }, todayInKosovo());
      return c.json({ data: items.map(opportunityResource), meta: { total, page, pageSize } }, 200);
    },
  );
}

import { z, type OpenAPIHono } from "@hono/zod-openapi";
import {
  KasCodeSchema,
  OrganisationIdSchema,
  OrganisationRefSchema,
  MunicipalitySchema,
  place,
  registerListEndpoint,
} from "#app/modules/clearing-house/publishable/list-api.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { EVENT_KINDS } from "./events.schema.ts";
import { listEvents, type EventSummary } from "./events.queries.server.ts";

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
 * Registers `/events` on the API: the public list's data, filtered and paged (published items only),
 * through the clearing house's shared list endpoint; `/services` and `/opportunities` follow it
 * (positions 31 and 32).
 */
export function registerClearingHouseApi(api: OpenAPIHono<ApiEnv>): void {
  registerListEndpoint(api, {
    path: "/events",
    tag: "Events",
    summary: "Published events and meetings, upcoming (soonest first) or past (latest first)",
    description: "A page of events",
    filters: {
      when: z.enum(["upcoming", "past"]).default("upcoming"),
      kind: z.enum(EVENT_KINDS).optional(),
      municipality: KasCodeSchema.optional(),
      organisation: OrganisationIdSchema.optional().openapi({ description: "Organiser or participant" }),
    },
    item: EventSchema,
    list: (db, { page, pageSize, when, kind, municipality, organisation }) =>
      listEvents(db, { when, kind, municipality, organisationId: organisation, page, pageSize }),
    resource: eventResource,
  });
}

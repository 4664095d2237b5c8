import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import {
  MunicipalitySchema,
  ownedItemFilters,
  place,
  publishedItemEnd,
  PublishedItemEndSchema,
  registerListEndpoint,
} from "../publishable/list-api.ts";
import { listServices, servicesListGeneration, type ServiceView } from "./services.queries.server.ts";

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
    ...PublishedItemEndSchema,
  })
  .openapi("Service");

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
    ...publishedItemEnd("services", s),
  };
}

/** Registers `/services` on the API: the public list's data, filtered and paged (published items only). */
export function registerServicesApi(api: OpenAPIHono<ApiEnv>): void {
  registerListEndpoint(api, {
    path: "/services",
    tag: "Services",
    summary: "Published services for community members, by title",
    description: "A page of services",
    filters: {
      sector: z
        .string()
        .regex(/^[a-z_]{1,40}$/)
        .optional(),
      ...ownedItemFilters("Services of this municipality and those offered everywhere"),
    },
    item: ServiceSchema,
    list: (db, { page, pageSize, sector, municipality, organisation }) =>
      listServices(db, { sector, municipality, organisationId: organisation, page, pageSize }),
    resource: serviceResource,
    // A service list depends on stored rows alone (no dates): kept per query until a write changes them.
    keptAt: servicesListGeneration,
  });
}

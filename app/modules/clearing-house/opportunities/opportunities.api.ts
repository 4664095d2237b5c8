import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
import {
  MunicipalitySchema,
  ownedItemFilters,
  place,
  publishedItemEnd,
  PublishedItemEndSchema,
  registerListEndpoint,
} from "../publishable/list-api.ts";
import { OPPORTUNITY_KINDS } from "./opportunities.schema.ts";
import { listOpportunities, type OpportunityView } from "./opportunities.queries.server.ts";

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
    ...PublishedItemEndSchema,
  })
  .openapi("Opportunity");

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
    ...publishedItemEnd("opportunities", o),
  };
}

/** Registers `/opportunities` on the API: the public list's data, filtered and paged (published items only). */
export function registerOpportunitiesApi(api: OpenAPIHono<ApiEnv>): void {
  registerListEndpoint(api, {
    path: "/opportunities",
    tag: "Opportunities",
    summary: "Published opportunities still open (soonest deadline first), or with expired=true the closed ones",
    description: "A page of opportunities",
    filters: {
      kind: z.enum(OPPORTUNITY_KINDS).optional(),
      ...ownedItemFilters("Opportunities of this municipality and those open everywhere"),
      expired: z.enum(["true", "false"]).default("false"),
    },
    item: OpportunitySchema,
    list: (db, { page, pageSize, kind, municipality, organisation, expired }) =>
      listOpportunities(
        db,
        { kind, municipality, organisationId: organisation, expired: expired === "true", page, pageSize },
        todayInKosovo(),
      ),
    resource: opportunityResource,
  });
}

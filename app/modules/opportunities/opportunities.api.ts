import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { KasCodeSchema, MetaSchema, MunicipalitySchema, OrganisationIdSchema, OrganisationRefSchema, PageSchema, place } from "#app/modules/events/clearing-house.api.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { todayInKosovo } from "#app/services/kosovo-time.ts";
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
    organisation: OrganisationRefSchema,
    path: z.string(),
    isDemo: z.boolean(),
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
    organisation: o.organisation,
    path: `opportunities/${o.slug}`,
    isDemo: o.isDemo,
  };
}

/** Registers `/opportunities` on the API: the public list's data, filtered and paged (published items only). */
export function registerOpportunitiesApi(api: OpenAPIHono<ApiEnv>): void {
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

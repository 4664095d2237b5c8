import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { keptPerReferenceGeneration } from "#app/modules/reference/reference-generation.server.ts";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";
import type { ApiEnv } from "#app/services/module-contract.ts";
import { wholeListRoute } from "#app/services/api-routes.ts";
import { getMunicipality, listMunicipalities, type MunicipalitySummary } from "./municipalities.queries.server.ts";

/** A municipality as the API returns it (the schema also documents it in the OpenAPI description). */
const MunicipalitySchema = z
  .object({
    kasCode: z.string().openapi({ example: "07", description: "Kosovo Agency of Statistics code, 01–38" }),
    slug: z.string().openapi({ example: "prizren" }),
    names: z.object({
      sq: z.string().openapi({ example: "Prizren" }),
      sr: z.string().openapi({ example: "Prizren" }),
      srCyrl: z.string().openapi({ example: "Призрен" }),
      alt: z.string().nullable(),
    }),
    district: TranslatedTextSchema,
    population2011: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Census 2011; null where the census was not held (the four northern municipalities)" }),
    population2024: z.number().int(),
    population2024IsEstimate: z
      .boolean()
      .openapi({ description: "True where the 2024 figure includes the statistics agency's own estimate" }),
    communities2024: z
      .record(z.string(), z.number().int())
      .openapi({ description: "2024 census population by community code" }),
  })
  .openapi("Municipality");

type MunicipalityResource = z.infer<typeof MunicipalitySchema>;

function toResource(m: MunicipalitySummary): MunicipalityResource {
  return {
    kasCode: m.kasCode,
    slug: m.slug,
    names: { sq: m.nameSq, sr: m.nameSr, srCyrl: m.nameSrCyrl, alt: m.nameAlt },
    district: m.district,
    population2011: m.population2011,
    population2024: m.population2024,
    population2024IsEstimate: m.population2024IsEstimate,
    communities2024: m.communities,
  };
}

const ErrorSchema = z.object({ error: z.string() }).openapi("Error");

/** Registers `/municipalities` and `/municipalities/{kasCode}` on the API. */
export function registerMunicipalitiesApi(api: OpenAPIHono<ApiEnv>): void {
  api.openapi(
    wholeListRoute({
      path: "/municipalities",
      tag: "Municipalities",
      summary: "The 38 municipalities with names in both official languages and 2024 census figures",
      description: "Every municipality",
      item: MunicipalitySchema,
    }),
    async (c) => {
      // The list changes only with the reference data: its JSON is kept per reference generation.
      const db = c.get("ctx").db;
      const body = await keptPerReferenceGeneration(db, "api:municipalities", async () =>
        JSON.stringify({ data: (await listMunicipalities(db)).map(toResource) }),
      );
      // The same bytes c.json would send for that object (JSON.stringify), typed as what they are.
      return c.body(body, 200, { "Content-Type": "application/json" }) as unknown as TypedResponse<
        { data: MunicipalityResource[] },
        200,
        "json"
      >;
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/municipalities/{kasCode}",
      tags: ["Municipalities"],
      summary: "One municipality",
      request: {
        params: z.object({
          kasCode: z
            .string()
            .regex(/^(0[1-9]|[12][0-9]|3[0-8])$/)
            .openapi({ example: "07" }),
        }),
      },
      responses: {
        200: {
          description: "The municipality",
          content: { "application/json": { schema: z.object({ data: MunicipalitySchema }) } },
        },
        404: { description: "No such municipality", content: { "application/json": { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const municipality = await getMunicipality(c.get("ctx").db, c.req.valid("param").kasCode);
      if (!municipality) return c.json({ error: "not_found" }, 404);
      return c.json({ data: toResource(municipality) }, 200);
    },
  );
}

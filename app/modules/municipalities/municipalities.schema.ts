import { z } from "@hono/zod-openapi";
import { TranslatedTextSchema } from "#app/modules/reference/reference.schema.ts";

/** Path parameter of a municipality: its two-digit KAS code, optionally followed by `-slug`. */
export const MunicipalityParamSchema = z
  .string()
  .regex(/^(0[1-9]|[12][0-9]|3[0-8])(-[a-z0-9-]*)?$/)
  .transform((value) => value.slice(0, 2));

export const MunicipalitySchema = z
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
    population2011: z.number().int().nullable().openapi({ description: "Census 2011; null where the census was not held (the four northern municipalities)" }),
    population2024: z.number().int(),
    population2024IsEstimate: z.boolean().openapi({ description: "True where the 2024 figure includes the statistics agency's own estimate" }),
    communities2024: z.record(z.string(), z.number().int()).openapi({ description: "2024 census population by community code" }),
  })
  .openapi("Municipality");

export type MunicipalityResource = z.infer<typeof MunicipalitySchema>;

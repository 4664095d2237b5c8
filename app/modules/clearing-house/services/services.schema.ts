import { z } from "zod";
import { isSerbianCyrillicText } from "#app/i18n/transliterate.ts";
import {
  CodeParamSchema,
  OptionalKasCodeSchema,
  optionalTextOrNull,
  OptionalUrlSchema,
  OriginalLocaleSchema,
  MunicipalityParamSchema,
  PageParamSchema,
  PublisherShape,
  requireOriginal,
  translatedShape,
  translatedShapes,
} from "#app/modules/clearing-house/publishable/content-form.ts";

/** `/services` filters. */
export const ServiceListQuerySchema = z.object({
  sector: CodeParamSchema,
  municipality: MunicipalityParamSchema,
  page: PageParamSchema,
});

/** The service form: what it is, who can use it, what to bring, where (or online), per language. */
export const ServiceFormSchema = z
  .object({
    originalLocale: OriginalLocaleSchema,
    ...translatedShape("title", 300),
    /** Its own Serbian Cyrillic title (decision 037), shown to sr-cyrl readers instead of the transliteration. */
    titleSrCyrl: optionalTextOrNull(300).refine(
      (v) => v === null || isSerbianCyrillicText(v),
      "services:form.errors.titleSrCyrlNotCyrillic",
    ),
    ...translatedShapes({ summary: 4000, eligibility: 4000, requirements: 4000, hours: 300 }),
    kasCode: OptionalKasCodeSchema,
    address: optionalTextOrNull(300),
    onlineUrl: OptionalUrlSchema,
    sectorCode: z
      .string()
      .trim()
      .regex(/^[a-z_]{0,40}$/, "services:form.errors.sector")
      .optional()
      .transform((v) => v || null),
    ...PublisherShape,
  })
  .superRefine((data, ctx) => {
    requireOriginal(["title", "summary"])(data, ctx);
    if (!data.address && !data.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["address"], message: "services:form.errors.placeRequired" });
  });
export type ServiceFormInput = z.infer<typeof ServiceFormSchema>;

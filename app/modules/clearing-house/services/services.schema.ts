import { z } from "zod";
import { isSerbianCyrillicText } from "#app/i18n/transliterate.ts";
import {
  OptionalKasCodeSchema,
  OptionalUrlSchema,
  OrganisationIdFieldSchema,
  OriginalLocaleSchema,
  MunicipalityParamSchema,
  PageParamSchema,
  requireOriginal,
  translatedShape,
  VersionSchema,
} from "#app/modules/clearing-house/publishable/content-form.ts";

/** `/services` filters. */
export const ServiceListQuerySchema = z.object({
  sector: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  municipality: MunicipalityParamSchema,
  page: PageParamSchema,
});

/** The service form: what it is, who can use it, what to bring, where (or online), per language. */
export const ServiceFormSchema = z
  .object({
    originalLocale: OriginalLocaleSchema,
    ...translatedShape("title", 300),
    /** Its own Serbian Cyrillic title (decision 037), shown to sr-cyrl readers instead of the transliteration. */
    titleSrCyrl: z
      .string()
      .trim()
      .max(300, "news:form.errors.tooLong")
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isSerbianCyrillicText(v), "services:form.errors.titleSrCyrlNotCyrillic"),
    ...translatedShape("summary", 4000),
    ...translatedShape("eligibility", 4000),
    ...translatedShape("requirements", 4000),
    ...translatedShape("hours", 300),
    kasCode: OptionalKasCodeSchema,
    address: z
      .string()
      .trim()
      .max(300, "news:form.errors.tooLong")
      .optional()
      .transform((v) => v || null),
    onlineUrl: OptionalUrlSchema,
    sectorCode: z
      .string()
      .trim()
      .regex(/^[a-z_]{0,40}$/, "services:form.errors.sector")
      .optional()
      .transform((v) => v || null),
    organisationId: OrganisationIdFieldSchema,
    version: VersionSchema.optional(),
  })
  .superRefine((data, ctx) => {
    requireOriginal(["title", "summary"])(data, ctx);
    if (!data.address && !data.onlineUrl)
      ctx.addIssue({ code: "custom", path: ["address"], message: "services:form.errors.placeRequired" });
  });
export type ServiceFormInput = z.infer<typeof ServiceFormSchema>;

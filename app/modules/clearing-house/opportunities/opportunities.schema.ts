import { z } from "zod";
import {
  FlagParamSchema,
  IsoDateSchema,
  OptionalKasCodeSchema,
  OptionalUrlSchema,
  OriginalLocaleSchema,
  MunicipalityParamSchema,
  PageParamSchema,
  PublisherShape,
  requireOriginal,
  translatedShapes,
} from "#app/modules/clearing-house/publishable/content-form.ts";

export const OPPORTUNITY_KINDS = ["job", "internship", "training", "scholarship", "grant"] as const;

/** `/opportunities` filters; `expired=1` shows the archive of closed ones. */
export const OpportunityListQuerySchema = z.object({
  kind: z.enum(OPPORTUNITY_KINDS).optional().catch(undefined),
  municipality: MunicipalityParamSchema,
  expired: FlagParamSchema,
  page: PageParamSchema,
});

/** The opportunity form. */
export const OpportunityFormSchema = z
  .object({
    kind: z.enum(OPPORTUNITY_KINDS, { message: "opportunities:form.errors.kind" }),
    originalLocale: OriginalLocaleSchema,
    ...translatedShapes({ title: 300, summary: 4000, eligibility: 4000 }),
    kasCode: OptionalKasCodeSchema,
    url: OptionalUrlSchema,
    deadline: IsoDateSchema,
    ...PublisherShape,
  })
  .superRefine((data, ctx) => requireOriginal(["title", "summary"])(data, ctx));
export type OpportunityFormInput = z.infer<typeof OpportunityFormSchema>;

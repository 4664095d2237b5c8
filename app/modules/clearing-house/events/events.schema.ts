import { z } from "zod";
import {
  FlagParamSchema,
  IsoDateSchema,
  KosovoDateTimeSchema,
  OptionalKasCodeSchema,
  optionalTextOrNull,
  OrganisationIdFieldSchema,
  OriginalLocaleSchema,
  MunicipalityParamSchema,
  PageParamSchema,
  requireOriginal,
  translatedShape,
  translatedShapes,
  VersionSchema,
} from "#app/modules/clearing-house/publishable/content-form.ts";
import { idSchema, optionalIdSchema } from "#app/services/ids.ts";

export const EVENT_KINDS = ["informative_session", "sector_meeting", "training", "other"] as const;
export const RECOMMENDATION_STATUSES = ["open", "in_progress", "done", "rejected"] as const;

/** A numeric id in the URL. */
export const IdParamSchema = idSchema();

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{1,9}$/, "news:form.errors.organisation")
          .transform(Number),
      )
      .max(100, "news:form.errors.tooMany"),
  );

/** `/events` filters: upcoming or past, kind, municipality, organisation, page. */
export const EventListQuerySchema = z.object({
  when: z.enum(["upcoming", "past"]).catch("upcoming"),
  kind: z.enum(EVENT_KINDS).optional().catch(undefined),
  municipality: MunicipalityParamSchema,
  organisation: optionalIdSchema().catch(undefined),
  page: PageParamSchema,
});

/** The event form (create and edit). */
export const EventFormSchema = z
  .object({
    kind: z.enum(EVENT_KINDS, { message: "events:form.errors.kind" }),
    originalLocale: OriginalLocaleSchema,
    ...translatedShapes({ title: 300, summary: 1000, agenda: 20_000, minutes: 50_000 }),
    startsAt: KosovoDateTimeSchema,
    endsAt: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(KosovoDateTimeSchema.optional()),
    kasCode: OptionalKasCodeSchema,
    address: optionalTextOrNull(300),
    organisationId: OrganisationIdFieldSchema,
    organisers: idList,
    participants: idList,
    version: VersionSchema.optional(),
  })
  .superRefine((data, ctx) => {
    requireOriginal(["title"])(data, ctx);
    if (data.endsAt && data.endsAt < data.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events:form.errors.endsBeforeStart" });
  });
export type EventFormInput = z.infer<typeof EventFormSchema>;

/** A recommendation recorded at an event. */
export const RecommendationFormSchema = z
  .object({
    originalLocale: OriginalLocaleSchema,
    ...translatedShape("text", 2000),
    ownerOrganisationId: OrganisationIdFieldSchema,
    dueDate: IsoDateSchema,
    measureId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(
        z
          .string()
          .regex(/^\d{1,9}$/, "events:form.errors.measure")
          .transform(Number)
          .optional(),
      ),
  })
  .superRefine((data, ctx) => requireOriginal(["text"])(data, ctx));
export type RecommendationFormInput = z.infer<typeof RecommendationFormSchema>;

/** A change of a recommendation's status; rejecting needs a reason. */
export const RecommendationStatusSchema = z
  .object({
    recommendationId: IdParamSchema,
    status: z.enum(RECOMMENDATION_STATUSES, { message: "events:recommendations.errors.status" }),
    note: optionalTextOrNull(2000),
    version: VersionSchema,
  })
  .superRefine((data, ctx) => {
    if (data.status === "rejected" && !data.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "events:recommendations.errors.reasonRequired" });
  });
export type RecommendationStatusInput = z.infer<typeof RecommendationStatusSchema>;

/** `/recommendations` filters. */
export const RecommendationListQuerySchema = z.object({
  status: z.enum(RECOMMENDATION_STATUSES).optional().catch(undefined),
  owner: optionalIdSchema().catch(undefined),
  /** The owner filter's text: a name, part of one or an acronym, resolved on the server (decision 056). */
  ownerName: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : ""), z.string()).catch(""),
  overdue: FlagParamSchema,
  page: PageParamSchema,
});

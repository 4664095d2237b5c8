import { z } from "zod";
import { NEED_CATEGORIES, NEED_STATUSES } from "#app/db/tables/needs.ts";
import { idSchema } from "#app/services/ids.ts";

/*
 * Forms and query strings of the needs workspace, shared by the pages and the commands. Error
 * messages are translation keys.
 */

const INVALID = "core:form.invalid";

const id = idSchema(INVALID);
const version = idSchema(INVALID);
const trimmed = (max: number, requiredKey: string, tooLongKey = "needs:workspace.errors.tooLong") =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().min(1, requiredKey).max(max, tooLongKey));
const optionalTrimmed = (max: number) =>
  z
    .preprocess((v) => (typeof v === "string" ? v.trim() : ""), z.string().max(max, "needs:workspace.errors.tooLong"))
    .transform((v) => (v === "" ? null : v));
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const CaseIdSchema = id;

/** Sort orders of the queue. */
export const QUEUE_SORTS = ["newest", "oldest", "due", "updated"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The queue's filters, from the query string; anything unknown falls back to "no filter". */
export const QueueQuerySchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(NEED_STATUSES).optional()).catch(undefined),
  category: z.preprocess(emptyToUndefined, z.enum(NEED_CATEGORIES).optional()).catch(undefined),
  municipality: z
    .preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d{1,3}$/)
        .optional(),
    )
    .catch(undefined),
  community: z
    .preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z_]{1,40}$/)
        .optional(),
    )
    .catch(undefined),
  organisation: z.preprocess(emptyToUndefined, id.optional()).catch(undefined),
  /** The institution filter's text: a name, part of one or an acronym, resolved on the server (decision 056). */
  institution: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : ""), z.string()).catch(""),
  highProfile: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()).catch(false),
  overdue: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()).catch(false),
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 100) : ""), z.string()).catch(""),
  sort: z.enum(QUEUE_SORTS).catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

/** Statuses a handler may set directly ("referred" is reached by referring). */
export const SETTABLE_STATUSES = NEED_STATUSES.filter((s) => s !== "referred");

export const StatusFormSchema = z.object({
  version,
  status: z.enum(SETTABLE_STATUSES, "needs:workspace.errors.statusRequired"),
  publicNote: optionalTrimmed(10_000),
});

export const CategoriseFormSchema = z.object({
  version,
  category: z.enum(NEED_CATEGORIES, "needs:workspace.errors.categoryRequired"),
});

export const HighProfileFormSchema = z.object({
  version,
  isHighProfile: z.enum(["true", "false"], INVALID).transform((v) => v === "true"),
});

export const ReferFormSchema = z.object({
  version,
  organisationId: id
    .or(z.literal("").transform(() => 0))
    .refine((v) => v > 0, "needs:workspace.errors.organisationRequired"),
  message: optionalTrimmed(5_000),
});

export const REFERRAL_DECISIONS = ["accept", "respond", "return"] as const;
export const ReferralFormSchema = z
  .object({
    version,
    referralId: id,
    decision: z.enum(REFERRAL_DECISIONS, INVALID),
    /** The outcome when responding: resolved, or rejected (the institution cannot help). */
    outcome: z.preprocess(emptyToUndefined, z.enum(["resolved", "rejected"]).optional()),
    response: optionalTrimmed(10_000),
    publicNote: optionalTrimmed(10_000),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "accept" && !v.response)
      ctx.addIssue({ code: "custom", path: ["response"], message: "needs:workspace.errors.responseRequired" });
  });

export const NoteFormSchema = z.object({ body: trimmed(10_000, "needs:workspace.errors.noteRequired") });

export const MergeFormSchema = z.object({
  version,
  target: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : ""),
    z.string().min(1, "needs:workspace.errors.targetRequired").max(40, "needs:workspace.errors.targetNotFound"),
  ),
});

/** The bulk actions of the queue. */
export const BULK_ACTIONS = ["status", "categorise", "refer"] as const;
export const BulkFormSchema = z
  .object({
    caseIds: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(id).min(1, "needs:workspace.errors.noneSelected").max(200, "needs:workspace.errors.tooManySelected"),
    ),
    bulkAction: z.enum(BULK_ACTIONS, "needs:workspace.errors.bulkActionRequired"),
    status: z.preprocess(emptyToUndefined, z.enum(SETTABLE_STATUSES).optional()),
    category: z.preprocess(emptyToUndefined, z.enum(NEED_CATEGORIES).optional()),
    organisationId: z.preprocess(emptyToUndefined, id.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.bulkAction === "status" && !v.status)
      ctx.addIssue({ code: "custom", path: ["status"], message: "needs:workspace.errors.statusRequired" });
    if (v.bulkAction === "categorise" && !v.category)
      ctx.addIssue({ code: "custom", path: ["category"], message: "needs:workspace.errors.categoryRequired" });
    if (v.bulkAction === "refer" && !v.organisationId)
      ctx.addIssue({
        code: "custom",
        path: ["organisationId"],
        message: "needs:workspace.errors.organisationRequired",
      });
  });
export type BulkInput = z.infer<typeof BulkFormSchema>;

export const RoutingRuleFormSchema = z.object({
  category: z.enum(NEED_CATEGORIES, "needs:workspace.errors.categoryRequired"),
  kasCode: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z
      .string()
      .regex(/^\d{1,3}$/, INVALID)
      .nullable(),
  ),
  organisationId: id
    .or(z.literal("").transform(() => 0))
    .refine((v) => v > 0, "needs:workspace.errors.organisationRequired"),
});

export const RoutingRuleRemoveSchema = z.object({ ruleId: id });

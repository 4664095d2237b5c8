import { z } from "zod";
import { checkedCodeList, checkedValues, optionalText as optionalFormText } from "#app/services/form-text.ts";
import { DOCUMENT_TYPES } from "#app/db/tables/library.ts";
import { optionalCodeParam } from "#app/services/code-params.ts";
import { idSchema, optionalIdSchema } from "#app/services/ids.ts";

export { DOCUMENT_TYPES };

/** The languages in which a document's title, summary and files are entered in the workspace form. */
export const DOCUMENT_FORM_LOCALES = ["sq", "sr", "en"] as const;
export type DocumentFormLocale = (typeof DOCUMENT_FORM_LOCALES)[number];

/** The form fields of each language's file input (`file_sq`, `file_sr`, `file_en`). */
export const FILE_FIELDS = { sq: "fileSq", sr: "fileSr", en: "fileEn" } as const satisfies Record<
  DocumentFormLocale,
  string
>;

export const SORTS = ["date", "title"] as const;

const TOO_LONG = "library:errors.tooLong";

/** A trimmed optional text: empty becomes null; too long, this module's message. */
function optionalText(max: number) {
  return optionalFormText(max, TOO_LONG);
}

function idList() {
  return z
    .preprocess(checkedValues, z.array(idSchema()).max(50, "core:form.invalid"))
    .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));
}

/** A document's metadata as the workspace form sends it (files travel beside it, checked by content). */
export const DocumentFormSchema = z
  .object({
    titleSq: optionalText(400),
    titleSr: optionalText(400),
    titleEn: optionalText(400),
    summarySq: optionalText(4000),
    summarySr: optionalText(4000),
    summaryEn: optionalText(4000),
    originalLocale: z.enum(DOCUMENT_FORM_LOCALES, "library:errors.originalLocale"),
    docType: z.enum(DOCUMENT_TYPES, "library:errors.docType"),
    isKnowYourRights: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    organisationId: idSchema("library:errors.organisation"),
    issuedOn: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() : v),
      z
        .string("library:errors.issuedOn")
        .regex(/^\d{4}-\d{2}-\d{2}$/, "library:errors.issuedOn")
        .refine((v) => {
          const d = new Date(`${v}T00:00:00Z`);
          return (
            !Number.isNaN(d.getTime()) &&
            d.toISOString().slice(0, 10) === v &&
            d.getUTCFullYear() >= 1945 &&
            d.getUTCFullYear() <= 2100
          );
        }, "library:errors.issuedOn"),
    ),
    sectors: checkedCodeList(),
    communities: checkedCodeList(),
    measures: idList(),
  })
  .superRefine((value, ctx) => {
    const titleKey = `title${value.originalLocale[0]!.toUpperCase()}${value.originalLocale.slice(1)}` as
      "titleSq" | "titleSr" | "titleEn";
    if (!value[titleKey]) ctx.addIssue({ code: "custom", path: [titleKey], message: "library:errors.titleRequired" });
  });
export type DocumentFormData = z.infer<typeof DocumentFormSchema>;

/** The edit form: the metadata and the version the editor started from. */
export const DocumentUpdateSchema = DocumentFormSchema.and(z.object({ version: idSchema() }));
export type DocumentUpdateData = z.infer<typeof DocumentUpdateSchema>;

/** Publish / unpublish buttons. */
export const DocumentStatusSchema = z.object({
  intent: z.enum(["publish", "unpublish"]),
  version: idSchema(),
});

const optionalCode = z.preprocess((v) => (v === "" ? undefined : v), optionalCodeParam());

/** The public list's filters, sort and page, from the query string (bad values are ignored). */
export const LibraryQuerySchema = z.object({
  type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DOCUMENT_TYPES).optional().catch(undefined)),
  issuer: optionalIdSchema().catch(undefined),
  sector: optionalCode,
  community: optionalCode,
  year: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().min(1945).max(2100).optional().catch(undefined),
  ),
  language: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["sq", "sr", "en", "tr", "bs", "rom"]).optional().catch(undefined),
  ),
  sort: z.enum(SORTS).catch("date").default("date"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type LibraryQuery = z.infer<typeof LibraryQuerySchema>;

export const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,150}$/);

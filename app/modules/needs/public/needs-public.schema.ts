import { z } from "zod";
import { NEED_CATEGORIES } from "#app/db/tables/needs.ts";

/** Longest description and note (the database allows 10,000 characters; a phone keyboard needs far fewer). */
export const MAX_DESCRIPTION_LENGTH = 5_000;
/** Shortest description that can be acted on. */
export const MIN_DESCRIPTION_LENGTH = 10;

/** The name of the honeypot field: hidden from people, tempting to form-filling robots. */
export const HONEYPOT_FIELD = "website";

const E = (key: string) => `needs:public.errors.${key}`;

/** Control characters other than tab, line feed and carriage return (and DEL): never part of a typed text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Free text as stored: control characters other than line breaks and tabs removed (PostgreSQL
 * refuses NUL, and none belongs in a description), lone surrogates replaced, spaces trimmed.
 */
export function cleanText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  // Lone surrogates (half of a character) become U+FFFD, as String.prototype.toWellFormed would.
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(CONTROL_CHARACTERS, "")
    .trim();
}

const text = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => {
      const cleaned = cleanText(v);
      return cleaned === "" ? undefined : cleaned;
    },
    z.string().max(max, E(tooLong)).optional(),
  );

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "yes", z.boolean());

const PHONE = /^\+?[0-9][0-9 ()./-]{4,22}[0-9]$/;

/** The public submission form (also the fields a CSO member fills in for someone else). */
export const NeedSubmissionSchema = z
  .object({
    category: z.enum(NEED_CATEGORIES, { message: E("category") }),
    municipality: z.string({ message: E("municipality") }).regex(/^(0[1-9]|[12][0-9]|3[0-8])$/, E("municipality")),
    settlement: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d{1,9}$/, E("settlement"))
        .transform(Number)
        .optional(),
    ),
    community: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^[a-z_]{2,40}$/, E("community"))
        .optional(),
    ),
    description: z.preprocess(
      cleanText,
      z
        .string({ message: E("descriptionMissing") })
        .min(MIN_DESCRIPTION_LENGTH, E("descriptionShort"))
        .max(MAX_DESCRIPTION_LENGTH, E("descriptionLong")),
    ),
    identity: z.enum(["anonymous", "named"], { message: E("identity") }),
    name: text(200, "nameLong"),
    phone: text(40, "phone").refine((v) => v === undefined || PHONE.test(v), E("phone")),
    email: text(254, "email").refine((v) => v === undefined || z.email().safeParse(v).success, E("email")),
    contactConsent: checkbox,
    shareWithInstitution: checkbox,
    onBehalf: checkbox,
    behalfConsent: checkbox,
  })
  .superRefine((value, ctx) => {
    const hasContact = value.phone !== undefined || value.email !== undefined;
    if (value.identity === "anonymous" && (value.name !== undefined || hasContact)) {
      ctx.addIssue({ code: "custom", path: ["identity"], message: E("anonymousWithDetails") });
    }
    if (hasContact && !value.contactConsent)
      ctx.addIssue({ code: "custom", path: ["contactConsent"], message: E("contactWithoutConsent") });
    if (!hasContact && value.contactConsent)
      ctx.addIssue({ code: "custom", path: ["phone"], message: E("consentWithoutContact") });
    if (value.shareWithInstitution && value.identity === "anonymous") {
      ctx.addIssue({ code: "custom", path: ["shareWithInstitution"], message: E("shareWhileAnonymous") });
    }
    if (value.identity === "named" && value.name === undefined && !hasContact)
      ctx.addIssue({ code: "custom", path: ["name"], message: E("namedWithoutDetails") });
    if (value.onBehalf && !value.behalfConsent)
      ctx.addIssue({ code: "custom", path: ["behalfConsent"], message: E("behalfConsent") });
  });

export type NeedSubmission = z.infer<typeof NeedSubmissionSchema>;

/** The fields of the submission form in the order they appear (the error summary follows it). */
export const SUBMISSION_FIELD_ORDER = [
  "form",
  "category",
  "municipality",
  "settlement",
  "community",
  "description",
  "identity",
  "name",
  "phone",
  "email",
  "contactConsent",
  "shareWithInstitution",
  "onBehalf",
  "behalfConsent",
  "attachments",
] as const;

/** The form that adds information on the tracking page. */
export const SubmitterNoteSchema = z.object({
  body: z.preprocess(
    cleanText,
    z
      .string({ message: E("noteMissing") })
      .min(1, E("noteMissing"))
      .max(MAX_DESCRIPTION_LENGTH, E("descriptionLong")),
  ),
});

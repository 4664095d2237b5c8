import { z } from "zod";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { idSchema } from "#app/services/ids.ts";
import { fromKosovoLocalInput } from "#app/services/kosovo-time.ts";

/**
 * Building blocks shared by the clearing-house forms (news, events, services, opportunities):
 * a translatable field is submitted as one input per written language (`title_sq`, `title_sr`,
 * `title_en`), and the original language must be filled in.
 */

/** The languages the forms offer today (the content model stores more). */
export const FORM_LOCALES = ["sq", "sr", "en"] as const satisfies readonly ContentLocale[];
export type FormLocale = (typeof FORM_LOCALES)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "news:form.errors.tooLong")
    .optional()
    .transform((v) => v ?? "");

/** The zod shape of a translatable field (`<name>_sq`, `<name>_sr`, `<name>_en`), each optional. */
export function translatedShape<N extends string>(
  name: N,
  max: number,
): Record<`${N}_${FormLocale}`, ReturnType<typeof optionalText>> {
  return Object.fromEntries(FORM_LOCALES.map((l) => [`${name}_${l}`, optionalText(max)])) as Record<
    `${N}_${FormLocale}`,
    ReturnType<typeof optionalText>
  >;
}

/** The zod shapes of several translatable fields, by name and longest length, in the order given. */
export function translatedShapes<N extends string>(
  maxLengths: Record<N, number>,
): Record<`${N}_${FormLocale}`, ReturnType<typeof optionalText>> {
  return Object.assign({}, ...Object.entries<number>(maxLengths).map(([name, max]) => translatedShape(name, max)));
}

/** The stored map of a translatable field from the parsed form (empty languages left out). */
export function translatedValue(data: Record<string, unknown>, name: string): TranslatedText {
  const value: TranslatedText = {};
  for (const l of FORM_LOCALES) {
    const text = data[`${name}_${l}`];
    if (typeof text === "string" && text.trim()) value[l] = text.trim();
  }
  return value;
}

/** The stored maps of several translatable fields from the parsed form, by name. */
export function translatedValues<K extends string>(
  data: Record<string, unknown>,
  names: readonly K[],
): Record<K, TranslatedText> {
  return Object.fromEntries(names.map((name) => [name, translatedValue(data, name)])) as Record<K, TranslatedText>;
}

/** The form's values of a stored translatable field (for the edit form's defaults). */
export function translatedFormValues(name: string, value: TranslatedText): Record<string, string> {
  return Object.fromEntries(FORM_LOCALES.map((l) => [`${name}_${l}`, value[l] ?? ""]));
}

export const OriginalLocaleSchema = z.enum(FORM_LOCALES, { message: "news:form.errors.originalLocale" });

/** Adds "required in the original language" errors for the named translatable fields. */
export function requireOriginal(fields: readonly string[]) {
  return (data: Record<string, unknown> & { originalLocale: FormLocale }, ctx: z.RefinementCtx) => {
    for (const field of fields) {
      const key = `${field}_${data.originalLocale}`;
      if (!String(data[key] ?? "").trim())
        ctx.addIssue({ code: "custom", path: [key], message: "news:form.errors.requiredInOriginal" });
    }
  };
}

/** An optional free text of at most `max` characters (an address, a note): null when left empty. */
export function optionalTextOrNull(max: number) {
  return z
    .string()
    .trim()
    .max(max, "news:form.errors.tooLong")
    .optional()
    .transform((v) => v || null);
}

/** An optional web address: http(s) only. */
export const OptionalUrlSchema = z
  .string()
  .trim()
  .max(500, "news:form.errors.tooLong")
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), "news:form.errors.url");

/** An optional municipality (KAS code). */
export const OptionalKasCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}$|^$/, "news:form.errors.municipality")
  .optional()
  .transform((v) => v || null);

/** The edit version the form was loaded with. */
export const VersionSchema = idSchema();

/** An organisation id chosen in a form. */
export const OrganisationIdFieldSchema = idSchema("news:form.errors.organisation");

/** The fields every publishable form ends with: the organisation it is published under and the version it edits. */
export const PublisherShape = { organisationId: OrganisationIdFieldSchema, version: VersionSchema.optional() };

/** A required `datetime-local` field, read as Kosovo time. */
export const KosovoDateTimeSchema = z
  .string({ message: "news:form.errors.dateTime" })
  .trim()
  .transform((v, ctx) => {
    const date = fromKosovoLocalInput(v);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "news:form.errors.dateTime" });
      return z.NEVER;
    }
    return date;
  });

/** A required ISO date field (yyyy-mm-dd). */
export const IsoDateSchema = z
  .string({ message: "news:form.errors.date" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "news:form.errors.date")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "news:form.errors.date",
  );

/** The form values of an item's translatable fields, named (`title`, `summary`…), one per written language each. */
export function translatedFormValuesOf<K extends string>(
  item: Record<K, TranslatedText>,
  names: readonly K[],
): Record<string, string> {
  return Object.assign({}, ...names.map((name) => translatedFormValues(name, item[name])));
}

/** A public list's municipality filter (`?municipality=`, a KAS code), or nothing when it is missing or malformed. */
export const MunicipalityParamSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .optional()
  .catch(undefined);

/** A public list's code filter (`?sector=`, `?type=`, `?community=`), or nothing when it is missing or malformed. */
export const CodeParamSchema = z
  .string()
  .regex(/^[a-z_]{1,40}$/)
  .optional()
  .catch(undefined);

/** A list's on/off filter (`?expired=1`, `?overdue=1`): true only when it is `1`. */
export const FlagParamSchema = z
  .enum(["1"])
  .optional()
  .catch(undefined)
  .transform((v) => v === "1");

/** `?page=` of a public list: a positive whole number, 1 when absent or nonsense. */
export const PageParamSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

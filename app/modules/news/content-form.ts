import { z } from "zod";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import { cyrillicToLatin } from "#app/i18n/transliterate.ts";
import { idSchema } from "#app/services/ids.ts";

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
export function translatedShape<N extends string>(name: N, max: number): Record<`${N}_${FormLocale}`, ReturnType<typeof optionalText>> {
  return Object.fromEntries(FORM_LOCALES.map((l) => [`${name}_${l}`, optionalText(max)])) as Record<`${N}_${FormLocale}`, ReturnType<typeof optionalText>>;
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
      if (!String(data[key] ?? "").trim()) ctx.addIssue({ code: "custom", path: [key], message: "news:form.errors.requiredInOriginal" });
    }
  };
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

/** A slug from a title: lower-case ASCII words joined by hyphens (Cyrillic transliterated), at most 80 characters. */
export function slugFromTitle(title: TranslatedText): string {
  const source = title.en ?? title.sq ?? title.sr ?? Object.values(title).find((v) => typeof v === "string") ?? "item";
  const slug = cyrillicToLatin(String(source))
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/gi, "dj")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "item";
}

const KOSOVO_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Belgrade", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The `datetime-local` value (Kosovo time) of a moment. */
export function toKosovoLocalInput(value: Date): string {
  const p = Object.fromEntries(KOSOVO_TIME.formatToParts(value).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The moment of a `datetime-local` value read as Kosovo time (CET/CEST), or null when malformed. */
export function fromKosovoLocalInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (guess.getUTCMonth() !== mo - 1 || guess.getUTCDate() !== d) return null;
  // Try both Kosovo offsets; keep the one that reads back as the same wall-clock time.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(guess.getTime() - offsetHours * 3_600_000);
    if (toKosovoLocalInput(candidate) === value) return candidate;
  }
  return new Date(guess.getTime() - 3_600_000);
}

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
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "news:form.errors.date");

/** Today's date in Kosovo (yyyy-mm-dd), the day deadlines are compared with. */
export function todayInKosovo(now: Date = new Date()): string {
  return toKosovoLocalInput(now).slice(0, 10);
}

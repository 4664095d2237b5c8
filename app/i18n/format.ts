import { LANGUAGE_TAG, type Locale } from "./locales.ts";

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number for the reader's language (cached per locale and options). */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LANGUAGE_TAG[locale], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Formats a share (0–1) as a percentage with one decimal. */
export function formatPercent(share: number, locale: Locale): string {
  return formatNumber(share, locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Formats a date (long form, no time) for the reader's language, in Kosovo's time zone. */
export function formatDate(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { dateStyle: "long", timeZone: "Europe/Belgrade" }).format(date);
}

/** ISO date (YYYY-MM-DD) for `<time datetime>`. */
export function isoDate(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().slice(0, 10);
}

/** Formats a moment (date and time to the second) for the reader's language, in Kosovo's time zone. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Belgrade" }).format(date);
}

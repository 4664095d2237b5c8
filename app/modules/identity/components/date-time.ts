import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";

/** A date with its time of day, in the reader's language and in Kosovo's time zone. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Belgrade" }).format(date);
}

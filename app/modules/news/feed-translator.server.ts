import type { i18n } from "i18next";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/** A translator for feeds and calendars (responses that are not pages). */
export function feedTranslator(locale: Locale, namespace: string): i18n["t"] {
  return serverTranslator(locale, namespace);
}

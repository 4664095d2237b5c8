import type { i18n } from "i18next";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };

// Imported directly (not through the Vite glob of every module) so that job handlers, which run
// under tsx in the server process, can translate mails and the annual report too.
const CATALOGS: Record<string, Messages> = {
  "/modules/reporting/locales/sq.json": sq,
  "/modules/reporting/locales/sr.json": sr,
  "/modules/reporting/locales/en.json": en,
};

const instances = new Map<Locale, i18n>();

/** A translator for the reporting strings in one locale (Cyrillic derived from Serbian Latin). */
export function reportingTranslator(locale: Locale): i18n["t"] {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale, resourcesFor(locale, CATALOGS));
    instances.set(locale, instance);
  }
  return instance.getFixedT(locale, "reporting");
}

/** A user's stored preferred locale as a shipped locale (Albanian when unknown). */
export function mailLocale(value: string | null | undefined): Locale {
  return isLocale(value ?? undefined) ? (value as Locale) : "sq";
}

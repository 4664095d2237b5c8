import type { i18n } from "i18next";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import { isLocale, type Locale } from "#app/i18n/locales.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };
import tr from "./locales/tr.json" with { type: "json" };
import bs from "./locales/bs.json" with { type: "json" };
import { serverTranslators } from "#app/i18n/server-translator.server.ts";

// Imported directly (not through the Vite glob of every module) so that job handlers, which run
// under tsx in the server process, can translate mails and the annual report too.
const CATALOGS: Record<string, Messages> = {
  "/modules/reporting/locales/sq.json": sq,
  "/modules/reporting/locales/sr.json": sr,
  "/modules/reporting/locales/en.json": en,
  "/modules/reporting/locales/tr.json": tr,
  "/modules/reporting/locales/bs.json": bs,
};

const translator = serverTranslators((locale) => resourcesFor(locale, CATALOGS));

/** A translator for the reporting strings in one locale (Cyrillic derived from Serbian Latin). */
export function reportingTranslator(locale: Locale): i18n["t"] {
  return translator(locale, "reporting");
}

/** A user's stored preferred locale as a shipped locale (Albanian when unknown). */
export function mailLocale(value: string | null | undefined): Locale {
  return isLocale(value ?? undefined) ? (value as Locale) : "sq";
}

import type { TFunction } from "i18next";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import type { Locale } from "#app/i18n/locales.ts";
import en from "../locales/en.json" with { type: "json" };
import sq from "../locales/sq.json" with { type: "json" };
import sr from "../locales/sr.json" with { type: "json" };
import tr from "../locales/tr.json" with { type: "json" };
import bs from "../locales/bs.json" with { type: "json" };
import rom from "../locales/rom.json" with { type: "json" };
import { serverTranslators } from "#app/i18n/server-translator.server.ts";

// The needs catalogs are imported directly (not through the Vite glob of every module) so that the
// e-mails and statistics labels also work in code run by tsx (the server, job handlers, the seed).
const CATALOGS: Record<string, Messages> = {
  "/modules/needs/locales/sq.json": sq,
  "/modules/needs/locales/sr.json": sr,
  "/modules/needs/locales/en.json": en,
  "/modules/needs/locales/tr.json": tr,
  "/modules/needs/locales/bs.json": bs,
  "/modules/needs/locales/rom.json": rom,
};

const translators = serverTranslators((locale) => resourcesFor(locale, CATALOGS));

/** The needs module's strings in one locale, for text made on the server (e-mails, chart labels, CSV). */
export function needsTranslator(locale: Locale): TFunction<"needs"> {
  return translators(locale, "needs");
}

import type { TFunction } from "i18next";
import { mapMessages, overlayMessages } from "#app/i18n/catalog.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import { latinToCyrillicMessage } from "#app/i18n/transliterate.ts";
import en from "./locales/en.json";
import sq from "./locales/sq.json";
import sr from "./locales/sr.json";
import tr from "./locales/tr.json";
import bs from "./locales/bs.json";
import { serverTranslators } from "#app/i18n/server-translator.server.ts";

/** The languages of the downloads: every interface language, Serbian in either script. */
export type DownloadLocale = Locale;

/** The languages of the downloads, as the API's `lang` parameter accepts them. */
export const DOWNLOAD_LOCALES = LOCALES;

// Serbian Cyrillic is derived from the Latin catalog, as for the pages (app/i18n/catalog.ts); a
// key Turkish or Bosnian lacks comes from its fallback language, and Romani, which translates the
// public journeys only, reads this module in Albanian (decision 043).
const CATALOGS = {
  sq,
  sr,
  "sr-cyrl": mapMessages(sr, latinToCyrillicMessage),
  en,
  tr: overlayMessages(sq, tr),
  bs: overlayMessages(sr, bs),
  rom: sq,
} as const;
const translators = serverTranslators((locale) => ({ projects: CATALOGS[locale] }));

/**
 * The module's strings for the API's downloads. The API runs in the Node server (tsx), outside
 * the Vite build that gathers every catalog (`import.meta.glob`), so it reads this module's own
 * catalogs directly.
 */
export function downloadTranslator(locale: DownloadLocale): TFunction<"projects"> {
  return translators(locale, "projects");
}

import type { TFunction } from "i18next";
import { createI18n } from "#app/i18n/i18n.ts";
import en from "./locales/en.json";
import sq from "./locales/sq.json";
import sr from "./locales/sr.json";

/** The languages of the downloads. */
export type DownloadLocale = "sq" | "sr" | "en";

const CATALOGS = { sq, sr, en } as const;
const translators = new Map<DownloadLocale, TFunction<"projects">>();

/**
 * The module's strings for the API's downloads. The API runs in the Node server (tsx), outside
 * the Vite build that gathers every catalog (`import.meta.glob`), so it reads this module's own
 * catalogs directly.
 */
export function downloadTranslator(locale: DownloadLocale): TFunction<"projects"> {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, { projects: CATALOGS[locale] }).getFixedT(locale, "projects");
    translators.set(locale, t);
  }
  return t;
}

import type { TFunction } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

const translators = new Map<Locale, TFunction<"strategies">>();

/**
 * The module's UI strings in one locale, for text a loader or a download produces itself (chart
 * titles, column headers of CSV and XLSX files). Built once per locale and process.
 */
export function strategiesTranslator(locale: Locale): TFunction<"strategies"> {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, serverResources(locale)).getFixedT(locale, "strategies");
    translators.set(locale, t);
  }
  return t;
}

import type { TFunction } from "i18next";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * The module's UI strings in one locale, for text a loader or a download produces itself (chart
 * titles, column headers of CSV and XLSX files).
 */
export function strategiesTranslator(locale: Locale): TFunction<"strategies"> {
  return serverTranslator(locale, "strategies");
}

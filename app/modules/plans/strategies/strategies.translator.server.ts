import type { TFunction } from "i18next";
import { resourcesFor, type Messages } from "#app/i18n/catalog.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { serverTranslators } from "#app/i18n/server-translator.server.ts";
import bs from "./locales/bs.json" with { type: "json" };
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };
import tr from "./locales/tr.json" with { type: "json" };

// Imported directly (not through the Vite glob of every module's catalogs) because the municipality
// page's section (decision 049) is loaded by the host from the module's server half, which runs
// under tsx in the server process, where there is no Vite glob; as the reporting module's translator.
const CATALOGS: Record<string, Messages> = {
  "/modules/plans/strategies/locales/sq.json": sq,
  "/modules/plans/strategies/locales/sr.json": sr,
  "/modules/plans/strategies/locales/en.json": en,
  "/modules/plans/strategies/locales/tr.json": tr,
  "/modules/plans/strategies/locales/bs.json": bs,
};

const translator = serverTranslators((locale) => resourcesFor(locale, CATALOGS));

/**
 * The module's UI strings in one locale, for text a loader or a download produces itself (chart
 * titles, column headers of CSV and XLSX files, the municipality page's section).
 */
export function strategiesTranslator(locale: Locale): TFunction<"strategies"> {
  return translator(locale, "strategies");
}

import type { TFunction } from "i18next";
import { serverTranslator } from "#app/i18n/catalogs.server.ts";
import type { Locale } from "#app/i18n/locales.ts";

/**
 * The module's UI strings in one locale, for text a loader has to produce itself (the title and
 * description inside a server-rendered chart).
 */
export function municipalitiesTranslator(locale: Locale): TFunction<"municipalities"> {
  return serverTranslator(locale, "municipalities");
}

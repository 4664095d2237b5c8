import type { TFunction } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

const translators = new Map<Locale, TFunction<"municipalities">>();

/**
 * The module's UI strings in one locale, for text a loader has to produce itself (the title and
 * description inside a server-rendered chart). Built once per locale and process.
 */
export function municipalitiesTranslator(locale: Locale): TFunction<"municipalities"> {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, serverResources(locale)).getFixedT(locale, "municipalities");
    translators.set(locale, t);
  }
  return t;
}

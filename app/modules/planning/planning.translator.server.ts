import type { TFunction } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

const translators = new Map<Locale, TFunction>();

/**
 * The UI strings in one locale for text the server writes itself (the XLSX template's
 * instructions and the import errors of a background job). Built once per locale and process.
 */
export function planningTranslator(locale: Locale): (key: string, params?: Record<string, string | number>) => string {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, serverResources(locale)).getFixedT(locale);
    translators.set(locale, t);
  }
  const fixed = t;
  return (key, params) => String(fixed(key, params ?? {}));
}

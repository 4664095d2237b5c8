import type { TFunction } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

const translators = new Map<Locale, TFunction<"needs">>();

/** The needs module's strings in one locale, for text made on the server (e-mails, chart labels, CSV). */
export function needsTranslator(locale: Locale): TFunction<"needs"> {
  let t = translators.get(locale);
  if (!t) {
    t = createI18n(locale, serverResources(locale)).getFixedT(locale, "needs");
    translators.set(locale, t);
  }
  return t;
}

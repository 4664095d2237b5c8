import type { i18n } from "i18next";
import { serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import type { Locale } from "#app/i18n/locales.ts";

const instances = new Map<Locale, i18n>();

/** A translator for feeds and calendars (responses that are not pages), one instance per locale. */
export function feedTranslator(locale: Locale, namespace: string): i18n["t"] {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale, serverResources(locale));
    instances.set(locale, instance);
  }
  return instance.getFixedT(locale, namespace);
}

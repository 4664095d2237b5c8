import type { i18n, TFunction } from "i18next";
import type { LocaleResources } from "./catalog.ts";
import { createI18n } from "./i18n.ts";
import type { Locale } from "./locales.ts";

/** A translator for one locale and namespace, for text the server writes itself. */
export type ServerTranslator = <NS extends string>(locale: Locale, namespace: NS) => TFunction<NS>;

/**
 * The one factory of server translators (mails, feeds, charts, downloads, job output): one
 * i18next instance per locale, built on first use from `resourcesOf(locale)` and kept for the
 * process. Pages use every module's catalogs (`serverTranslator` in catalogs.server.ts); code that
 * also runs under tsx outside the Vite build (job handlers, the seed, the API's downloads) passes
 * its own module's catalogs.
 */
export function serverTranslators(resourcesOf: (locale: Locale) => LocaleResources): ServerTranslator {
  const instances = new Map<Locale, i18n>();
  return <NS extends string>(locale: Locale, namespace: NS): TFunction<NS> => {
    let instance = instances.get(locale);
    if (!instance) {
      instance = createI18n(locale, resourcesOf(locale));
      instances.set(locale, instance);
    }
    return instance.getFixedT(locale, namespace);
  };
}

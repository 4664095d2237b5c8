import i18next, { type i18n } from "i18next";
import ICU from "i18next-icu";
import { initReactI18next } from "react-i18next";
import type { LocaleResources } from "./catalog.ts";
import { INTL_TAG, type Locale } from "./locales.ts";

/**
 * Creates an i18next instance for one locale, initialised synchronously from already loaded
 * resources: ICU message format (plurals, selects), no escaping (React escapes), and a missing
 * key shows the key itself so it is noticed (a test fails on any missing key).
 */
export function createI18n(locale: Locale, resources: LocaleResources): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(new ICU({ parseLngForICU: () => INTL_TAG[locale] }))
    .use(initReactI18next)
    .init({
      lng: locale,
      resources: { [locale]: resources },
      ns: Object.keys(resources),
      defaultNS: "core",
      fallbackLng: false,
      lowerCaseLng: true,
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  return instance;
}

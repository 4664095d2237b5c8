import type { i18n } from "i18next";
import { resourcesFor, type LocaleResources, type Messages } from "./catalog.ts";
import { LOCALES, type Locale } from "./locales.ts";
import { createI18n } from "./i18n.ts";
import { serverTranslators } from "./server-translator.server.ts";

// A module's catalogs sit in its folder (`modules/<module>/locales/`) or, for a module made of parts,
// in each part's folder (`modules/clearing-house/news/locales/`, decision 048): the folder holding
// `locales/` is the namespace.
const files = import.meta.glob<Messages>(["../modules/*/locales/*.json", "../modules/*/*/locales/*.json"], {
  eager: true,
  import: "default",
});

const byLocale = new Map<Locale, LocaleResources>(LOCALES.map((locale) => [locale, resourcesFor(locale, files)]));

/** Every catalog file of every module, by path (for tests that check completeness). */
export const catalogFiles: Record<string, Messages> = files;

/** The UI strings of one locale, built once per process. */
export function serverResources(locale: Locale): LocaleResources {
  const resources = byLocale.get(locale);
  if (!resources) throw new Error(`No catalogs for ${locale}`);
  return resources;
}

/** Translators over every module's catalogs, for text a loader, feed or download writes itself. */
export const serverTranslator = serverTranslators(serverResources);

const pageInstances = new Map<Locale, i18n>();

/**
 * The i18next instance that renders pages in one locale, built once per process. Nothing changes
 * an instance after it is made (no language switch, no added resources), so concurrent renders
 * share it; and its ICU plugin keeps each compiled message, which a fresh instance per request
 * compiled again on every page.
 *
 * What is handed out is an object with no properties of its own whose prototype is the instance
 * (i18next binds its methods to the instance, so they work the same through it). react-i18next's
 * `useTranslation` copies the own properties of the i18n object it is given, on every first
 * render of a component — on the server, every render: the instance's 44 own properties cost about
 * 60 µs per component that translates, a few milliseconds per page (decision 044).
 */
export function pageI18n(locale: Locale): i18n {
  let shared = pageInstances.get(locale);
  if (!shared) {
    shared = Object.create(createI18n(locale, serverResources(locale))) as i18n;
    pageInstances.set(locale, shared);
  }
  return shared;
}

/** Drops the page instances, for a test that changes a catalog in place and must see the change. */
export function forgetPageI18n(): void {
  pageInstances.clear();
}

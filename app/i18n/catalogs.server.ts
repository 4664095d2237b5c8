import { resourcesFor, type LocaleResources, type Messages } from "./catalog.ts";
import { LOCALES, type Locale } from "./locales.ts";
import { serverTranslators } from "./server-translator.server.ts";

const files = import.meta.glob<Messages>("../modules/*/locales/*.json", { eager: true, import: "default" });

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

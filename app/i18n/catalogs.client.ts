import { catalogSourcesOf, resourcesFor, type LocaleResources, type Messages } from "./catalog.ts";
import type { Locale } from "./locales.ts";

const loaders = import.meta.glob<Messages>(["../modules/*/locales/*.json", "../modules/*/*/locales/*.json"], {
  import: "default",
});

/**
 * Downloads only the catalogs of the page's language and of its fallback language (Cyrillic is
 * derived from the Latin files).
 */
export async function loadClientResources(locale: Locale): Promise<LocaleResources> {
  const sources = catalogSourcesOf(locale);
  const wanted = Object.entries(loaders).filter(([path]) => sources.some((source) => path.endsWith(`/${source}.json`)));
  const loaded = await Promise.all(wanted.map(async ([path, load]) => [path, await load()] as const));
  return resourcesFor(locale, Object.fromEntries(loaded));
}

import { parseCatalogPath, WRITTEN_CATALOG_LOCALES, type WrittenCatalogLocale } from "./catalog.ts";
import { catalogFiles } from "./catalogs.server.ts";
import type { Locale } from "./locales.ts";
import { catalogTable, hasUnreviewedStrings, translationStatus, type LocaleStatus } from "./translation-status.ts";

const reviewedFiles = import.meta.glob<string[]>("./reviewed/*.json", { eager: true, import: "default" });

/** The reviewed keys (`namespace:key`) of each tracked locale, from app/i18n/reviewed/<locale>.json. */
function reviewedKeys(): Partial<Record<WrittenCatalogLocale, ReadonlySet<string>>> {
  const out: Partial<Record<WrittenCatalogLocale, ReadonlySet<string>>> = {};
  for (const [path, keys] of Object.entries(reviewedFiles)) {
    const locale = /\/([a-z-]+)\.json$/.exec(path)?.[1];
    if (locale && (WRITTEN_CATALOG_LOCALES as readonly string[]).includes(locale))
      out[locale as WrittenCatalogLocale] = new Set(keys);
  }
  return out;
}

let status: LocaleStatus[] | undefined;

/** The translation status of every written language, computed once per process from the shipped catalogs. */
export function currentTranslationStatus(): LocaleStatus[] {
  if (!status) {
    const entries = Object.entries(catalogFiles).flatMap(([path, messages]) => {
      const parsed = parseCatalogPath(path);
      return parsed ? [{ ...parsed, messages }] : [];
    });
    status = translationStatus(catalogTable(entries), reviewedKeys(), WRITTEN_CATALOG_LOCALES);
  }
  return status;
}

/** True when a page in this locale shows strings no person has reviewed yet (the note under the header). */
export function showsUnreviewedTranslation(locale: Locale): boolean {
  const entry = currentTranslationStatus().find((s) => s.locale === locale);
  return entry ? hasUnreviewedStrings(entry) : false;
}

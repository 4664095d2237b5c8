import {
  COMPLETE_CATALOG_LOCALES,
  flattenMessages,
  inRomaniScope,
  SOURCE_CATALOG_LOCALE,
  type Messages,
  type WrittenCatalogLocale,
} from "./catalog.ts";

/**
 * The locales whose review by a person is tracked key by key (decision 043): the languages added
 * with machine-made translations. Albanian, Serbian and English are the platform's own languages,
 * written with it; their review is not tracked.
 */
export const REVIEW_TRACKED_LOCALES = ["tr", "bs", "rom"] as const satisfies readonly WrittenCatalogLocale[];
export type ReviewTrackedLocale = (typeof REVIEW_TRACKED_LOCALES)[number];

export function isReviewTracked(locale: string): locale is ReviewTrackedLocale {
  return (REVIEW_TRACKED_LOCALES as readonly string[]).includes(locale);
}

/** Every module's catalog in every written language: namespace → locale → flat messages. */
export type CatalogTable = Map<string, Map<WrittenCatalogLocale, Record<string, string>>>;

/** Builds the table from catalogs given as nested messages, by namespace and locale. */
export function catalogTable(
  entries: Iterable<{ namespace: string; locale: WrittenCatalogLocale; messages: Messages }>,
): CatalogTable {
  const table: CatalogTable = new Map();
  for (const { namespace, locale, messages } of entries) {
    const locales = table.get(namespace) ?? new Map<WrittenCatalogLocale, Record<string, string>>();
    locales.set(locale, flattenMessages(messages));
    table.set(namespace, locales);
  }
  return table;
}

/** A key the catalog of a locale should hold and does not (`namespace:key`). */
export interface MissingKey {
  locale: WrittenCatalogLocale;
  namespace: string;
  key: string;
}

/** The keys a locale must hold in a namespace: all the source's keys, or the public journeys' for Romani. */
export function requiredKeys(table: CatalogTable, namespace: string, locale: WrittenCatalogLocale): string[] {
  const source = Object.keys(table.get(namespace)?.get(SOURCE_CATALOG_LOCALE) ?? {});
  if ((COMPLETE_CATALOG_LOCALES as readonly string[]).includes(locale)) return source;
  if (locale === "rom") return source.filter((key) => inRomaniScope(namespace, key));
  return [];
}

/** Every key a locale's catalogs lack (missing or empty), module by module, in the source's order. */
export function missingKeys(table: CatalogTable, locale: WrittenCatalogLocale): MissingKey[] {
  const missing: MissingKey[] = [];
  for (const namespace of [...table.keys()].sort()) {
    const messages = table.get(namespace)?.get(locale) ?? {};
    for (const key of requiredKeys(table, namespace, locale))
      if (!messages[key]?.trim()) missing.push({ locale, namespace, key });
  }
  return missing;
}

/** Counts for one module (or the whole interface) in one language. */
export interface StatusCounts {
  /** Keys in the source (English) catalog. */
  total: number;
  /** Of them, written in the language (not shown from a fallback). */
  translated: number;
  /** Of the translated, those a person has reviewed; null when review is not tracked for the language. */
  reviewed: number | null;
}

export interface LocaleStatus extends StatusCounts {
  locale: WrittenCatalogLocale;
  modules: ({ namespace: string } & StatusCounts)[];
}

/**
 * The translation status of every written language: per module and in all, how many of the source
 * strings are translated and how many of those a person has reviewed (`reviewed` holds
 * `namespace:key` per tracked locale). Computed from the catalogs every time, never written down.
 */
export function translationStatus(
  table: CatalogTable,
  reviewed: Partial<Record<WrittenCatalogLocale, ReadonlySet<string>>>,
  locales: readonly WrittenCatalogLocale[],
): LocaleStatus[] {
  const namespaces = [...table.keys()]
    .filter((namespace) => Object.keys(table.get(namespace)?.get(SOURCE_CATALOG_LOCALE) ?? {}).length > 0)
    .sort();
  return locales.map((locale) => {
    const tracked = isReviewTracked(locale);
    const marks = reviewed[locale] ?? new Set<string>();
    const modules = namespaces.map((namespace) => {
      const source = Object.keys(table.get(namespace)?.get(SOURCE_CATALOG_LOCALE) ?? {});
      const own = table.get(namespace)?.get(locale) ?? {};
      const translated = source.filter((key) => own[key]?.trim());
      return {
        namespace,
        total: source.length,
        translated: translated.length,
        reviewed: tracked ? translated.filter((key) => marks.has(`${namespace}:${key}`)).length : null,
      };
    });
    const sum = (pick: (m: StatusCounts) => number) => modules.reduce((total, m) => total + pick(m), 0);
    return {
      locale,
      modules,
      total: sum((m) => m.total),
      translated: sum((m) => m.translated),
      reviewed: tracked ? sum((m) => m.reviewed ?? 0) : null,
    };
  });
}

/** True when some translated string of a tracked locale has not been reviewed by a person. */
export function hasUnreviewedStrings(status: LocaleStatus): boolean {
  return status.reviewed !== null && status.reviewed < status.translated;
}

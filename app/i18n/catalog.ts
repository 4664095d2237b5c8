import type { Locale } from "./locales.ts";
import { latinToCyrillicMessage } from "./transliterate.ts";

/** A module's UI strings in one language: nested keys, ICU messages as leaves. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The written (not derived) catalog languages; `sr-cyrl` is made from `sr`. */
export const WRITTEN_CATALOG_LOCALES = ["sq", "sr", "en"] as const;
export type WrittenCatalogLocale = (typeof WRITTEN_CATALOG_LOCALES)[number];

/** Namespace → messages, for one locale. */
export type LocaleResources = Record<string, Messages>;

/** Maps every leaf of a catalog through `fn`, keeping its shape. */
export function mapMessages(messages: Messages, fn: (message: string) => string): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(messages)) out[key] = typeof value === "string" ? fn(value) : mapMessages(value, fn);
  return out;
}

/** Flattens a catalog to dotted keys (`nav.home`), for completeness checks. */
export function flattenMessages(messages: Messages, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flattenMessages(value, path));
  }
  return out;
}

const CATALOG_PATH = /\/modules\/([^/]+)\/locales\/([a-z-]+)\.json$/;

/** Reads the module and locale out of a catalog's path (`…/modules/news/locales/sr.json`). */
export function parseCatalogPath(path: string): { namespace: string; locale: WrittenCatalogLocale } | null {
  const match = CATALOG_PATH.exec(path);
  if (!match?.[1] || !match[2]) return null;
  const locale = match[2];
  if (!(WRITTEN_CATALOG_LOCALES as readonly string[]).includes(locale)) return null;
  return { namespace: match[1], locale: locale as WrittenCatalogLocale };
}

/**
 * Builds one locale's resources from the catalog files of every module. For `sr-cyrl` it takes
 * the Serbian Latin catalogs and transliterates them.
 */
export function resourcesFor(locale: Locale, catalogs: Record<string, Messages>): LocaleResources {
  const source = locale === "sr-cyrl" ? "sr" : locale;
  const resources: LocaleResources = {};
  for (const [path, messages] of Object.entries(catalogs)) {
    const parsed = parseCatalogPath(path);
    if (!parsed || parsed.locale !== source) continue;
    resources[parsed.namespace] = locale === "sr-cyrl" ? mapMessages(messages, latinToCyrillicMessage) : messages;
  }
  return resources;
}

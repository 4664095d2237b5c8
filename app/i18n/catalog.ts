import type { Locale } from "./locales.ts";
import { latinToCyrillicMessage } from "./transliterate.ts";

/** A module's UI strings in one language: nested keys, ICU messages as leaves. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The written (not derived) catalog languages; `sr-cyrl` is made from `sr`. */
export const WRITTEN_CATALOG_LOCALES = ["sq", "sr", "en", "tr", "bs", "rom"] as const;
export type WrittenCatalogLocale = (typeof WRITTEN_CATALOG_LOCALES)[number];

/** The language translators translate from (XLIFF's source, the placeholders every locale must keep). */
export const SOURCE_CATALOG_LOCALE = "en" satisfies WrittenCatalogLocale;

/**
 * The catalogs that must hold every key of every module (the completeness test): the platform's
 * languages and, since decision 043, Turkish and Bosnian. Romani must hold the public journeys
 * (`ROMANI_SCOPE`).
 */
export const COMPLETE_CATALOG_LOCALES = [
  "sq",
  "sr",
  "en",
  "tr",
  "bs",
] as const satisfies readonly WrittenCatalogLocale[];

/**
 * The keys of the public journeys — the layout, home, needs submission and tracking with its
 * receipt, services, opportunities — which the Romani catalogs must hold: a module and the prefix
 * of its keys ("" for all of them).
 */
export const ROMANI_SCOPE: readonly (readonly [namespace: string, keyPrefix: string])[] = [
  ["core", ""],
  ["pages", ""],
  ["search", "header."],
  ["needs", "category."],
  ["needs", "status."],
  ["needs", "public."],
  ["services", "index."],
  ["services", "detail."],
  ["opportunities", "index."],
  ["opportunities", "kind."],
  ["opportunities", "detail."],
];

/** True when a key of a module belongs to the public journeys Romani must cover. */
export function inRomaniScope(namespace: string, key: string): boolean {
  return ROMANI_SCOPE.some(([scope, prefix]) => scope === namespace && key.startsWith(prefix));
}

/**
 * The language shown for a key a catalog does not hold (decision 043): Romani and Turkish fall
 * back to Albanian, the language their speakers in Kosovo read at school and in the
 * municipalities where they live (Prizren, Gjakova, Ferizaj, Mamusha); Bosnian falls back to
 * Serbian, which its readers understand without effort. A gap in a complete catalog (a key added
 * by another change since) is thus still readable while the missing-keys list names it.
 */
export const CATALOG_FALLBACK: Partial<Record<WrittenCatalogLocale, WrittenCatalogLocale>> = {
  tr: "sq",
  bs: "sr",
  rom: "sq",
};

/** Namespace → messages, for one locale. */
export type LocaleResources = Record<string, Messages>;

/** Maps every leaf of a catalog through `fn`, keeping its shape. */
export function mapMessages(messages: Messages, fn: (message: string) => string): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(messages))
    out[key] = typeof value === "string" ? fn(value) : mapMessages(value, fn);
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

const CATALOG_PATH = /\/modules\/(?:[^/]+\/)?([^/]+)\/locales\/([a-z-]+)\.json$/;

/**
 * Reads the namespace and locale out of a catalog's path: the folder holding `locales/`, a module
 * (`…/modules/core/locales/sr.json`) or a part of one (`…/modules/clearing-house/news/locales/sr.json`).
 */
export function parseCatalogPath(path: string): { namespace: string; locale: WrittenCatalogLocale } | null {
  const match = CATALOG_PATH.exec(path);
  if (!match?.[1] || !match[2]) return null;
  const locale = match[2];
  if (!(WRITTEN_CATALOG_LOCALES as readonly string[]).includes(locale)) return null;
  return { namespace: match[1], locale: locale as WrittenCatalogLocale };
}

/** `base` with every leaf of `over` written over it (neither is changed). */
export function overlayMessages(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    if (typeof value === "string") {
      if (value.trim()) out[key] = value;
    } else out[key] = typeof below === "object" ? overlayMessages(below, value) : value;
  }
  return out;
}

/** The catalog files a locale's resources are built from: its own and its fallback's. */
export function catalogSourcesOf(locale: Locale): WrittenCatalogLocale[] {
  const own: WrittenCatalogLocale = locale === "sr-cyrl" ? "sr" : locale;
  const fallback = CATALOG_FALLBACK[own];
  return fallback ? [own, fallback] : [own];
}

/**
 * Builds one locale's resources from the catalog files of every module. For `sr-cyrl` it takes
 * the Serbian Latin catalogs and transliterates them. A key the locale's catalog lacks is taken
 * from its fallback language (`CATALOG_FALLBACK`), key by key.
 */
export function resourcesFor(locale: Locale, catalogs: Record<string, Messages>): LocaleResources {
  const [source, fallback] = catalogSourcesOf(locale);
  const own: LocaleResources = {};
  const below: LocaleResources = {};
  for (const [path, messages] of Object.entries(catalogs)) {
    const parsed = parseCatalogPath(path);
    if (!parsed) continue;
    if (parsed.locale === source) own[parsed.namespace] = messages;
    else if (fallback && parsed.locale === fallback) below[parsed.namespace] = messages;
  }
  const resources: LocaleResources = {};
  for (const namespace of new Set([...Object.keys(below), ...Object.keys(own)])) {
    const messages = overlayMessages(below[namespace] ?? {}, own[namespace] ?? {});
    resources[namespace] = locale === "sr-cyrl" ? mapMessages(messages, latinToCyrillicMessage) : messages;
  }
  return resources;
}

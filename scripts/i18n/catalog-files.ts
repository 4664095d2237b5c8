import fs from "node:fs";
import path from "node:path";
import {
  flattenMessages,
  SOURCE_CATALOG_LOCALE,
  WRITTEN_CATALOG_LOCALES,
  type Messages,
  type WrittenCatalogLocale,
} from "#app/i18n/catalog.ts";
import { catalogTable, type CatalogTable } from "#app/i18n/translation-status.ts";

/**
 * The catalogs as files (decision 043), for the translators' tools: app/modules/<module>/locales/
 * <locale>.json (or, for a module made of parts, app/modules/<module>/<part>/locales/<locale>.json,
 * decision 048; the folder holding `locales/` is the namespace) and the reviewed keys in
 * app/i18n/reviewed/<locale>.json, under a project root (the repository, or a copy in a test).
 */

/** The folders holding a `locales/` folder under app/modules, by namespace (their name). */
function catalogFolders(root: string): Map<string, string> {
  const modules = path.join(root, "app", "modules");
  const folders = new Map<string, string>();
  const subfolders = (dir: string) =>
    fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== "locales");
  for (const module of subfolders(modules)) {
    const dir = path.join(modules, module.name);
    if (fs.existsSync(path.join(dir, "locales"))) folders.set(module.name, dir);
    for (const part of subfolders(dir))
      if (fs.existsSync(path.join(dir, part.name, "locales"))) folders.set(part.name, path.join(dir, part.name));
  }
  return folders;
}

/** A namespace's catalog file in a locale (under app/modules/<namespace>/ when the namespace has no folder yet). */
export function catalogPath(root: string, namespace: string, locale: WrittenCatalogLocale): string {
  const folder = catalogFolders(root).get(namespace) ?? path.join(root, "app", "modules", namespace);
  return path.join(folder, "locales", `${locale}.json`);
}

export function reviewedPath(root: string, locale: WrittenCatalogLocale): string {
  return path.join(root, "app", "i18n", "reviewed", `${locale}.json`);
}

/** Every module's catalogs in every written language. */
export function readCatalogs(root: string): CatalogTable {
  const entries = [...catalogFolders(root).keys()].flatMap((namespace) =>
    WRITTEN_CATALOG_LOCALES.flatMap((locale) => {
      const file = catalogPath(root, namespace, locale);
      return fs.existsSync(file)
        ? [{ namespace, locale, messages: JSON.parse(fs.readFileSync(file, "utf8")) as Messages }]
        : [];
    }),
  );
  return catalogTable(entries);
}

/** The source (English) catalog of a module as written, for the order of its keys. */
export function readSourceCatalog(root: string, namespace: string): Messages {
  return JSON.parse(fs.readFileSync(catalogPath(root, namespace, SOURCE_CATALOG_LOCALE), "utf8")) as Messages;
}

/** The keys (`namespace:key`) a person has reviewed in a locale. */
export function readReviewed(root: string, locale: WrittenCatalogLocale): Set<string> {
  const file = reviewedPath(root, locale);
  return new Set(fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as string[]) : []);
}

export function writeReviewed(root: string, locale: WrittenCatalogLocale, keys: ReadonlySet<string>): void {
  fs.writeFileSync(reviewedPath(root, locale), `${JSON.stringify([...keys].sort(), null, 2)}\n`);
}

/** The flat messages nested again in the order of the source catalog (keys the source lacks are left out). */
export function nestLike(source: Messages, flat: Record<string, string>, prefix = ""): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(source)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") {
      if (flat[full] !== undefined) out[key] = flat[full];
    } else {
      const nested = nestLike(value, flat, full);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

/** Writes a module's catalog in a locale, its keys in the source's order, two-space JSON as the project writes it. */
export function writeCatalog(
  root: string,
  namespace: string,
  locale: WrittenCatalogLocale,
  flat: Record<string, string>,
): void {
  const nested = nestLike(readSourceCatalog(root, namespace), flat);
  fs.writeFileSync(catalogPath(root, namespace, locale), `${JSON.stringify(nested, null, 2)}\n`);
}

/** Keys of a locale's catalogs that the source does not have (`namespace:key`). */
export function unknownKeys(table: CatalogTable, locale: WrittenCatalogLocale): string[] {
  const unknown: string[] = [];
  for (const [namespace, locales] of table) {
    const source = locales.get(SOURCE_CATALOG_LOCALE) ?? {};
    for (const key of Object.keys(locales.get(locale) ?? {}))
      if (source[key] === undefined) unknown.push(`${namespace}:${key}`);
  }
  return unknown.sort();
}

export { flattenMessages };

import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { createKeptPages } from "#app/services/kept-pages.server.ts";
import { readDirectoryGenerations } from "./directory.queries.server.ts";
import type { DirectoryQuery } from "./directory.schema.ts";

/** How many directory list pages (language, filter, page) a process keeps per database; each is a few KB. */
const KEPT_PAGES = 64;

const kept = createKeptPages(KEPT_PAGES);

/**
 * The directory list's loader data for the language, filter and page, built again only when the
 * organisations' or the reference data's generation has changed since it was built (decision 077;
 * the store is `createKeptPages`, decisions 064 and 070). One statement while nothing changes; the
 * generations are read before the build, so a page built from newer data is only built once more.
 */
export async function keptDirectoryPage<T>(
  db: Db,
  locale: Locale,
  query: DirectoryQuery,
  build: () => Promise<T>,
): Promise<T> {
  const generations = await readDirectoryGenerations(db);
  const key = JSON.stringify([
    locale,
    query.type ?? "",
    query.sector ?? "",
    query.community ?? "",
    query.municipality ?? "",
    query.page,
  ]);
  return kept.get(db, generations, key, build);
}

/** How many directory pages are kept for `db`, for tests. */
export function keptDirectoryPages(db: Db): number {
  return kept.size(db);
}

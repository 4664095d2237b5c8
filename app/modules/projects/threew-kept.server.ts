import type { Db } from "#app/db/client.server.ts";
import { createKeptPages } from "#app/services/kept-pages.server.ts";

/** How many 3W pages (language, filter and page of the table) a process keeps per database; each is 100–160 KB of HTML at ×10. */
const KEPT_PAGES = 48;

const kept = createKeptPages(KEPT_PAGES);

/**
 * The 3W page's loader data for `key` (language, filter, page), built again only when `generations`
 * (read by the request before anything else: `readThreeWGenerations`) differ from those it was built
 * at (decision 064; the store is `createKeptPages`, shared with the strategy pages, decision 070).
 */
export function keptThreeWPage<T>(db: Db, generations: string, key: string, build: () => Promise<T>): Promise<T> {
  return kept.get(db, generations, key, build);
}

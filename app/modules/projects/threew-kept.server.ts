import type { Db } from "#app/db/client.server.ts";

/** How many 3W pages (language, filter and page of the table) a process keeps per database; each is 100–160 KB of HTML at ×10. */
const KEPT_PAGES = 48;

const kept = new WeakMap<Db, Map<string, { generations: string; value: Promise<unknown> }>>();

/**
 * The 3W page's loader data for `key` (language, filter, page), built again only when `generations`
 * (read by the request before anything else: `readThreeWGenerations`) differ from those it was built
 * at (decision 064). Everything the page shows is derived from the tables those generations follow,
 * and every write to them bumps one in its own transaction, so a write through any path or instance
 * is seen at the next request; a value built from data newer than its generations is only built once
 * more. Kept per database handle (two handles, as two instances in a test, never share a value), the
 * most recently used `KEPT_PAGES`; concurrent requests for the same page share one build, and a
 * failed build is not kept.
 */
export function keptThreeWPage<T>(db: Db, generations: string, key: string, build: () => Promise<T>): Promise<T> {
  let pages = kept.get(db);
  if (!pages) kept.set(db, (pages = new Map()));
  const entry = pages.get(key);
  if (entry && entry.generations === generations) {
    pages.delete(key);
    pages.set(key, entry);
    return entry.value as Promise<T>;
  }
  const value = build();
  const fresh = { generations, value };
  pages.delete(key);
  pages.set(key, fresh);
  if (pages.size > KEPT_PAGES) pages.delete(pages.keys().next().value as string);
  value.catch(() => {
    if (pages.get(key) === fresh) pages.delete(key);
  });
  return value;
}

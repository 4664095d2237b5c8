import type { Db } from "#app/db/client.server.ts";

/** A store of pages' loader data kept per database handle at the generations they were built at. */
export interface KeptPages {
  /**
   * The value kept for `key` (language, path, filter, page), built again only when `generations` (read
   * by the request before anything else, in one statement) differ from those it was built at
   * (decisions 064, 070). Everything the page shows is derived from the tables those generations
   * follow, and every write to them bumps one in its own transaction, so a write through any path or
   * instance is seen at the next request; a value built from data newer than its generations is only
   * built once more. Kept per database handle (two handles, as two instances in a test, never share a
   * value), the most recently used `capacity`; concurrent requests for the same page share one build,
   * and a failed build (a 404 thrown, a database error) is not kept.
   */
  get<T>(db: Db, generations: string, key: string, build: () => Promise<T>): Promise<T>;
  /** How many values are kept for `db`, for tests. */
  size(db: Db): number;
}

/** A bounded store of kept pages (each page family its own, so one's pages cannot push out another's). */
export function createKeptPages(capacity: number): KeptPages {
  const kept = new WeakMap<Db, Map<string, { generations: string; value: Promise<unknown> }>>();
  return {
    get<T>(db: Db, generations: string, key: string, build: () => Promise<T>): Promise<T> {
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
      if (pages.size > capacity) pages.delete(pages.keys().next().value as string);
      const store = pages;
      value.catch(() => {
        if (store.get(key) === fresh) store.delete(key);
      });
      return value;
    },
    size: (db) => kept.get(db)?.size ?? 0,
  };
}

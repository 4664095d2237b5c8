import { AsyncLocalStorage } from "node:async_hooks";
import type { LogEvent } from "kysely";

/** Figures about the SQL one request (or one measured block) issued. */
export interface QueryStats {
  queries: number;
  durationMs: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

/**
 * Runs `fn` while counting every SQL statement it issues, so tests and the Server-Timing header
 * can show that a page's query count does not grow with the data.
 */
export async function withQueryStats<T>(fn: () => Promise<T>): Promise<{ result: T; stats: QueryStats }> {
  const stats: QueryStats = { queries: 0, durationMs: 0 };
  const result = await storage.run(stats, fn);
  return { result, stats };
}

/** The figures of the block currently running, if it is being measured. */
export function currentQueryStats(): QueryStats | undefined {
  return storage.getStore();
}

/** Kysely log hook: adds each executed statement to the current block's figures. */
export function recordQuery(event: LogEvent): void {
  const stats = storage.getStore();
  if (!stats) return;
  stats.queries += 1;
  stats.durationMs += event.queryDurationMillis;
}

import { sql } from "kysely";

/**
 * The totals of the public measures list (`/api/v1/measures`), kept per filter until a write changes
 * them (issue 18): counting every public measure on each request made the list's cost grow with the
 * strategies. A total depends on the measures, their plans, strategies and sectors (every write to
 * them bumps `strategy_figures_generation`, migration 0037) and on the measures' supporting
 * organisations (`strategy_pages_generation`, migration 0055). The page's own statement reads both
 * generations ({@link MEASURE_TOTAL_GENERATION}); a total counted at that pair of generations is used
 * while the pair is unchanged, so a write through any path, on any instance, is seen at the next
 * request. An empty page (past the end) reads no generation and is always counted.
 */
export const MEASURE_TOTAL_GENERATION = sql<string>`(select generation::text from strategy_figures_generation) || '.' || (select generation::text from strategy_pages_generation)`;

interface KeptTotal {
  generation: string;
  total: Promise<number>;
}

/** Per database handle (a test process opens many): filter → total at a generation. */
const kept = new WeakMap<object, Map<string, KeptTotal>>();
/** Filters are a sector, a municipality and an institution: few combinations are asked for often. */
const KEPT_FILTERS = 256;

/** The filters a total depends on (not the page). */
export interface MeasureTotalFilters {
  sector?: string;
  municipality?: string;
  institution?: number;
}

/**
 * The total for `filters` at `generation`: the kept one when it was counted at that generation,
 * otherwise `count()` (concurrent requests at one generation share one count). Without a generation
 * (an empty page), counted and not kept.
 */
export async function keptMeasureTotal(
  db: object,
  filters: MeasureTotalFilters,
  generation: string | undefined,
  count: () => Promise<number>,
): Promise<number> {
  if (generation === undefined) return count();
  const key = JSON.stringify([filters.sector ?? null, filters.municipality ?? null, filters.institution ?? null]);
  let totals = kept.get(db);
  if (!totals) {
    totals = new Map();
    kept.set(db, totals);
  }
  let entry = totals.get(key);
  if (!entry || entry.generation !== generation) {
    const counting: KeptTotal = { generation, total: count() };
    const store = totals;
    counting.total.catch(() => {
      if (store.get(key) === counting) store.delete(key);
    });
    entry = counting;
  }
  // Most recently used last; the least recently asked filter leaves first.
  totals.delete(key);
  totals.set(key, entry);
  if (totals.size > KEPT_FILTERS) totals.delete(totals.keys().next().value!);
  return entry.total;
}

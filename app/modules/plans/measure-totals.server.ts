import { sql } from "kysely";
import { KeptPerGeneration } from "#app/services/kept-per-generation.server.ts";

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

/**
 * Per database handle (a test process opens many): filter → total at a generation. Filters are a sector, a
 * municipality and an institution: few combinations are asked for often (256 kept, the least recently asked
 * leaving first).
 */
const kept = new KeptPerGeneration<number>(256);

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
  return kept.get(db, key, generation, count);
}

import { sql, type Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";

/**
 * The generations of everything the public strategy, plan and measure pages show (decision 070), in one
 * statement of four one-row tables: the strategy figures' (strategies, plans, objectives, measures,
 * budgets, sectors, approved reports and their cycles: migration 0037), the strategy pages' own
 * (documents, reports in the library, indicators and their values, communities, supporting
 * organisations, disputes: 0055), the organisations' (0052) and the reference data's (municipalities,
 * communities, sectors: 0049). Each is bumped by statement-level triggers in the writing transaction.
 */
export async function readStrategyPageGenerations(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ generations: string }>`
    select concat_ws('/', f.generation, p.generation, o.generation, r.generation) as generations
    from strategy_figures_generation f, strategy_pages_generation p, organisation_generation o, reference_generation r`.execute(
    db,
  );
  return result.rows[0]!.generations;
}

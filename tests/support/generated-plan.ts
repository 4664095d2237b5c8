import type { Db } from "#app/db/client.server.ts";
import { generateStrategyPlan } from "../../bench/generators/strategy-plans.ts";
import { createRandom } from "../../bench/random.ts";

/**
 * A generated strategy with one national plan of `measures` measures (one indicator each) and no
 * local plans, through the benchmarks' generator: a plan as large as a test needs (several pages
 * of the plan editor), the same for the same seed. Answers the national plan's id.
 */
export async function generateNationalPlan(
  db: Db,
  options: { seed: number; measures: number; label: string },
): Promise<number> {
  const size = { measures: options.measures, indicatorsPerMeasure: 1, localPlans: 0, localMeasures: 0 };
  const generated = await generateStrategyPlan(db, createRandom(options.seed), size, options.label);
  return generated.nationalPlanId;
}

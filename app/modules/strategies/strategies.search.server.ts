import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { upsertSearchEntries, upsertSearchEntry } from "#app/services/search-index.server.ts";

/**
 * Keeps strategies and measures in the search index. Call these in the transaction that writes a
 * strategy, a plan or a measure (or changes a plan's status): items of plans still in draft are
 * indexed as not public, so only signed-in people find them.
 *
 * Public paths: `strategies/<slug>` for a strategy, `measures/<id>` for a measure.
 */
export async function indexStrategy(db: Kysely<Database>, strategyId: number): Promise<void> {
  const strategy = await db.selectFrom("strategy").select(["id", "slug", "title", "summary", "original_locale", "status", "adopted_at"]).where("id", "=", strategyId).executeTakeFirst();
  if (!strategy) return;
  const sectors = await db
    .selectFrom("plan_sector")
    .innerJoin("action_plan", "action_plan.id", "plan_sector.action_plan_id")
    .select("plan_sector.sector_code")
    .distinct()
    .where("action_plan.strategy_id", "=", strategyId)
    .execute();
  await upsertSearchEntry(db, {
    kind: "strategy",
    refId: strategy.id,
    title: strategy.title,
    summary: strategy.summary,
    path: `strategies/${strategy.slug}`,
    originalLocale: strategy.original_locale,
    sectors: sectors.map((s) => s.sector_code),
    publishedAt: strategy.adopted_at,
    isPublic: strategy.status !== "draft",
  });
}

/** Indexes every measure of a plan (after an import, an adoption or a status change): one query per table. */
export async function indexPlanMeasures(db: Kysely<Database>, actionPlanId: number): Promise<void> {
  const measures = await db
    .selectFrom("measure")
    .innerJoin("action_plan", "action_plan.id", "measure.action_plan_id")
    .innerJoin("objective", "objective.id", "measure.objective_id")
    .innerJoin("plan_sector", "plan_sector.id", "objective.plan_sector_id")
    .select(["measure.id", "measure.title", "measure.description", "measure.code", "action_plan.original_locale", "action_plan.status", "action_plan.kas_code", "action_plan.adopted_at", "plan_sector.sector_code"])
    .where("measure.action_plan_id", "=", actionPlanId)
    .execute();
  const communities = await db
    .selectFrom("measure_community")
    .innerJoin("measure", "measure.id", "measure_community.measure_id")
    .select(["measure_community.measure_id", "measure_community.community_code"])
    .where("measure.action_plan_id", "=", actionPlanId)
    .execute();
  const byMeasure = new Map<number, string[]>();
  for (const c of communities) byMeasure.set(c.measure_id, [...(byMeasure.get(c.measure_id) ?? []), c.community_code]);
  await upsertSearchEntries(
    db,
    measures.map((m) => ({
      kind: "measure",
      refId: m.id,
      title: m.title,
      summary: m.description,
      body: m.code,
      path: `measures/${m.id}`,
      originalLocale: m.original_locale,
      sectors: [m.sector_code],
      municipalities: m.kas_code ? [m.kas_code] : [],
      communities: byMeasure.get(m.id) ?? [],
      publishedAt: m.adopted_at,
      isPublic: m.status !== "draft",
    })),
  );
}

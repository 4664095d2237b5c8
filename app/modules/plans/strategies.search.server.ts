import { sql, type Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import { linkedValues } from "#app/services/linked-row-values.server.ts";
import { upsertSearchEntries, upsertSearchEntry } from "#app/services/search-index.server.ts";
import { MEASURE_LINKS, measuresWithPlan, plansWithStrategy } from "./plan-tree.server.ts";

/**
 * Keeps strategies, action plans and measures in the search index. Call these in the transaction that
 * writes a strategy, a plan or a measure (or changes a plan's status): a draft strategy, and the plans
 * and measures of a draft plan or of a draft strategy, are indexed as not public, so only signed-in
 * people find them (the public pages show none of them).
 *
 * Public paths: `strategies/<slug>` for a strategy, `strategies/<slug>/plans/<code>` for a plan,
 * `measures/<id>` for a measure.
 */
export async function indexStrategy(db: Kysely<Database>, strategyId: number): Promise<void> {
  const strategy = await db
    .selectFrom("strategy")
    .select(["id", "slug", "title", "summary", "original_locale", "status", "adopted_at"])
    .where("id", "=", strategyId)
    .executeTakeFirst();
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
  // Its plans and measures are public only while it is: follow its status (two statements, however many).
  await sql`
    update search_entry e set is_public = (p.status <> 'draft' and s.status <> 'draft')
    from action_plan p join strategy s on s.id = p.strategy_id
    where p.strategy_id = ${strategyId} and e.kind = 'action_plan' and e.ref_id = p.id::text
      and e.is_public is distinct from (p.status <> 'draft' and s.status <> 'draft')`.execute(db);
  await sql`
    update search_entry e set is_public = (p.status <> 'draft' and s.status <> 'draft')
    from measure m join action_plan p on p.id = m.action_plan_id join strategy s on s.id = p.strategy_id
    where p.strategy_id = ${strategyId} and e.kind = 'measure' and e.ref_id = m.id::text
      and e.is_public is distinct from (p.status <> 'draft' and s.status <> 'draft')`.execute(db);
}

/** Indexes one action plan: its title, the strategy's title as summary, its code and period. */
export async function indexActionPlan(db: Kysely<Database>, actionPlanId: number): Promise<void> {
  const plan = await plansWithStrategy(db)
    .selectAll("p")
    .select(["s.slug", "s.title as strategy_title", "s.status as strategy_status"])
    .select(
      linkedValues<string>({ table: "plan_sector", key: "action_plan_id", column: "sector_code" }, "p.id").as(
        "sectors",
      ),
    )
    .where("p.id", "=", actionPlanId)
    .executeTakeFirst();
  if (!plan) return;
  await upsertSearchEntry(db, {
    kind: "action_plan",
    refId: plan.id,
    title: plan.title,
    summary: plan.strategy_title,
    body: `${plan.code} ${plan.period_start_year}–${plan.period_end_year}`,
    path: `strategies/${plan.slug}/plans/${encodeURIComponent(plan.code)}`,
    originalLocale: plan.original_locale,
    sectors: plan.sectors,
    municipalities: plan.kas_code ? [plan.kas_code] : [],
    publishedAt: plan.adopted_at,
    isPublic: plan.status !== "draft" && plan.strategy_status !== "draft",
  });
}

/** Indexes a plan and every measure of it (after an import, an edit, an adoption or a status change): one query for the measures. */
export async function indexPlanMeasures(db: Kysely<Database>, actionPlanId: number): Promise<void> {
  await indexActionPlan(db, actionPlanId);
  const measures = await measuresWithPlan(db)
    .innerJoin("strategy as s", "s.id", "p.strategy_id")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .select([
      "m.id",
      "m.title",
      "m.description",
      "m.code",
      "p.original_locale",
      "p.status",
      "p.kas_code",
      "p.adopted_at",
      "ps.sector_code",
      "s.status as strategy_status",
      linkedValues<string>(MEASURE_LINKS.communities, "m.id").as("communities"),
    ])
    .where("m.action_plan_id", "=", actionPlanId)
    .execute();
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
      communities: m.communities,
      publishedAt: m.adopted_at,
      isPublic: m.status !== "draft" && m.strategy_status !== "draft",
    })),
  );
}

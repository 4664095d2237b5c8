import { sql, type Kysely } from "kysely";

/**
 * The plans module's published read of its measures (issue 13; decisions 049 and 050): the view
 * `plan_measure` is every measure with what another module needs to place it — its plan (kind,
 * municipality, strategy) and its sector. The reporting module's roll-up and annual report read it
 * instead of joining the plans module's tables themselves. A plain view, inlined by PostgreSQL into
 * each query: the plans and statement counts are those of the joins it replaced. It holds no data
 * of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create view plan_measure as
    select m.id, m.code, m.title, m.action_plan_id, m.objective_id, m.plan_sector_id, m.implements_measure_id,
      m.sort_order, p.kind as plan_kind, p.kas_code, p.strategy_id, ps.sector_code, ps.sort_order as sector_sort_order
    from measure m
    join action_plan p on p.id = m.action_plan_id
    join plan_sector ps on ps.id = m.plan_sector_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view plan_measure`.execute(db);
}

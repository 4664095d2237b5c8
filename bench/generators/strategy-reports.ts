import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";

/**
 * One approved annual cycle (2019 unless told another year) for a generated plan and the local plans of its strategy: a task
 * per responsible institution, an approved report for every measure (statuses in rotation, money
 * spent from one or two sources), so pages compute real progress instead of "not yet reported".
 * A few set-based statements whatever the size. Removed with the plan by `clearGeneratedStrategies`.
 */
export async function approveGeneratedPlan(db: Db, nationalPlanId: number, year = 2019): Promise<number> {
  const cycle = await db
    .insertInto("reporting_cycle")
    .values({
      action_plan_id: nationalPlanId,
      period_kind: "annual",
      period_start: `${year}-01-01`,
      period_end: `${year}-12-31`,
      label: `Bench annual ${year}`,
      deadline: `${year + 1}-02-28`,
      status: "closed",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plans = db
    .selectFrom("action_plan")
    .select("id")
    .where("strategy_id", "=", db.selectFrom("action_plan").select("strategy_id").where("id", "=", nationalPlanId));
  await sql`insert into reporting_task (cycle_id, organisation_id, kas_code, status, first_submitted_at, submitted_at, approved_at)
    select distinct ${cycle.id}::int, m.responsible_organisation_id, ap.kas_code, 'approved', now(), now(), now()
    from measure m join action_plan ap on ap.id = m.action_plan_id where ap.id in (${plans})`.execute(db);
  await sql`insert into measure_report (cycle_id, task_id, measure_id, status, achievements, achievements_locale, review_state, submitted_at, reviewed_at)
    select ${cycle.id}::int, t.id, m.id, (array['completed','in_progress','delayed','not_started','cancelled','completed'])[1 + (m.id % 6)]::text, 'Done as planned (bench).', 'en', 'approved', now(), now()
    from measure m join action_plan ap on ap.id = m.action_plan_id
    join reporting_task t on t.cycle_id = ${cycle.id} and t.organisation_id = m.responsible_organisation_id and t.kas_code is not distinct from ap.kas_code
    where ap.id in (${plans})`.execute(db);
  await sql`insert into measure_spending (measure_report_id, source, amount)
    select r.id, s.source, (100 * (1 + (r.id * 7 + length(s.source)) % 400))::numeric
    from measure_report r cross join (values ('government'), ('donor')) as s(source)
    where r.cycle_id = ${cycle.id} and (s.source = 'government' or r.id % 2 = 0)`.execute(db);
  return cycle.id;
}

import { sql, type Kysely } from "kysely";

/**
 * The one published read of approved reporting figures (issue 13, item 4; decision 049): the view
 * `approved_measure_report` is every measure report whose review is approved, with its cycle's
 * label and period. Nothing is public before a reviewer approved it (decisions 018 and 019), and
 * "approved only" is now written here once instead of in every query of the strategy pages, the
 * roll-up and the annual report. A plain view: PostgreSQL inlines it into each query, so the plans
 * and statement counts stay those of the queries it replaced. It holds no data of its own (the
 * transfer copies tables only; a moved database gets it from this migration), and the triggers of
 * decision 044 stay on the tables it reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create view approved_measure_report as
    select mr.id, mr.measure_id, mr.cycle_id, mr.task_id, mr.status,
      mr.achievements, mr.achievements_locale, mr.challenges, mr.challenges_locale, mr.recommendations, mr.reviewed_at,
      c.label as cycle_label, c.period_start, c.period_end
    from measure_report mr
    join reporting_cycle c on c.id = mr.cycle_id
    where mr.review_state = 'approved'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view approved_measure_report`.execute(db);
}

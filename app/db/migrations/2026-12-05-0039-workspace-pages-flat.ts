import { sql, type Kysely } from "kysely";

/**
 * Indexes that make the workspace pages of issue 18 read what they show, not the whole table
 * (decision 047):
 * - `project_updated_idx`, `project_owner_updated_idx`: the workspace project list, the latest
 *   changed 200 (of all projects, or of one's organisations), read in order and stopped at the limit;
 * - `need_case_escalated_open_idx`: the Office's dashboard counts escalated open cases up to 1,001
 *   through it (the older flagged index also holds every high-profile case);
 * - `measure_report_submitted_idx`: the coordinator's "reports to review" per cycle reads the
 *   reports waiting for review only, not every report of every cycle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The Office's order exactly (waiting for validation first among projects changed at the same moment).
  await sql`create index project_updated_idx on project (updated_at desc, (case when validation_status = 'submitted' then 0 else 1 end), id)`.execute(
    db,
  );
  await sql`create index project_owner_updated_idx on project (owner_organisation_id, updated_at desc, id)`.execute(db);
  await sql`create index need_case_escalated_open_idx on need_case (id) where escalated_at is not null and status not in ('resolved', 'rejected', 'closed')`.execute(
    db,
  );
  await sql`create index measure_report_submitted_idx on measure_report (cycle_id) where review_state = 'submitted'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    "measure_report_submitted_idx",
    "need_case_escalated_open_idx",
    "project_owner_updated_idx",
    "project_updated_idx",
  ]) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
}

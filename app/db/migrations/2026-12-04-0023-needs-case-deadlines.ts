import { sql, type Kysely } from "kysely";

/**
 * Every open case has a deadline (issue 12, decision 026). Cases used to get one only when their
 * status changed, so a case nobody triaged had none and never escalated.
 *
 * 1. Open cases get a deadline: that of their current status (received 3, in review 7, referred
 *    14, in progress 30 days from when they entered it), never later than 60 days after
 *    submission; an existing deadline later than that is brought forward. The figures are those of
 *    `STATUS_DEADLINE_DAYS` and `RESPONSE_DEADLINE_DAYS` (needs-workflow.ts) today, written out
 *    because a migration must keep doing what it did when the code changes. Cases now past their
 *    deadline are escalated by the next run of the escalation job, as any other overdue case.
 * 2. A check constraint keeps it so: no open case without a deadline, whoever writes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update need_case set due_at = least(
      coalesce(due_at, status_changed_at + case status
        when 'received' then interval '3 days'
        when 'in_review' then interval '7 days'
        when 'referred' then interval '14 days'
        else interval '30 days' end),
      created_at + interval '60 days')
    where status not in ('resolved', 'rejected', 'closed')
      and (due_at is null or due_at > created_at + interval '60 days')`.execute(db);
  await sql`alter table need_case add constraint need_case_open_has_deadline check (status in ('resolved', 'rejected', 'closed') or due_at is not null)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table need_case drop constraint need_case_open_has_deadline`.execute(db);
}

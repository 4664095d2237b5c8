import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { TASK_COUNT_CAP, type WorkspaceTask } from "#app/services/module-contract.ts";
import { isCaseHandler } from "./needs.policy.ts";
import { institutionOrganisationsOf } from "./needs.queue.server.ts";
import { FINISHED_STATUSES } from "./workspace/needs-workflow.ts";

const FINISHED_LIST = sql.raw(`(${FINISHED_STATUSES.map((s) => `'${s}'`).join(", ")})`);

/**
 * The needs module's tasks (one query): for the Office, escalated cases (counted up to
 * TASK_COUNT_CAP through need_case_escalated_open_idx) and new cases waiting for triage (from the
 * status counter of decision 021); for institutions, referrals waiting for an answer (need_referral_org_idx)
 * and those past their deadline (need_referral_org_due_idx over the case's deadline and status each
 * referral keeps, decision 065): an institution's own referrals, not all cases, and no case read.
 */
export async function needsTasks(db: Db, actor: Extract<Actor, { kind: "user" }>): Promise<WorkspaceTask[]> {
  const isOffice = isCaseHandler(actor);
  const orgs = institutionOrganisationsOf(actor);
  if (!isOffice && orgs.length === 0) return [];
  const orgList = orgs.length ? sql.join(orgs) : sql`null`;
  // The institution's open referrals of unfinished cases, by the case's deadline as each referral keeps it
  // (need_referral_org_due_idx, decision 065): the overdue ones are a range of that index, the nearest
  // deadline its first entry; no case is fetched from the cases table.
  const openByDue = sql`from need_referral r where r.organisation_id in (${orgList}) and r.status in ('pending', 'accepted') and r.case_status not in ${FINISHED_LIST}`;
  const { rows } = await sql<{
    escalated: string;
    received: string;
    pending: string;
    overdue: string;
    next_due: Date | null;
  }>`
    select
      ${isOffice ? sql`(select count(*) from (select 1 from need_case where escalated_at is not null and status not in ('resolved', 'rejected', 'closed') limit ${TASK_COUNT_CAP + 1}) e)` : sql`0`} as escalated,
      ${isOffice ? sql`(select coalesce(sum(n), 0) from need_case_status_count where status = 'received')` : sql`0`} as received,
      (select count(*) from need_referral r where r.organisation_id in (${orgList}) and r.status = 'pending') as pending,
      (select count(distinct r.case_id) ${openByDue} and r.case_due_at < now()) as overdue,
      (select min(r.case_due_at) ${openByDue}) as next_due`.execute(db);
  const row = rows[0];
  if (!row) return [];
  const tasks: WorkspaceTask[] = [];
  /** Adds the task `needs.<name>` (titled `needs:workspace.tasks.<name>`) counting `count`, when there is anything to count. */
  const add = (
    name: string,
    count: number,
    path: string,
    severity: WorkspaceTask["severity"],
    more: Partial<WorkspaceTask> = {},
  ) => {
    if (count > 0)
      tasks.push({
        key: `needs.${name}`,
        titleKey: `needs:workspace.tasks.${name}`,
        params: { count },
        path,
        severity,
        ...more,
      });
  };
  const escalated = Number(row.escalated);
  const more = escalated > TASK_COUNT_CAP ? { titleKey: "needs:workspace.tasks.escalatedMore" } : {};
  add("escalated", Math.min(escalated, TASK_COUNT_CAP), "workspace/needs/briefing", "urgent", more);
  add("overdueReferrals", Number(row.overdue), "workspace/needs?overdue=1", "urgent");
  const dueDate = row.next_due ? { dueDate: new Date(row.next_due).toISOString() } : {};
  add("pendingReferrals", Number(row.pending), "workspace/needs?status=referred", "warning", dueDate);
  add("received", Number(row.received), "workspace/needs?status=received", "info");
  return tasks;
}

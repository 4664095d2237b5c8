import { NEED_STATUSES, type NeedStatus } from "#app/db/tables/needs.ts";

/**
 * The life of a case, as a table: from each status, the statuses it may move to. "referred" is
 * reached only by referring the case to an institution (which names the institution), never by
 * setting the status directly. A closed case stays closed (a merged duplicate is closed too).
 *
 * | from        | to                                                       |
 * |-------------|----------------------------------------------------------|
 * | received    | in review, referred, rejected, closed                    |
 * | in review   | referred, in progress, resolved, rejected, closed        |
 * | referred    | in progress (accepted), in review (sent back), resolved, rejected, closed |
 * | in progress | in review, resolved, rejected, closed                    |
 * | resolved    | in review (reopened), closed                             |
 * | rejected    | in review (reopened), closed                             |
 * | closed      | —                                                        |
 */
export const STATUS_TRANSITIONS: Readonly<Record<NeedStatus, readonly NeedStatus[]>> = {
  received: ["in_review", "referred", "rejected", "closed"],
  in_review: ["referred", "in_progress", "resolved", "rejected", "closed"],
  referred: ["in_progress", "in_review", "resolved", "rejected", "closed"],
  in_progress: ["in_review", "resolved", "rejected", "closed"],
  resolved: ["in_review", "closed"],
  rejected: ["in_review", "closed"],
  closed: [],
};

/** Statuses in which a case is finished: no deadline, counted as closed for retention. */
export const FINISHED_STATUSES: readonly NeedStatus[] = ["resolved", "rejected", "closed"];

/** Statuses in which a case is still being handled. */
export const OPEN_STATUSES: readonly NeedStatus[] = NEED_STATUSES.filter((s) => !FINISHED_STATUSES.includes(s));

/**
 * Days a case may stay in each open status before it is overdue (and escalates). Fixed here so
 * that they are reviewed with the code; a finished status has no deadline.
 */
export const STATUS_DEADLINE_DAYS: Readonly<Partial<Record<NeedStatus, number>>> = {
  received: 3,
  in_review: 7,
  referred: 14,
  in_progress: 30,
};

/**
 * Days from submission within which every case must be finished, whatever status it is in. The
 * deadline of a status restarts when the status changes, so without this a case moved back and
 * forth (referred, sent back, referred again…) would never be overdue. 60 days leaves room for
 * the happy path (3 + 7 + 14 + 30 = 54 days); a case open longer goes to the briefing.
 */
export const RESPONSE_DEADLINE_DAYS = 60;

/** True when the table allows moving a case from one status to the other. */
export function canTransition(from: NeedStatus, to: NeedStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/**
 * The deadline of a case (stored as `need_case.due_at`): the deadline of its status entered at
 * `statusEnteredAt`, but never later than the response deadline counted from `submittedAt`; null
 * only for a finished status. Every open case has one (a check constraint keeps it so), and the
 * escalation job escalates a case once it passes.
 */
export function caseDeadline(status: NeedStatus, statusEnteredAt: Date, submittedAt: Date): Date | null {
  const statusDue = dueDateFor(status, statusEnteredAt);
  if (statusDue === null) return null;
  const responseDue = submittedAt.getTime() + RESPONSE_DEADLINE_DAYS * 86_400_000;
  return new Date(Math.min(statusDue.getTime(), responseDue));
}

/** The deadline of a status entered at `from`: `from` plus the status's days, or null for a finished status. */
export function dueDateFor(status: NeedStatus, from: Date): Date | null {
  const days = STATUS_DEADLINE_DAYS[status];
  return days === undefined ? null : new Date(from.getTime() + days * 86_400_000);
}

/** True for resolved, rejected and closed. */
export function isFinished(status: NeedStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { formatDate } from "#app/i18n/format.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { recordAudit } from "#app/services/audit.server.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import type { Schedule } from "#app/services/scheduler.server.ts";
import { kosovoToday, taskReportCount, tasksWithInstitution } from "./reporting.queries.server.ts";
import { mailLocale, reportingTranslator } from "./reporting.translator.server.ts";

/*
 * Deadline reminders for reporting tasks: the periodic job `reporting.reminders`, run every hour by
 * the platform's scheduler (app/services/scheduler.server.ts, through REPORTING_SCHEDULES in the
 * module's manifest, module.server.ts), sends what is due. Each task is reminded at most once before its
 * deadline and once when overdue (the task row records when, under a row lock), so repeated or
 * concurrent runs send nothing twice; a run with no open cycle sends nothing.
 */

/** The job kind of the periodic reminder run. */
export const REMINDERS_JOB = "reporting.reminders";
/** How long before the deadline the "due soon" reminder goes out. */
export const REMIND_DAYS_BEFORE = 7;
/** Minutes between two runs. */
export const REMINDER_INTERVAL_MINUTES = 60;

/** The module's periodic jobs, for the scheduler (its manifest's `schedules`, module.server.ts). */
export const REPORTING_SCHEDULES: readonly Schedule[] = [
  { kind: REMINDERS_JOB, everyMinutes: REMINDER_INTERVAL_MINUTES },
];

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Sends the reminders due now, in one transaction: "due soon" for open tasks (draft or returned)
 * whose deadline is within REMIND_DAYS_BEFORE days, "overdue" for those whose deadline has passed;
 * one e-mail per person reporting for the institution, in their language.
 */
export async function sendDeadlineReminders(
  db: Db,
  publicUrl: string,
  now: Date = new Date(),
): Promise<{ before: number; overdue: number; mails: number }> {
  const today = kosovoToday(now);
  return db.transaction().execute(async (trx) => {
    const tasks = await tasksWithInstitution(trx)
      .select([
        "t.id",
        "t.organisation_id",
        "t.kas_code",
        "t.reminded_before_at",
        "t.reminded_overdue_at",
        "c.label",
        "c.deadline",
        "o.name",
      ])
      .select(taskReportCount(["draft", "returned"]).as("open_reports"))
      .where("c.status", "=", "open")
      .where("t.status", "in", ["draft", "returned"])
      .where((eb) =>
        eb.or([
          eb.and([eb("c.deadline", "<", today), eb("t.reminded_overdue_at", "is", null)]),
          eb.and([
            eb("c.deadline", ">=", today),
            eb("c.deadline", "<=", addDays(today, REMIND_DAYS_BEFORE)),
            eb("t.reminded_before_at", "is", null),
          ]),
        ]),
      )
      .forUpdate("t")
      .execute();
    if (tasks.length === 0) return { before: 0, overdue: 0, mails: 0 };
    const orgs = [...new Set(tasks.map((t) => t.organisation_id))];
    const kasCodes = [...new Set(tasks.map((t) => t.kas_code).filter((k): k is string => k !== null))];
    const people = await trx
      .selectFrom("role_assignment as r")
      .innerJoin("app_user as u", "u.id", "r.user_id")
      .select(["r.role", "r.organisation_id", "r.kas_code", "u.email", "u.preferred_locale"])
      .where("u.is_active", "=", true)
      .where("r.role", "in", ["focal_point", "municipal_officer"])
      .where((eb) =>
        eb.or([eb("r.organisation_id", "in", orgs), ...(kasCodes.length ? [eb("r.kas_code", "in", kasCodes)] : [])]),
      )
      .execute();
    let before = 0;
    let overdue = 0;
    let mails = 0;
    for (const task of tasks) {
      const isOverdue = task.deadline < today;
      const recipients = new Map<string, string>();
      for (const p of people) {
        const matches =
          p.organisation_id === task.organisation_id ||
          (p.role === "municipal_officer" && task.kas_code !== null && p.kas_code === task.kas_code);
        if (matches) recipients.set(p.email, p.preferred_locale);
      }
      for (const [email, preferred] of recipients) {
        const locale = mailLocale(preferred);
        const t = reportingTranslator(locale);
        const values = {
          cycle: task.label,
          date: formatDate(task.deadline, locale),
          institution: localizedString(task.name as TranslatedText, locale),
          count: Number(task.open_reports),
        };
        await enqueueMail(trx, {
          to: email,
          subject: t(isOverdue ? "mail.overdueSubject" : "mail.beforeSubject", values),
          text: [
            t("mail.greeting"),
            "",
            t(isOverdue ? "mail.overdueBody" : "mail.beforeBody", values),
            "",
            t("mail.link"),
            `${publicUrl}/${locale}/workspace/reporting/tasks/${task.id}`,
            "",
            t("mail.signature"),
          ].join("\n"),
        });
        mails += 1;
      }
      await trx
        .updateTable("reporting_task")
        .set(isOverdue ? { reminded_overdue_at: now } : { reminded_before_at: now })
        .where("id", "=", task.id)
        .execute();
      if (isOverdue) overdue += 1;
      else before += 1;
    }
    await recordAudit(
      trx,
      { actor: ANONYMOUS, requestId: `job:${REMINDERS_JOB}` },
      {
        action: "reporting.reminders.send",
        subjectType: "reporting_task",
        subjectId: tasks
          .map((t) => t.id)
          .join(",")
          .slice(0, 200),
        after: { before, overdue, mails },
      },
    );
    return { before, overdue, mails };
  });
}

/** The job handler of the periodic run (queued by the scheduler): sends what is due now. */
export function reminderHandlers(db: Db, publicUrl: string): Record<string, JobHandler> {
  return {
    [REMINDERS_JOB]: async () => sendDeadlineReminders(db, publicUrl),
  };
}

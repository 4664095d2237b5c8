import type { Db } from "#app/db/client.server.ts";
import type { BlobStore } from "#app/services/blob-store.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import type { NeedStatus } from "#app/db/tables/needs.ts";
import { recordAudits, systemAuditContext, type AuditEntry } from "#app/services/audit.server.ts";
import { sendWeeklyDigest, WEEKLY_DIGEST_JOB } from "./needs.briefing.server.ts";
import { FILE_SWEEP_JOB, sweepOrphanFiles } from "./needs.files.server.ts";
import { eraseExpiredPersonalData, RETENTION_JOB } from "./needs.retention.server.ts";
import { FINISHED_STATUSES } from "./workspace/needs-workflow.ts";

/** The job kind that escalates overdue cases (run periodically by the scheduler). */
export const ESCALATION_JOB = "needs.escalate";

/** How the audit log names the escalation job: the system actor "system: needs.escalate". */
export const ESCALATION_AUDIT = systemAuditContext(ESCALATION_JOB);

/** The audit entry of a case escalated at `escalatedAt`: its status and the deadline it passed. */
export function escalationEntry(
  row: { id: number; status: NeedStatus; due_at: Date | null },
  escalatedAt: Date,
): AuditEntry {
  return {
    action: "need.escalate",
    subjectType: "need_case",
    subjectId: row.id,
    before: { escalated_at: null },
    after: { escalated_at: escalatedAt, status: row.status, due_at: row.due_at },
  };
}

/**
 * Escalates every open case whose deadline has passed and that is not escalated yet: sets
 * `escalated_at` and records one audit entry per case (written by the system), in one
 * transaction. Escalated cases show on the briefing page and in the coordinators' tasks.
 * Running it again escalates nothing twice. Returns the escalated cases' references.
 */
export async function escalateOverdueCases(db: Db, now = new Date()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable("need_case")
      .set((eb) => ({ escalated_at: now, version: eb("version", "+", 1), updated_at: now }))
      .where("due_at", "<", now)
      .where("escalated_at", "is", null)
      .where("status", "not in", FINISHED_STATUSES)
      .returning(["id", "reference", "status", "due_at"])
      .execute();
    // One audit row per case, written in batches (a first run on a large backlog escalates thousands at once).
    await recordAudits(
      trx,
      ESCALATION_AUDIT,
      rows.map((row) => escalationEntry(row, now)),
    );
    return rows.map((r) => r.reference);
  });
}

/** The needs module's periodic jobs: escalation every 15 minutes, retention daily, the digest check and the sweep of orphan files hourly. */
export const NEEDS_SCHEDULES = [
  { kind: ESCALATION_JOB, everyMinutes: 15 },
  { kind: RETENTION_JOB, everyMinutes: 24 * 60 },
  { kind: WEEKLY_DIGEST_JOB, everyMinutes: 60 },
  { kind: FILE_SWEEP_JOB, everyMinutes: 60 },
] as const;

/**
 * The handlers of the needs module's periodic jobs. `files.blobs` is where the file store keeps the
 * bytes (DATA_DIR/files or a bucket), so the retention job can delete the submitter's files and the
 * sweep the files of failed submissions.
 */
export function needsHandlingJobHandlers(deps: {
  db: Db;
  publicUrl: string;
  retentionMonths: number;
  files: { readonly blobs: BlobStore };
}): Record<string, JobHandler> {
  return {
    [ESCALATION_JOB]: async () => ({ escalated: (await escalateOverdueCases(deps.db)).length }),
    [RETENTION_JOB]: async () =>
      eraseExpiredPersonalData(deps.db, {
        months: deps.retentionMonths,
        removeFileBytes: (fileId) => deps.files.blobs.remove(fileId),
      }),
    [WEEKLY_DIGEST_JOB]: async () => ({ mails: await sendWeeklyDigest(deps.db, deps.publicUrl) }),
    [FILE_SWEEP_JOB]: async () => ({ ...(await sweepOrphanFiles(deps.db, deps.files.blobs)) }),
  };
}

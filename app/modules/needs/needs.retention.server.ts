import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { recordAudit, systemAuditContext } from "#app/services/audit.server.ts";
import { FINISHED_STATUSES } from "./workspace/needs-workflow.ts";

/** The job kind that erases expired personal data (run daily by the scheduler). */
export const RETENTION_JOB = "needs.retention";

/** Default months after a case is finished before its submitter's personal data is erased. */
export const DEFAULT_RETENTION_MONTHS = 24;

/** How the audit log names the retention job: the system actor "system: needs.retention". */
const RETENTION_AUDIT = systemAuditContext(RETENTION_JOB);

/** How many cases and files an erasure run covered. */
export interface ErasureReport {
  cases: number;
  files: number;
}

/** The moment before which a finished case's personal data is due for erasure. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Erases the personal data of cases finished (resolved, rejected or closed) more than `months`
 * ago: the submitter's name, phone and e-mail are emptied and `erased_at` set, and the files the
 * submitter uploaded are deleted (rows here, bytes through `removeFileBytes` after the commit).
 * One audit entry per case. The case itself, its notes and its statistics stay. At most `limit`
 * cases per run (the next run takes the rest).
 */
export async function eraseExpiredPersonalData(
  db: Db,
  options: { months: number; now?: Date; limit?: number; removeFileBytes?: (fileId: string) => Promise<void> },
): Promise<ErasureReport> {
  const now = options.now ?? new Date();
  const cutoff = retentionCutoff(now, options.months);
  const { caseIds, fileIds } = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("need_case as c")
      .leftJoin("need_submitter as s", "s.case_id", "c.id")
      .select(["c.id", "c.reference"])
      .where("c.status", "in", FINISHED_STATUSES)
      .where(sql`coalesce(c.closed_at, c.status_changed_at)`, "<", cutoff)
      .where((eb) =>
        eb.or([
          eb.and([eb("s.case_id", "is not", null), eb("s.erased_at", "is", null)]),
          eb.exists(
            eb
              .selectFrom("need_attachment as a")
              .select("a.id")
              .whereRef("a.case_id", "=", "c.id")
              .where("a.uploaded_by", "=", "submitter"),
          ),
        ]),
      )
      .orderBy("c.id")
      .limit(options.limit ?? 1_000)
      .forUpdate("c")
      .execute();
    const ids = due.map((d) => d.id);
    if (ids.length === 0) return { caseIds: [] as number[], fileIds: [] as string[] };
    await trx
      .updateTable("need_submitter")
      .set({ name: null, phone: null, email: null, erased_at: now })
      .where("case_id", "in", ids)
      .where("erased_at", "is", null)
      .execute();
    const attachments = await trx
      .deleteFrom("need_attachment")
      .where("case_id", "in", ids)
      .where("uploaded_by", "=", "submitter")
      .returning(["case_id", "file_id"])
      .execute();
    const files = [...new Set(attachments.map((a) => a.file_id))];
    // A stored file still used elsewhere (another attachment row) keeps its row and bytes.
    const stillUsed = files.length
      ? new Set(
          (await trx.selectFrom("need_attachment").select("file_id").where("file_id", "in", files).execute()).map(
            (r) => r.file_id,
          ),
        )
      : new Set<string>();
    const removable = files.filter((f) => !stillUsed.has(f));
    if (removable.length) await trx.deleteFrom("stored_file").where("id", "in", removable).execute();
    const filesPerCase = new Map<number, number>();
    for (const a of attachments) filesPerCase.set(a.case_id, (filesPerCase.get(a.case_id) ?? 0) + 1);
    for (const d of due) {
      await recordAudit(trx, RETENTION_AUDIT, {
        action: "need.personal_data.erase",
        subjectType: "need_case",
        subjectId: d.id,
        after: { reference: d.reference, retention_months: options.months, files_deleted: filesPerCase.get(d.id) ?? 0 },
      });
    }
    return { caseIds: ids, fileIds: removable };
  });
  for (const fileId of fileIds) await options.removeFileBytes?.(fileId);
  return { cases: caseIds.length, files: fileIds.length };
}

import type { Db } from "#app/db/client.server.ts";
import { actorOfJobStarter } from "#app/modules/identity/user-administration.queries.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { enqueueJob, getJob, PermanentJobError, type JobHandler, type JobView } from "#app/services/jobs.server.ts";
import {
  applyIatiImport,
  discardPendingImport,
  loadPendingImport,
  type ImportOutcome,
  type OrganisationDecision,
} from "./iati-import.server.ts";

/*
 * Large IATI imports (issue 14): from IATI_BACKGROUND_ACTIVITIES activities on, a confirmed import
 * runs in the job worker, and the import page shows its progress bar (a page that refreshes
 * itself without JavaScript) and then its outcome. The job re-plans the file with the importer's
 * roles as they are when it runs, so a right withdrawn in between is respected.
 */

/** The job kind of a background IATI import. */
export const IATI_IMPORT_JOB = "projects.iati-import";

/** What a background IATI import job carries. */
export interface IatiImportPayload {
  importId: string;
  userId: string;
  decisions: Record<string, OrganisationDecision>;
}

/** Hands a confirmed pending import to the job worker; remembers the job on the pending import. */
export async function enqueueIatiImport(
  db: Db,
  actor: Extract<Actor, { kind: "user" }>,
  importId: string,
  decisions: Record<string, OrganisationDecision>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const payload: IatiImportPayload = { importId, userId: actor.userId, decisions };
    const job = await enqueueJob(trx, IATI_IMPORT_JOB, payload, { maxAttempts: 1 });
    await trx
      .updateTable("project_import")
      .set({ job_id: job.id })
      .where("id", "=", importId)
      .where("user_id", "=", actor.userId)
      .execute();
    return job.id;
  });
}

/** The handler of `projects.iati-import`: imports as the user who confirmed, reporting progress. */
export function iatiImportHandlers(db: Db): Record<string, JobHandler> {
  return {
    [IATI_IMPORT_JOB]: async ({ job, reportProgress }) => {
      const payload = job.payload as IatiImportPayload;
      const actor = await actorOfJobStarter(db, payload.userId);
      if (!actor) throw new PermanentJobError("The user who started the import is gone.");
      const pending = await loadPendingImport(db, actor, payload.importId);
      if (!pending) throw new PermanentJobError("The uploaded file is gone.");
      const outcome = await applyIatiImport(
        db,
        { actor, requestId: `job-${job.id}` },
        pending.xml,
        payload.decisions,
        (done, total) => reportProgress(done, total),
      );
      if (outcome.ok) await discardPendingImport(db, actor, payload.importId);
      const result: ImportOutcome = outcome.ok ? outcome : { ok: false, errors: outcome.errors, organisations: [] };
      return result;
    },
  };
}

/** A background import as its page shows it, or null when it is not the actor's. */
export async function getIatiImportJob(
  db: Db,
  jobId: number,
  actor: Actor,
): Promise<{ job: JobView; result: ImportOutcome | null } | null> {
  const job = await getJob(db, jobId);
  if (!job || job.kind !== IATI_IMPORT_JOB) return null;
  const payload = (await db.selectFrom("job").select("payload").where("id", "=", jobId).executeTakeFirst())?.payload as
    IatiImportPayload | undefined;
  if (!payload || actor.kind !== "user" || payload.userId !== actor.userId) return null;
  return { job, result: (job.result ?? null) as ImportOutcome | null };
}

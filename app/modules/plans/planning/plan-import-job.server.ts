import type { Db } from "#app/db/client.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { actorOfJobStarter } from "#app/modules/identity/user-administration.queries.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { ACCEPTED_TYPES } from "#app/services/files.server.ts";
import { enqueueJob, getJob, PermanentJobError, type JobHandler } from "#app/services/jobs.server.ts";
import { importPlanWorkbook, type ImportOutcome } from "./plan-import.server.ts";
import { inspectPlanWorkbook } from "./plan-workbook-limits.server.ts";
import type { WorkbookError } from "./plan-workbook.server.ts";

/** The job kind of a background plan import. */
export const PLAN_IMPORT_JOB = "planning.import";

/** Files larger than this are imported by the job worker, with a progress page; smaller ones at once. */
export const BACKGROUND_IMPORT_BYTES = 200 * 1024;

const XLSX = ACCEPTED_TYPES.document.filter((t) => t.includes("spreadsheetml"));

/** What a background import job carries. */
export interface PlanImportPayload {
  fileId: string;
  strategyId: number;
  planId: number | null;
  version: number | null;
  reason: string | null;
  userId: string;
  locale: Locale;
}

/** What a finished import job stores as its result (errors as keys, translated by the progress page). */
export type PlanImportResult =
  | { ok: true; planId: number; measures: number; indicators: number }
  | { ok: false; status: number; errors: Record<string, string>; rowErrors: WorkbookError[] };

/** What an upload leads to: an import done now, or a job to follow. */
export type UploadOutcome =
  | { kind: "done"; outcome: ImportOutcome }
  | { kind: "queued"; jobId: number }
  | { kind: "refused"; errors: Record<string, string> };

/**
 * Resolves after the event loop has been round once, through its timers and its I/O (the second
 * setImmediate runs in the next loop's check phase, whichever phase the first was queued from).
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Takes an uploaded template: a small file is imported at once; a large one is stored (checked by
 * its content to be XLSX) and handed to the job worker in the same transaction, so the progress
 * page can follow it.
 */
export async function acceptPlanUpload(
  db: Db,
  files: FileStore,
  actor: Extract<Actor, { kind: "user" }>,
  requestId: string,
  upload: File | null,
  request: Omit<PlanImportPayload, "fileId" | "userId">,
): Promise<UploadOutcome> {
  if (!upload || upload.size === 0) return { kind: "refused", errors: { file: "planning:import.errors.noFile" } };
  // An upload may be as large as the body limit (20 MB). Parsing the form, copying the file's bytes
  // and inspecting them each take a while at that size; the event loop gets a turn between them,
  // so the health check and other requests are not held for the whole stretch (decision 046).
  await nextTurn();
  const bytes = new Uint8Array(await upload.arrayBuffer());
  await nextTurn();
  // Refused at once, before it is stored or queued: a zip bomb, too many rows, not a workbook.
  const refusal = await inspectPlanWorkbook(bytes);
  if (refusal) return { kind: "refused", errors: { file: `planning:import.errors.${refusal}` } };
  if (bytes.length <= BACKGROUND_IMPORT_BYTES) {
    return { kind: "done", outcome: await importPlanWorkbook(db, { actor, requestId }, { ...request, bytes }) };
  }
  return db.transaction().execute(async (trx) => {
    const stored = await files.put(trx, bytes, { originalName: upload.name || "plan.xlsx", accept: XLSX });
    if (!stored.ok)
      return {
        kind: "refused",
        errors: {
          file: stored.error === "too_large" ? "planning:import.errors.tooLarge" : "planning:import.errors.unreadable",
        },
      } as const;
    const payload: PlanImportPayload = { ...request, fileId: stored.file.id, userId: actor.userId };
    const job = await enqueueJob(trx, PLAN_IMPORT_JOB, payload, { maxAttempts: 2 });
    return { kind: "queued", jobId: job.id } as const;
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The handler of `planning.import`: runs the import as the user who uploaded the file (with their roles now). */
export function planImportHandlers(db: Db, files: FileStore): Record<string, JobHandler> {
  return {
    [PLAN_IMPORT_JOB]: async ({ job, reportProgress }) => {
      const payload = job.payload as PlanImportPayload;
      const actor = await actorOfJobStarter(db, payload.userId);
      if (!actor) throw new PermanentJobError("The user who started the import is gone.");
      const file = await files.get(payload.fileId);
      if (!file) throw new PermanentJobError("The uploaded file is gone.");
      const bytes = await readAll(file.body);
      const outcome = await importPlanWorkbook(
        db,
        { actor, requestId: `job-${job.id}` },
        {
          strategyId: payload.strategyId,
          planId: payload.planId,
          bytes,
          version: payload.version,
          reason: payload.reason,
        },
        (done, total) => reportProgress(done, total),
      );
      const result: PlanImportResult = outcome.ok
        ? outcome
        : {
            ok: false,
            status: outcome.status,
            errors: outcome.errors,
            rowErrors: "rowErrors" in outcome ? outcome.rowErrors : [],
          };
      return result;
    },
  };
}

/** A background import as its progress page shows it, or null when it is not the actor's (or not an import). */
export async function getPlanImportJob(db: Db, jobId: number, actor: Actor) {
  const job = await getJob(db, jobId);
  if (!job || job.kind !== PLAN_IMPORT_JOB) return null;
  const payload = (await db.selectFrom("job").select("payload").where("id", "=", jobId).executeTakeFirst())?.payload as
    PlanImportPayload | undefined;
  if (!payload || actor.kind !== "user" || payload.userId !== actor.userId) return null;
  return { job, payload, result: (job.result ?? null) as PlanImportResult | null };
}

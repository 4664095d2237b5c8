import { sql, type RawBuilder } from "kysely";
import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import type { Job, JobStatus } from "#app/db/schema.ts";

/*
 * Background jobs kept in the `job` table. Any number of workers (in one process or in several
 * app instances) claim queued jobs one at a time with `FOR UPDATE SKIP LOCKED`; the claim is a
 * single statement, and no transaction stays open while a handler runs, so the same code works on
 * PGlite's one serialised connection and on a PostgreSQL pool. Delivery is at least once: a job
 * whose worker died is put back in the queue, so handlers must be safe to run again.
 */

/** When and how often a job may run; both optional. */
export interface EnqueueOptions {
  /** Do not start before this moment (default: now). */
  runAt?: Date;
  /** Runs allowed before the job is marked failed (default 5, the column default). */
  maxAttempts?: number;
}

/** What a page needs to show a job: its state, a progress bar, and the outcome. */
export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  progress: {
    done: number;
    total: number | null;
    /** Whole percent 0–100, or null while the total is unknown. */
    percent: number | null;
  };
  result: unknown;
  /** The message of the last failed attempt, if any. */
  error: string | null;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What a handler receives for one run of one job. */
export interface JobContext {
  /** The claimed row; `attempts` already counts this run. */
  job: Job;
  /** Records how far the job has come (throttled; the last call before the end is always kept). */
  reportProgress(done: number, total: number | null): Promise<void>;
  /** Aborted when this worker has lost the job (another worker took it over as stuck). */
  signal: AbortSignal;
}

/** Runs one job; its resolved value (JSON-serialisable) is stored as the result. Throwing fails the attempt. */
export type JobHandler = (context: JobContext) => Promise<unknown>;

/** Thrown by a handler when retrying cannot help (bad payload, missing subject): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** Exponential backoff between attempts. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/** How a worker is set up; only `db`, `handlers`, `workerId` and `logger` are required. */
export interface JobWorkerOptions {
  db: Db;
  /** One handler per job kind; the worker only claims jobs of these kinds. */
  handlers: Record<string, JobHandler>;
  /** Names this worker in `locked_by` (e.g. host name and pid); unique per running worker. */
  workerId: string;
  /** Wait between polls when the queue is empty (default 1,000 ms). */
  pollIntervalMs?: number;
  logger: Logger;
  /** Backoff after a failed attempt: base·2^attempts, capped (default 10 s, capped at 1 h). */
  retry?: RetryPolicy;
  /** A running job whose lock is older than this is taken to be abandoned (default 10 min). */
  lockTimeoutMs?: number;
  /** How often a running job's lock is refreshed (default a quarter of `lockTimeoutMs`). */
  heartbeatIntervalMs?: number;
  /** How often abandoned jobs are looked for (default half of `lockTimeoutMs`; always once at start). */
  recoveryIntervalMs?: number;
  /** Least time between two progress writes of one job (default 250 ms). */
  progressIntervalMs?: number;
}

/** A started worker. */
export interface JobWorker {
  /** Stops claiming jobs and resolves once the job in hand (if any) has finished and been recorded. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, maxMs: 60 * 60_000 };
const MAX_ERROR_LENGTH = 4_000;

function toJsonb(value: unknown): RawBuilder<unknown> {
  return sql`cast(${JSON.stringify(value ?? null)}::text as jsonb)`;
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}.`);
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

/** Puts a job in the queue and returns its row; call it inside the transaction that creates the job's subject. */
export async function enqueueJob(db: Db, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<Job> {
  if (kind.trim() === "") throw new RangeError("A job needs a kind.");
  if (options.maxAttempts !== undefined && (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)) {
    throw new RangeError(`maxAttempts must be a whole number ≥ 1, got ${options.maxAttempts}.`);
  }
  return db
    .insertInto("job")
    .values({
      kind,
      payload: toJsonb(payload),
      ...(options.runAt ? { run_at: options.runAt } : {}),
      ...(options.maxAttempts !== undefined ? { max_attempts: options.maxAttempts } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The job's state for display (status, progress, result, last error), or null when there is no such job. */
export async function getJob(db: Db, id: number): Promise<JobView | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await db.selectFrom("job").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  const total = row.progress_total;
  const percent =
    total === null || total <= 0 ? null : Math.max(0, Math.min(100, Math.floor((row.progress_done / total) * 100)));
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    progress: { done: row.progress_done, total, percent },
    result: row.result,
    error: row.last_error,
    runAt: row.run_at,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Records a running job's progress (`total` null when not yet known); ignored once the job has ended. */
export async function reportProgress(db: Db, id: number, done: number, total: number | null): Promise<void> {
  assertCount(done, "done");
  if (total !== null) assertCount(total, "total");
  await db
    .updateTable("job")
    .set({ progress_done: done, progress_total: total })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

/** The wait after failed attempt number `attempts` (1 for the first run): base·2^attempts, capped at `maxMs`. */
export function retryDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** attempts);
}

/**
 * Claims the next due job of one of `kinds` for `workerId`, or returns null. One statement: the
 * row is locked with SKIP LOCKED, so concurrent workers on PostgreSQL never take the same job.
 */
export async function claimNextJob(db: Db, workerId: string, kinds: readonly string[]): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const { rows } = await sql<Job>`
    update job
       set status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
     where id = (
             select id from job
              where status = 'queued' and run_at <= now() and kind in (${sql.join(kinds)})
              order by run_at, id
              limit 1
                for update skip locked)
       and status = 'queued'
    returning *`.execute(db);
  return rows[0] ?? null;
}

/**
 * Puts back in the queue every running job whose lock is older than `lockTimeoutMs` (its worker
 * crashed or was killed); a job that has used all its attempts is marked failed instead.
 * Returns how many jobs were recovered.
 */
export async function recoverStuckJobs(db: Db, lockTimeoutMs: number): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    update job
       set status = case when attempts >= max_attempts then 'failed' else 'queued' end,
           finished_at = case when attempts >= max_attempts then now() else null end,
           run_at = now(),
           last_error = 'The worker running this job (' || coalesce(locked_by, 'unknown') || ') stopped responding.'
     where status = 'running'
       and (locked_at is null or locked_at < now() - ${lockTimeoutMs} * interval '1 millisecond')
    returning id`.execute(db);
  return rows.length;
}

/**
 * Starts a worker that claims one job at a time and runs its handler: success stores the result,
 * failure retries with exponential backoff until `max_attempts`, then marks the job failed.
 * While a handler runs the job's lock is refreshed (heartbeat); jobs of crashed workers are put back.
 */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handlers, workerId, logger } = options;
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) throw new RangeError("A job worker needs at least one handler.");
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const retry = options.retry ?? DEFAULT_RETRY;
  const lockTimeoutMs = options.lockTimeoutMs ?? 10 * 60_000;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? Math.max(1, Math.floor(lockTimeoutMs / 4));
  const recoveryIntervalMs = options.recoveryIntervalMs ?? Math.max(1, Math.floor(lockTimeoutMs / 2));
  const progressIntervalMs = options.progressIntervalMs ?? 250;
  const log = logger.child({ workerId });

  let isStopping = false;
  let wakeUp: () => void = () => {};

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = () => {};
        resolve();
      }
      wakeUp = done;
    });

  async function runJob(job: Job): Promise<void> {
    const handler: JobHandler =
      handlers[job.kind] ??
      (async () => {
        throw new PermanentJobError(`This worker has no handler for jobs of kind "${job.kind}".`);
      });
    const controller = new AbortController();
    // Every write about this run is fenced: it only lands while this worker still holds this attempt.
    const isMine = () =>
      db
        .updateTable("job")
        .where("id", "=", job.id)
        .where("status", "=", "running")
        .where("locked_by", "=", workerId)
        .where("attempts", "=", job.attempts);

    let heartbeat: ReturnType<typeof setTimeout> | undefined;
    const beat = () => {
      heartbeat = setTimeout(async () => {
        try {
          const { numUpdatedRows } = await isMine()
            .set({ locked_at: sql<Date>`now()` })
            .executeTakeFirst();
          if (numUpdatedRows === 0n) {
            controller.abort(new Error("This worker no longer holds the job."));
            return;
          }
        } catch (error) {
          log.warn({ err: error, jobId: job.id }, "job heartbeat failed");
        }
        if (heartbeat !== undefined) beat();
      }, heartbeatIntervalMs);
    };

    let lastProgressAt = 0;
    let pendingProgress: ReturnType<typeof setTimeout> | undefined;
    const writeProgress = async (done: number, total: number | null) => {
      lastProgressAt = Date.now();
      await isMine().set({ progress_done: done, progress_total: total }).execute();
    };
    const context: JobContext = {
      job,
      signal: controller.signal,
      async reportProgress(done, total) {
        assertCount(done, "done");
        if (total !== null) assertCount(total, "total");
        clearTimeout(pendingProgress);
        const wait = lastProgressAt + progressIntervalMs - Date.now();
        if (wait <= 0 || (total !== null && done >= total)) {
          await writeProgress(done, total);
          return;
        }
        pendingProgress = setTimeout(() => {
          writeProgress(done, total).catch((error: unknown) =>
            log.warn({ err: error, jobId: job.id }, "progress write failed"),
          );
        }, wait);
      },
    };

    const started = performance.now();
    beat();
    let outcome: { ok: true; result: string } | { ok: false; error: unknown };
    try {
      const value = await handler(context);
      outcome = { ok: true, result: JSON.stringify(value ?? null) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearTimeout(heartbeat);
      heartbeat = undefined;
      clearTimeout(pendingProgress);
    }
    const ms = Math.round(performance.now() - started);

    if (outcome.ok) {
      const { numUpdatedRows } = await isMine()
        .set({
          status: "succeeded",
          result: sql`cast(${outcome.result}::text as jsonb)`,
          finished_at: sql<Date>`now()`,
          last_error: null,
          progress_done: sql<number>`coalesce(progress_total, progress_done)`,
        })
        .executeTakeFirst();
      if (numUpdatedRows === 0n)
        log.warn({ jobId: job.id, kind: job.kind }, "job finished after this worker lost it; result discarded");
      else log.info({ jobId: job.id, kind: job.kind, attempt: job.attempts, ms }, "job succeeded");
      return;
    }

    const message = errorMessage(outcome.error);
    const isFinal = outcome.error instanceof PermanentJobError || job.attempts >= job.max_attempts;
    const delay = retryDelayMs(job.attempts, retry);
    const { numUpdatedRows } = await isMine()
      .set(
        isFinal
          ? { status: "failed", last_error: message, finished_at: sql<Date>`now()` }
          : { status: "queued", last_error: message, run_at: sql<Date>`now() + ${delay} * interval '1 millisecond'` },
      )
      .executeTakeFirst();
    if (numUpdatedRows === 0n) {
      log.warn({ jobId: job.id, kind: job.kind, error: message }, "job failed after this worker lost it");
    } else if (isFinal) {
      log.error({ jobId: job.id, kind: job.kind, attempt: job.attempts, err: outcome.error, ms }, "job failed");
    } else {
      log.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts, retryInMs: delay, error: message, ms },
        "job attempt failed; will retry",
      );
    }
  }

  async function loop(): Promise<void> {
    let nextRecoveryAt = 0;
    while (!isStopping) {
      try {
        if (Date.now() >= nextRecoveryAt) {
          nextRecoveryAt = Date.now() + recoveryIntervalMs;
          const recovered = await recoverStuckJobs(db, lockTimeoutMs);
          if (recovered > 0) log.warn({ recovered }, "put abandoned jobs back in the queue");
        }
        const job = await claimNextJob(db, workerId, kinds);
        if (job) {
          await runJob(job);
          continue;
        }
      } catch (error) {
        log.error({ err: error }, "job worker error");
      }
      if (!isStopping) await idle(pollIntervalMs);
    }
  }

  const running = loop();
  log.info({ kinds }, "job worker started");
  return {
    async stop() {
      isStopping = true;
      wakeUp();
      await running;
    },
  };
}

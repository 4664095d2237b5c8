import { sql } from "kysely";
import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import { findsAnyRow } from "./any-row.server.ts";
import { enqueueJob } from "./jobs.server.ts";

/*
 * Periodic jobs on top of the job queue (jobs.server.ts): every tick, each schedule whose kind has
 * no job queued or running, and none created within its interval, gets one new job. The check and
 * the enqueue run in one transaction under an advisory lock per kind, so several processes sharing
 * a database enqueue each periodic job once. The job worker then runs it like any other job, with
 * its retries and recovery; handlers must be safe to run again.
 */

/** A job kind to run every `everyMinutes` minutes. */
export interface Schedule {
  kind: string;
  everyMinutes: number;
}

/** A started scheduler. */
export interface Scheduler {
  /** Enqueues the due jobs now (also what every tick does); returns the kinds enqueued. */
  tick(): Promise<string[]>;
  /** Stops ticking; resolves once a tick in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Enqueues a job of `schedule.kind` unless one is queued, running, or was created less than its
 * interval ago. Safe to call from several processes at once. Returns whether it enqueued one.
 */
export async function enqueueIfDue(db: Db, schedule: Schedule, now = new Date()): Promise<boolean> {
  if (!Number.isFinite(schedule.everyMinutes) || schedule.everyMinutes <= 0)
    throw new RangeError(`everyMinutes must be > 0, got ${schedule.everyMinutes}.`);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`scheduler:${schedule.kind}`}))`.execute(trx);
    const since = new Date(now.getTime() - schedule.everyMinutes * 60_000);
    const recent = trx
      .selectFrom("job")
      .where("kind", "=", schedule.kind)
      .where((eb) => eb.or([eb("status", "in", ["queued", "running"]), eb("created_at", ">", since)]));
    if (await findsAnyRow(recent)) return false;
    await enqueueJob(trx, schedule.kind, { scheduledAt: now.toISOString() }, { runAt: now });
    return true;
  });
}

/** Starts ticking every `tickMs` (default one minute; the first tick at once). */
export function startScheduler({
  db,
  schedules,
  logger,
  tickMs = 60_000,
}: {
  db: Db;
  schedules: readonly Schedule[];
  logger: Logger;
  tickMs?: number;
}): Scheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<string[]> = Promise.resolve([]);
  let isStopped = false;

  async function tick(): Promise<string[]> {
    const enqueued: string[] = [];
    for (const schedule of schedules) {
      try {
        if (await enqueueIfDue(db, schedule)) enqueued.push(schedule.kind);
      } catch (error) {
        logger.error({ err: error, kind: schedule.kind }, "scheduler could not enqueue a periodic job");
      }
    }
    if (enqueued.length) logger.info({ kinds: enqueued }, "periodic jobs enqueued");
    return enqueued;
  }

  function loop() {
    running = tick().finally(() => {
      if (!isStopped) timer = setTimeout(loop, tickMs);
    });
  }
  if (schedules.length) loop();

  return {
    tick,
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import {
  claimNextJob,
  enqueueJob,
  getJob,
  PermanentJobError,
  recoverStuckJobs,
  reportProgress,
  retryDelayMs,
  startJobWorker,
  type JobHandler,
  type JobWorker,
  type JobWorkerOptions,
} from "./jobs.server.ts";
import { countRows } from "../../tests/support/row-count.ts";

const logger = pino({ level: "silent" });

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise the test resolves by hand, to hold a handler at a known point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function statusOf(db: Db, id: number) {
  return (await getJob(db, id))?.status;
}

let handle: DatabaseHandle;
let workers: JobWorker[] = [];

function start(options: Partial<JobWorkerOptions> & Pick<JobWorkerOptions, "handlers">, db: Db = handle.db): JobWorker {
  const worker = startJobWorker({ db, workerId: `test-${workers.length + 1}`, pollIntervalMs: 5, logger, ...options });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.deleteFrom("job").execute();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

describe("enqueueJob and getJob", () => {
  it("queues a job with its payload and shows it without progress", async () => {
    const job = await enqueueJob(
      handle.db,
      "report.export",
      { reportId: 7, locales: ["sq", "sr"] },
      { maxAttempts: 2 },
    );
    expect(job).toMatchObject({
      kind: "report.export",
      status: "queued",
      attempts: 0,
      max_attempts: 2,
      payload: { reportId: 7, locales: ["sq", "sr"] },
    });
    const view = await getJob(handle.db, job.id);
    expect(view).toMatchObject({
      id: job.id,
      status: "queued",
      attempts: 0,
      maxAttempts: 2,
      result: null,
      error: null,
      finishedAt: null,
    });
    expect(view?.progress).toEqual({ done: 0, total: null, percent: null });
  });

  it("stores payloads that are arrays, strings and null as JSON", async () => {
    for (const payload of [[1, "<script>"], "Приштина", null]) {
      const job = await enqueueJob(handle.db, "x", payload);
      expect(job.payload).toEqual(payload);
    }
  });

  it("returns null for an unknown or impossible id", async () => {
    expect(await getJob(handle.db, 987_654)).toBeNull();
    expect(await getJob(handle.db, 0)).toBeNull();
    expect(await getJob(handle.db, Number.NaN)).toBeNull();
  });

  it("refuses an empty kind and a bad attempt limit", async () => {
    await expect(enqueueJob(handle.db, " ", {})).rejects.toThrow(RangeError);
    await expect(enqueueJob(handle.db, "x", {}, { maxAttempts: 0 })).rejects.toThrow(RangeError);
  });
});

describe("claimNextJob", () => {
  it("claims only due jobs of the given kinds, oldest first, and marks them running", async () => {
    const later = await enqueueJob(handle.db, "a", {}, { runAt: new Date(Date.now() + 3_600_000) });
    const other = await enqueueJob(handle.db, "b", {});
    const first = await enqueueJob(handle.db, "a", { n: 1 });
    const second = await enqueueJob(handle.db, "a", { n: 2 });

    const claimed = await claimNextJob(handle.db, "w1", ["a"]);
    expect(claimed).toMatchObject({ id: first.id, status: "running", locked_by: "w1", attempts: 1 });
    expect(claimed?.locked_at).toBeInstanceOf(Date);
    expect((await claimNextJob(handle.db, "w2", ["a"]))?.id).toBe(second.id);
    expect(await claimNextJob(handle.db, "w3", ["a"])).toBeNull();
    expect(await statusOf(handle.db, later.id)).toBe("queued");
    expect(await statusOf(handle.db, other.id)).toBe("queued");
    expect(await claimNextJob(handle.db, "w4", [])).toBeNull();
  });

  it("hands each job to one claimant when many claim at once", async () => {
    const jobs = await Promise.all(Array.from({ length: 10 }, (_, n) => enqueueJob(handle.db, "a", { n })));
    const claims = await Promise.all(Array.from({ length: 25 }, (_, n) => claimNextJob(handle.db, `w${n}`, ["a"])));
    const ids = claims.flatMap((c) => (c ? [c.id] : []));
    expect(ids.sort((x, y) => x - y)).toEqual(jobs.map((j) => j.id).sort((x, y) => x - y));
  });
});

describe("retryDelayMs", () => {
  it("doubles with each attempt and stops at the cap", () => {
    const policy = { baseMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe("the job worker", () => {
  it("runs a job and stores its result", async () => {
    const job = await enqueueJob(handle.db, "sum", { numbers: [1, 2, 3] });
    const sum: JobHandler = async ({ job: { payload } }) => ({
      total: (payload as { numbers: number[] }).numbers.reduce((a, b) => a + b, 0),
    });
    start({ handlers: { sum }, workerId: "worker-a" });

    const view = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.status === "succeeded" && v;
    });
    expect(view).toMatchObject({ result: { total: 6 }, attempts: 1, error: null });
    expect(view.finishedAt).toBeInstanceOf(Date);
    const row = await handle.db
      .selectFrom("job")
      .select("locked_by")
      .where("id", "=", job.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_by).toBe("worker-a");
  });

  it("shows progress while the job runs, and 100 % once it has succeeded", async () => {
    const job = await enqueueJob(handle.db, "import", {});
    const halfway = gate();
    start({
      handlers: {
        import: async ({ reportProgress: report }) => {
          await report(0, null);
          await report(1, 4);
          await halfway.opened;
          await report(2, 4);
          return { imported: 4 };
        },
      },
    });

    const running = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.progress.done === 1 && v;
    });
    expect(running.status).toBe("running");
    expect(running.progress).toEqual({ done: 1, total: 4, percent: 25 });
    halfway.open();
    const finished = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.status === "succeeded" && v;
    });
    expect(finished.progress).toEqual({ done: 4, total: 4, percent: 100 });
  });

  it("reportProgress outside a worker updates a running job only", async () => {
    const job = await enqueueJob(handle.db, "p", {});
    await reportProgress(handle.db, job.id, 3, 10);
    expect((await getJob(handle.db, job.id))?.progress.done).toBe(0);
    await claimNextJob(handle.db, "w", ["p"]);
    await reportProgress(handle.db, job.id, 3, 10);
    expect((await getJob(handle.db, job.id))?.progress).toEqual({ done: 3, total: 10, percent: 30 });
    await expect(reportProgress(handle.db, job.id, -1, 10)).rejects.toThrow(RangeError);
  });

  it("puts a failed attempt back in the queue with an exponential delay", async () => {
    const job = await enqueueJob(handle.db, "flaky", {});
    let calls = 0;
    start({
      handlers: {
        flaky: async () => {
          calls += 1;
          throw new Error("The mail server did not answer.");
        },
      },
      retry: { baseMs: 60_000, maxMs: 3_600_000 },
    });

    const view = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.error !== null && v?.status === "queued" && v;
    });
    expect(view).toMatchObject({ attempts: 1, error: "The mail server did not answer." });
    const { rows } = await sql<{
      seconds: number;
    }>`select extract(epoch from run_at - now())::float8 as seconds from job where id = ${job.id}`.execute(handle.db);
    expect(rows[0]?.seconds).toBeGreaterThan(110);
    expect(rows[0]?.seconds).toBeLessThanOrEqual(120);
    expect(calls).toBe(1);
  });

  it("retries with growing waits, then succeeds", async () => {
    const job = await enqueueJob(handle.db, "flaky", {}, { maxAttempts: 5 });
    const calledAt: number[] = [];
    const baseMs = 20;
    start({
      handlers: {
        flaky: async ({ job: claimed }) => {
          calledAt.push(Date.now());
          if (claimed.attempts < 3) throw new Error(`attempt ${claimed.attempts} failed`);
          return "delivered";
        },
      },
      retry: { baseMs, maxMs: 10_000 },
    });

    const view = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.status === "succeeded" && v;
    });
    expect(view).toMatchObject({ attempts: 3, result: "delivered", error: null });
    expect(calledAt).toHaveLength(3);
    // The database clock has microseconds, Date.now() milliseconds: allow 2 ms of rounding.
    expect(calledAt[1]! - calledAt[0]!).toBeGreaterThanOrEqual(baseMs * 2 - 2);
    expect(calledAt[2]! - calledAt[1]!).toBeGreaterThanOrEqual(baseMs * 4 - 2);
  });

  it("marks the job failed with the last error once its attempts are used up", async () => {
    const job = await enqueueJob(handle.db, "broken", {}, { maxAttempts: 3 });
    let calls = 0;
    start({
      handlers: {
        broken: async () => {
          calls += 1;
          throw new Error(`failure ${calls}`);
        },
      },
      retry: { baseMs: 1, maxMs: 5 },
    });

    const view = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.status === "failed" && v;
    });
    expect(view).toMatchObject({ attempts: 3, error: "failure 3" });
    expect(view.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(3);
  });

  it("does not retry a PermanentJobError", async () => {
    const job = await enqueueJob(handle.db, "strict", {}, { maxAttempts: 5 });
    start({
      handlers: {
        strict: async () => {
          throw new PermanentJobError("The report no longer exists.");
        },
      },
    });
    const view = await waitFor(async () => {
      const v = await getJob(handle.db, job.id);
      return v?.status === "failed" && v;
    });
    expect(view).toMatchObject({ attempts: 1, error: "The report no longer exists." });
  });

  it("never runs one job twice when two workers share the queue", async () => {
    const jobs = await Promise.all(Array.from({ length: 20 }, (_, n) => enqueueJob(handle.db, "count", { n })));
    const runs = new Map<number, string[]>();
    const handlerFor =
      (workerId: string): JobHandler =>
      async ({ job }) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), workerId]);
        // Some work on the shared database, so that the two workers interleave.
        await sql`select count(*) from municipality`.execute(handle.db);
        return workerId;
      };
    start({ workerId: "one", handlers: { count: handlerFor("one") } });
    start({ workerId: "two", handlers: { count: handlerFor("two") } });

    await waitFor(
      async () => {
        return (await countRows(handle.db, "job", { status: "succeeded" })) === 20;
      },
      { what: "all 20 jobs to succeed" },
    );

    expect([...runs.keys()].sort((a, b) => a - b)).toEqual(jobs.map((j) => j.id).sort((a, b) => a - b));
    for (const runners of runs.values()) expect(runners).toHaveLength(1);
    expect(new Set([...runs.values()].flat())).toEqual(new Set(["one", "two"]));
    const attempts = await handle.db.selectFrom("job").select("attempts").execute();
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });

  it("puts back the jobs of a crashed worker, and fails those with no attempts left", async () => {
    const stuck = await enqueueJob(handle.db, "resume", { step: "stuck" });
    const exhausted = await enqueueJob(handle.db, "resume", { step: "exhausted" }, { maxAttempts: 1 });
    const alive = await enqueueJob(handle.db, "resume", { step: "alive" });
    const crashedAt = sql<Date>`now() - interval '1 hour'`;
    await handle.db
      .updateTable("job")
      .set({ status: "running", locked_by: "crashed", locked_at: crashedAt, attempts: 1 })
      .where("id", "in", [stuck.id, exhausted.id])
      .execute();
    await handle.db
      .updateTable("job")
      .set({ status: "running", locked_by: "busy", locked_at: sql<Date>`now()`, attempts: 1 })
      .where("id", "=", alive.id)
      .execute();

    start({ handlers: { resume: async () => "resumed" }, lockTimeoutMs: 60_000 });

    const resumed = await waitFor(async () => {
      const v = await getJob(handle.db, stuck.id);
      return v?.status === "succeeded" && v;
    });
    expect(resumed).toMatchObject({ attempts: 2, result: "resumed" });
    const failed = await getJob(handle.db, exhausted.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.error).toMatch(/crashed.*stopped responding/);
    expect(await statusOf(handle.db, alive.id)).toBe("running");
    expect(await recoverStuckJobs(handle.db, 60_000)).toBe(0);
  });

  it("keeps a long job's lock fresh, and aborts a handler whose job was taken over", async () => {
    const job = await enqueueJob(handle.db, "long", {});
    const lockedAt = async () =>
      (await handle.db.selectFrom("job").select("locked_at").where("id", "=", job.id).executeTakeFirstOrThrow())
        .locked_at;
    let aborted = false;
    const started = gate();
    start({
      handlers: {
        long: ({ signal }) =>
          new Promise((_resolve, reject) => {
            started.open();
            signal.addEventListener("abort", () => {
              aborted = true;
              reject(signal.reason);
            });
          }),
      },
      heartbeatIntervalMs: 10,
      retry: { baseMs: 1, maxMs: 1 },
    });
    await started.opened;
    const first = await lockedAt();
    await waitFor(async () => ((await lockedAt())?.getTime() ?? 0) > (first?.getTime() ?? 0), { what: "a heartbeat" });

    // Another worker recovered the job and now runs attempt 2.
    await handle.db.updateTable("job").set({ locked_by: "other", attempts: 2 }).where("id", "=", job.id).execute();
    await waitFor(() => aborted, { what: "the handler to be aborted" });
    await Promise.all(workers.map((w) => w.stop()));
    const row = await handle.db.selectFrom("job").selectAll().where("id", "=", job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "running", locked_by: "other", attempts: 2, last_error: null });
  });

  it("stop() waits for the job in hand and claims nothing after", async () => {
    const first = await enqueueJob(handle.db, "slow", { n: 1 });
    const release = gate();
    const started = gate();
    const worker = start({
      handlers: {
        slow: async () => {
          started.open();
          await release.opened;
          return "done";
        },
      },
    });
    await started.opened;
    const second = await enqueueJob(handle.db, "slow", { n: 2 });

    let hasStopped = false;
    const stopping = worker.stop().then(() => {
      hasStopped = true;
    });
    await getJob(handle.db, first.id);
    expect(hasStopped).toBe(false);
    release.open();
    await stopping;
    expect(await statusOf(handle.db, first.id)).toBe("succeeded");
    expect(await statusOf(handle.db, second.id)).toBe("queued");
  });

  it("refuses to start without handlers", () => {
    expect(() => startJobWorker({ db: handle.db, handlers: {}, workerId: "w", logger })).toThrow(RangeError);
  });
});

const adminUrl = process.env.DATABASE_URL;
describe.skipIf(!adminUrl)("on PostgreSQL with several app instances", () => {
  it("runs each of 60 jobs exactly once across two instances with two workers each", async () => {
    const name = `cap_jobs_${randomUUID().replaceAll("-", "")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const instances: DatabaseHandle[] = [];
    try {
      instances.push(
        await openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
        await openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
      );
      const [a, b] = instances as [DatabaseHandle, DatabaseHandle];
      await migrateToLatest(a.db);
      const jobs = await Promise.all(Array.from({ length: 60 }, (_, n) => enqueueJob(a.db, "count", { n })));
      const runs = new Map<number, number>();
      const count: JobHandler = async ({ job }) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        await sql`select pg_sleep(0.002)`.execute(a.db);
      };
      for (const [n, instance] of [a, a, b, b].entries())
        start({ workerId: `pg-${n}`, handlers: { count } }, instance.db);
      await waitFor(
        async () => {
          return (await countRows(b.db, "job", { status: "succeeded" })) === jobs.length;
        },
        { timeoutMs: 30_000, what: "all jobs to succeed" },
      );
      expect(runs.size).toBe(jobs.length);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      const runners = await b.db.selectFrom("job").select("locked_by").distinct().execute();
      expect(runners.length).toBeGreaterThan(1);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      workers = [];
      await Promise.all(instances.map((i) => i.close()));
      // Dropping with force while a closed pool's backends are still exiting makes pg emit an unhandled error.
      await waitFor(
        async () => {
          const { rows } = await sql<{
            n: number;
          }>`select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin.db);
          return rows[0]?.n === 0;
        },
        { what: "the test database's connections to close" },
      );
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    }
  });
});

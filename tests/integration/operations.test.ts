import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";
import { migrateToLatest, pendingMigrations, ReadOnlyDatabaseError } from "#app/db/migrate.server.ts";
import { migrations } from "#app/db/migrations/index.ts";
import { createDiskBlobStore, type BlobStore } from "#app/services/blob-store.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { createMetrics, metricsApp } from "../../server/metrics.ts";
import { createProbeBuild, TEST_APP_SECRET } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

/*
 * What an operator watches (decision 032): /readyz reports the database, the migrations and the
 * file storage; /metrics is Prometheus text behind a token (or on its own port); migrations are
 * applied once however many instances start together, and never attempted on a read-only database.
 */

const METRICS_TOKEN = "metrics-token-0123456789";
let handle: DatabaseHandle;
let filesRoot: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cap-ops-"));
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

function appWith(options: { blobs?: BlobStore; token?: string } = {}) {
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "3999",
    ...(options.token ? { METRICS_TOKEN: options.token } : {}),
  });
  const { build } = createProbeBuild();
  return createApp({
    db: handle.db,
    files: createFileStore({
      db: handle.db,
      blobs: options.blobs ?? createDiskBlobStore(filesRoot),
      maxBytes: 1024 * 1024,
    }),
    config,
    logger: pino({ level: "silent" }),
    appSecret: TEST_APP_SECRET,
    build,
    mode: "production",
  });
}

describe("/readyz", () => {
  it("is ready when the database answers, every migration is applied and the storage can be written", async () => {
    const response = await appWith().request("/readyz");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", storage: "ok" },
    });
  });

  it("is not ready (503, with the reason) when the file storage cannot be used", async () => {
    const broken: BlobStore = {
      ...createDiskBlobStore(filesRoot),
      check: async () => Promise.reject(new Error("bucket unreachable")),
    };
    const response = await appWith({ blobs: broken }).request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "unavailable",
      checks: { database: "ok", migrations: "ok", storage: "bucket unreachable" },
    });
  });
});

describe("/metrics", () => {
  it("answers 404 when no token is configured, and 401 without the right token", async () => {
    expect((await appWith().request("/metrics")).status).toBe(404);
    const app = appWith({ token: METRICS_TOKEN });
    expect((await app.request("/metrics")).status).toBe(401);
    expect(
      (await app.request("/metrics", { headers: { Authorization: "Bearer wrong-token-0123456789" } })).status,
    ).toBe(401);
  });

  it("shows request durations by route pattern, status counts, the job queue and the outbox backlog", async () => {
    const app = appWith({ token: METRICS_TOKEN });
    await handle.db
      .insertInto("job")
      .values({ kind: "ops.test", payload: JSON.stringify({}), run_at: new Date(), created_at: new Date() })
      .execute();
    await handle.db
      .insertInto("mail_outbox")
      .values({
        to_address: "someone@example.org",
        subject: "s",
        text_body: "b",
        status: "held",
        created_at: new Date(),
      })
      .execute();
    await app.request("/healthz");
    await app.request("/api/v1/municipalities/999999");
    await app.request("/api/v1/municipalities/888888");
    await app.request("/files/not-a-file");
    const response = await app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(/cap_http_requests_total\{route="\/healthz",method="GET",status="200"\} 1/);
    // Two ids, one series: labelled by the route's pattern, never by the raw path.
    expect(body).toMatch(
      /cap_http_requests_total\{route="\/api\/v1\/municipalities\/:[a-zA-Z]+",method="GET",status="4\d\d"\} 2/,
    );
    expect(body).not.toContain("municipalities/999999");
    expect(body).toMatch(
      /cap_http_request_duration_seconds_bucket\{le="[^"]+",route="\/files\/:id",method="GET",status="4xx"\}/,
    );
    expect(body).toMatch(/cap_jobs\{kind="ops.test",status="queued"\} 1/);
    expect(body).toMatch(/cap_mail_outbox\{status="held"\} [1-9]/);
    expect(body).toMatch(/cap_database_up 1/);
    expect(body).toMatch(/process_resident_memory_bytes \d+/);
  });

  it("labels pages by their React Router route pattern", async () => {
    const app = appWith({ token: METRICS_TOKEN });
    await app.request("/en/anything/at/all");
    const body = await (
      await app.request("/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    // The probe build has one splat route under the root.
    expect(body).toMatch(/cap_http_requests_total\{route="\/\*",method="GET",status="200"\} 1/);
    expect(body).not.toContain("anything/at/all");
  });

  it("is served without a token by the separate metrics app (METRICS_PORT), and nothing else there", async () => {
    const app = metricsApp(createMetrics({ db: handle.db }));
    const response = await app.request("/metrics");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("cap_database_up 1");
    expect((await app.request("/en/")).status).toBe(404);
  });
});

/**
 * Runs `work` with the address of a new, empty database on the PostgreSQL server of DATABASE_URL
 * (read-only by default for its sessions when asked, as a replica is), and drops the database after.
 */
async function withEmptyDatabase(
  namePrefix: string,
  options: { readOnly: boolean },
  work: (databaseUrl: string) => Promise<void>,
): Promise<void> {
  const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
  const name = `${namePrefix}_${randomBytes(5).toString("hex")}`;
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  try {
    if (options.readOnly)
      await sql`alter database ${sql.id(name)} set default_transaction_read_only = on`.execute(admin.db);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    await work(url.toString());
  } finally {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

describe("migrations", () => {
  it("has nothing pending on a migrated database", async () => {
    expect(await pendingMigrations(handle.db)).toEqual([]);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "are applied once when several instances start together on an empty PostgreSQL database",
    async () => {
      await withEmptyDatabase("cap_ops", { readOnly: false }, async (databaseUrl) => {
        const instances = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl, poolSize: 2 })));
        try {
          const results = await Promise.all(instances.map((instance) => migrateToLatest(instance.db)));
          const appliedCounts = results.map((r) => r.length);
          // One instance applied everything; the others waited for its lock and found nothing to do.
          expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(Object.keys(migrations).length);
          expect(appliedCounts.filter((n) => n > 0)).toHaveLength(1);
          const rows = await sql<{ count: number }>`select count(*)::int as count from kysely_migration`.execute(
            instances[0]!.db,
          );
          expect(rows.rows[0]!.count).toBe(Object.keys(migrations).length);
        } finally {
          await Promise.all(instances.map((instance) => instance.close()));
        }
      });
    },
    180_000,
  );

  it.skipIf(!process.env.DATABASE_URL)(
    "refuse clearly to start on a read-only database with migrations pending",
    async () => {
      await withEmptyDatabase("cap_ops_ro", { readOnly: true }, async (databaseUrl) => {
        const replica = await openDatabase({ databaseUrl, poolSize: 1 });
        try {
          const attempt = migrateToLatest(replica.db);
          await expect(attempt).rejects.toBeInstanceOf(ReadOnlyDatabaseError);
          await expect(migrateToLatest(replica.db)).rejects.toThrow(/read-only.*pending.*primary/s);
          const tables = await sql<{
            count: number;
          }>`select count(*)::int as count from pg_tables where schemaname = 'public'`.execute(replica.db);
          expect(tables.rows[0]!.count).toBe(0);
        } finally {
          await replica.close();
        }
      });
    },
  );
});

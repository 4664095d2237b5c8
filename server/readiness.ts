import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { migrations } from "#app/db/migrations/index.ts";
import type { FileStore } from "#app/services/files.server.ts";

/** One line of the readiness report: "ok", or why not. */
export type CheckResult = "ok" | string;

export interface ReadinessReport {
  ready: boolean;
  checks: { database: CheckResult; migrations: CheckResult; storage: CheckResult };
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * Whether this instance can take traffic (for /readyz and load balancers): the database answers,
 * every migration this code knows is applied (an instance of newer code waits for the one that
 * migrates), and the file storage (folder or bucket) can be used. Each check is bounded in time.
 */
export async function checkReadiness(deps: { db: Db; files: FileStore }): Promise<ReadinessReport> {
  const [database, migrationsCheck, storage] = await Promise.all([
    withTimeout(sql`select 1`.execute(deps.db), "the database").then(
      () => "ok",
      (error) => describe(error),
    ),
    withTimeout(
      deps.db
        .selectFrom("kysely_migration" as never)
        .select("name" as never)
        .execute() as Promise<{ name: string }[]>,
      "the migration table",
    ).then(
      (rows) => {
        const applied = new Set(rows.map((r) => r.name));
        const pending = Object.keys(migrations).filter((name) => !applied.has(name));
        return pending.length === 0 ? "ok" : `${pending.length} pending: ${pending.slice(0, 3).join(", ")}`;
      },
      (error) => describe(error),
    ),
    withTimeout(deps.files.blobs.check(), "the file storage").then(
      () => "ok",
      (error) => describe(error),
    ),
  ]);
  const checks = { database, migrations: migrationsCheck, storage };
  return { ready: Object.values(checks).every((v) => v === "ok"), checks };
}

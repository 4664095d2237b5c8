import path from "node:path";
import { Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.server.ts";
import { NulFreeTextPlugin } from "./nul-free-text.server.ts";
import { PGliteDialect } from "./pglite-dialect.server.ts";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./pglite-thread.server.ts";
import { recordQuery } from "./query-stats.server.ts";
import type { Database } from "./schema.ts";

/** The application's database handle: the same type on PGlite and PostgreSQL. */
export type Db = Kysely<Database>;

/** An open database together with what is needed to close it. */
export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** The embedded database, when running on PGlite: its own thread (for dumps, health and tests). */
  pglite?: EmbeddedDatabase;
  /** Connections of the PostgreSQL pool (for /metrics); absent on PGlite, which has one. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (its `pgdata` lives inside); ignored with `databaseUrl`. */
  dataDir?: string;
  /** Start an in-memory PGlite (tests), optionally from a dump made by `dumpDataDir`. */
  memory?: { loadDataDir?: Blob };
  /** Initialise an empty on-disk `dataDir` from a dump (restoring a backup). */
  loadDataDir?: Blob;
  /** Told when an idle pooled PostgreSQL connection fails (e.g. the server closed it). */
  onIdleConnectionError?: (error: Error) => void;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

// Same JavaScript types on both back ends: int8 as number, numeric and date as strings (the embedded
// database's thread sets the same parsers, in pglite-worker.mjs).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

function logQuery(event: LogEvent): void {
  recordQuery(event);
}

/** Whether the database answers, as /healthz reports it. */
export type DatabaseHealth = { ok: true } | { ok: false; reason: string; error?: unknown };

/** The health check of each database opened here (see `databaseHealth`). */
const healthChecks = new WeakMap<Db, () => Promise<DatabaseHealth>>();

/**
 * Whether `db` answers. PostgreSQL: `select 1` on a connection of its own, outside the pool, so that
 * the answer does not wait behind requests queued for the pool's connections (decision 053). The
 * embedded database: its thread's own check (EmbeddedDatabase.health), which does not queue behind
 * the requests waiting for its one connection but fails at once when the thread has stopped or the
 * database is closed (decision 046). A database opened elsewhere: `select 1` through it.
 */
export async function databaseHealth(db: Db): Promise<DatabaseHealth> {
  const check = healthChecks.get(db);
  if (check) return check();
  try {
    await sql`select 1`.execute(db);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), error };
  }
}

/** The health check's own PostgreSQL connection: one, reopened when it is lost, never waiting for the pool. */
function postgresHealthCheck(connectionString: string): {
  check: () => Promise<DatabaseHealth>;
  close: () => Promise<void>;
} {
  const pool = new pg.Pool({
    connectionString,
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 5_000,
    query_timeout: 5_000,
    application_name: "healthz",
  } as pg.PoolConfig);
  pool.on("error", () => {
    // A lost idle connection: the next check opens another.
  });
  let ended: Promise<void> | undefined;
  return {
    check: async () => {
      try {
        await pool.query("select 1");
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error), error };
      }
    },
    close: () => (ended ??= pool.end()),
  };
}

/**
 * Opens the database: a `pg` pool when a connection string is given, otherwise the embedded
 * PGlite in `dataDir` (locked against a second process) or in memory.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") => {
          if (oid === INT8) return parseInt8;
          if (oid === NUMERIC || oid === DATE) return keepText;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection closed by the server (restart, failover, a dropped database) must not
    // crash the process: the pool discards it and opens a new one on the next query.
    pool.on("error", (error) => {
      options.onIdleConnectionError?.(error);
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: logQuery,
      plugins: [new NulFreeTextPlugin()],
    });
    const max = options.poolSize ?? 10;
    const health = postgresHealthCheck(options.databaseUrl);
    healthChecks.set(db, health.check);
    return {
      db,
      kind: "postgres",
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
      close: async () => {
        try {
          await db.destroy();
        } finally {
          await health.close();
        }
      },
    };
  }

  const releaseLock = options.memory ? () => {} : lockDataDir(path.resolve(options.dataDir ?? "data"));
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedDatabase(
      options.memory
        ? { loadDataDir: options.memory.loadDataDir }
        : { dataDir: path.join(path.resolve(options.dataDir ?? "data"), "pgdata"), loadDataDir: options.loadDataDir },
    );
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(embedded),
    log: logQuery,
    plugins: [new NulFreeTextPlugin()],
  });
  healthChecks.set(db, async () => {
    const health = await embedded.health();
    return health.ok ? { ok: true } : { ok: false, reason: health.reason };
  });
  return {
    db,
    kind: "pglite",
    pglite: embedded,
    close: async () => {
      await db.destroy();
      // Kysely only destroys a driver it has initialised; close the database in any case.
      await embedded.close();
      releaseLock();
    },
  };
}

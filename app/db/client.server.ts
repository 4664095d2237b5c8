import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, PostgresDialect, type LogEvent } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.server.ts";
import { NulFreeTextPlugin } from "./nul-free-text.server.ts";
import { PGliteDialect } from "./pglite-dialect.server.ts";
import { recordQuery } from "./query-stats.server.ts";
import type { Database } from "./schema.ts";

/** The application's database handle: the same type on PGlite and PostgreSQL. */
export type Db = Kysely<Database>;

/** An open database together with what is needed to close it. */
export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** The embedded instance, when running on PGlite (for dumps and tests). */
  pglite?: PGlite;
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

// Same JavaScript types on both back ends: int8 as number, numeric and date as strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

function logQuery(event: LogEvent): void {
  recordQuery(event);
}

async function createPGlite(options: OpenDatabaseOptions): Promise<PGlite> {
  const common = {
    extensions: { pg_trgm, unaccent },
    parsers: { [INT8]: parseInt8, [NUMERIC]: keepText, [DATE]: keepText },
  };
  if (options.memory) {
    return PGlite.create({ ...common, loadDataDir: options.memory.loadDataDir });
  }
  const dataDir = path.resolve(options.dataDir ?? "data");
  return PGlite.create({ ...common, dataDir: path.join(dataDir, "pgdata"), loadDataDir: options.loadDataDir });
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
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logQuery, plugins: [new NulFreeTextPlugin()] });
    const max = options.poolSize ?? 10;
    return {
      db,
      kind: "postgres",
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
      close: () => db.destroy(),
    };
  }

  const releaseLock = options.memory ? () => {} : lockDataDir(path.resolve(options.dataDir ?? "data"));
  let pglite: PGlite;
  try {
    pglite = await createPGlite(options);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log: logQuery, plugins: [new NulFreeTextPlugin()] });
  return {
    db,
    kind: "pglite",
    pglite,
    close: async () => {
      await db.destroy();
      // Kysely only destroys a driver it has initialised; close PGlite in any case.
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}

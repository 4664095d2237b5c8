import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type { EmbeddedDatabase } from "./pglite-thread.server.ts";

/** What the dialect needs of the embedded database: one statement at a time, and closing it. */
export type EmbeddedConnectionTarget = Pick<EmbeddedDatabase, "query" | "closed" | "close">;

/**
 * A first-in, first-out lock. PGlite has exactly one connection; Kysely must hold it for the
 * whole of a transaction so that two concurrent requests never interleave their statements.
 * The lock lives on the main thread; PGlite runs on its own (pglite-thread.server.ts).
 */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for every earlier holder to release, then returns this holder's release function. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    return previous.then(() => release);
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: EmbeddedConnectionTarget,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters);
    const kind = compiled.query.kind;
    const isWrite =
      kind === "InsertQueryNode" ||
      kind === "UpdateQueryNode" ||
      kind === "DeleteQueryNode" ||
      kind === "MergeQueryNode";
    return isWrite && result.affectedRows !== undefined
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows: result.rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming queries are not supported on the embedded database.");
  }
}

class PGliteDriver implements Driver {
  readonly #lock = new ConnectionLock();

  constructor(private readonly pglite: EmbeddedConnectionTarget) {}

  async init(): Promise<void> {
    // The database is open before the dialect is made (startEmbeddedDatabase waits for it).
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    return new PGliteConnection(this.pglite, release);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/**
 * Kysely dialect for the embedded PGlite database. Unlike `kysely-pglite`, it serialises access to
 * PGlite's single connection, so concurrent transactions never mix their statements.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: EmbeddedConnectionTarget) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

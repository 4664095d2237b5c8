import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

/*
 * The embedded database on a thread of its own (decision 046). PGlite runs PostgreSQL compiled to
 * WebAssembly and executes each statement synchronously: on the main thread every query stalled the
 * event loop, and with it every other request and the health check. Here a worker thread
 * (pglite-worker.mjs) owns the PGlite instance; this side sends each request as a message and
 * receives rows (structured clone keeps Date, Uint8Array and the parsed JSON), affected-row counts
 * or PostgreSQL's error. The Kysely dialect (pglite-dialect.server.ts) still serialises transactions.
 */

/** The rows of one statement, and how many rows it changed (INSERT, UPDATE, DELETE, MERGE). */
export interface EmbeddedQueryResult<R> {
  rows: R[];
  affectedRows?: number;
}

/** Whether the embedded database answers, as /healthz reports it. */
export type EmbeddedHealth = { ok: true; busy: boolean } | { ok: false; reason: string };

/** The embedded database as the rest of the application uses it (DatabaseHandle.pglite). */
export interface EmbeddedDatabase {
  /** Runs one statement. Callers outside the Kysely dialect bypass its transaction lock: keep to reads. */
  query<R>(sql: string, params?: readonly unknown[]): Promise<EmbeddedQueryResult<R>>;
  /** The data directory as a tarball (backups, and the template the tests copy). */
  dumpDataDir(compression?: "none" | "gzip" | "auto"): Promise<Blob>;
  /** See `EmbeddedDatabaseThread.health`. */
  health(options?: { stalledAfterMs?: number }): Promise<EmbeddedHealth>;
  /** True once closed, or once its thread has stopped. */
  readonly closed: boolean;
  close(): Promise<void>;
  /** The worker thread itself (tests end it to see what a crash does). */
  readonly thread: Worker;
}

/**
 * PostgreSQL's error fields, as PGlite and the pg driver put them on their errors. The thread sends
 * these (it gets the list with its `workerData`, so that both sides name the same fields).
 */
const POSTGRES_ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
  "query",
] as const;

type SerialisedError = {
  name: string;
  message: string;
  fields: Partial<Record<(typeof POSTGRES_ERROR_FIELDS)[number], string>>;
};

/**
 * An error of the embedded database, rebuilt on this thread with PostgreSQL's fields (`code`,
 * `constraint`, `detail`…) where PostgreSQL raised it, as the pg driver's errors carry them.
 */
export class EmbeddedDatabaseError extends Error {
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  internalPosition?: string;
  internalQuery?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  file?: string;
  line?: string;
  routine?: string;
  query?: string;

  constructor(serialised: SerialisedError) {
    super(serialised.message);
    this.name = serialised.name;
    for (const key of POSTGRES_ERROR_FIELDS) {
      const value = serialised.fields[key];
      if (value !== undefined) this[key] = value;
    }
  }
}

/** How long /healthz waits for the thread's own answer before it looks at what the thread is doing. */
const PING_WAIT_MS = 50;
/** How long a thread with no statement in progress may take to answer a ping before it counts as hung. */
const PING_TIMEOUT_MS = 2_000;
/** A single statement running longer than this makes the database unhealthy: PGlite is taken to be stuck. */
export const STATEMENT_STALL_MS = 30_000;

type Reply =
  | { id: number; ok: true; rows?: unknown[]; affectedRows?: number; bytes?: ArrayBuffer; type?: string }
  | { id: number; ok: false; error: SerialisedError };
type Pending = {
  op: string;
  startedAt: number;
  resolve: (reply: Extract<Reply, { ok: true }>) => void;
  reject: (error: Error) => void;
};

/** The worker's file: beside this module, or beside the production build's entry when this is one of its chunks (decision 075). */
const WORKER_URL =
  [new URL("./pglite-worker.mjs", import.meta.url), new URL("../pglite-worker.mjs", import.meta.url)].find((url) =>
    fs.existsSync(url),
  ) ?? new URL("./pglite-worker.mjs", import.meta.url);

let compiled: Promise<{ pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module }> | null = null;

/**
 * PGlite's two WebAssembly modules, compiled once per process (V8 compiles them off the main thread)
 * and handed to every database thread: a new thread then only instantiates them. Tests open many
 * in-memory databases; a server opens one.
 */
function compiledModules(): Promise<{ pgliteWasmModule: WebAssembly.Module; initdbWasmModule: WebAssembly.Module }> {
  compiled ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ["pglite.wasm", "initdb.wasm"].map(async (name) =>
        WebAssembly.compile(await fs.promises.readFile(path.join(dist, name))),
      ),
    );
    return { pgliteWasmModule: pgliteWasmModule!, initdbWasmModule: initdbWasmModule! };
  })();
  compiled.catch(() => (compiled = null));
  return compiled;
}

/** The main thread's side of one database thread: requests, their answers, and what the thread is doing. */
class EmbeddedDatabaseThread implements EmbeddedDatabase {
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** Why the database can no longer answer (closed, or its thread stopped); null while it can. */
  #gone: string | null = null;
  #closing: Promise<void> | null = null;
  #ping: Promise<unknown> | null = null;

  constructor(readonly thread: Worker) {
    thread.on("message", (reply: Reply) => this.#settle(reply));
    thread.on("error", (error) => this.#stop(`its thread failed: ${error.message}`));
    thread.on("exit", (code) => this.#stop(`its thread exited (code ${code})`));
    // An idle database does not keep the process alive (as PGlite on the main thread did not); a pending request does.
    thread.unref();
  }

  get closed(): boolean {
    return this.#gone !== null;
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<EmbeddedQueryResult<R>> {
    const reply = await this.#request({ op: "query", sql, params });
    return { rows: reply.rows as R[], affectedRows: reply.affectedRows };
  }

  async dumpDataDir(compression: "none" | "gzip" | "auto" = "auto"): Promise<Blob> {
    const reply = await this.#request({ op: "dump", compression });
    return new Blob([reply.bytes!], { type: reply.type });
  }

  /**
   * Whether the database answers, without queueing behind the requests waiting for its connection.
   * Unhealthy at once when it is closed or its thread has stopped. Otherwise the thread is asked to
   * run `select 1`, which it does between two statements, before any statement sent after it. An
   * answer within a moment means healthy. No answer yet: the thread is inside one statement, healthy
   * ("busy") while that statement has run for less than `stalledAfterMs`; a thread with no statement
   * in progress that does not answer within two seconds, or a statement running longer, is unhealthy.
   */
  async health(options: { stalledAfterMs?: number } = {}): Promise<EmbeddedHealth> {
    if (this.#gone) return { ok: false, reason: `the embedded database is closed: ${this.#gone}` };
    const ping = (this.#ping ??= this.#request({ op: "ping" }).finally(() => (this.#ping = null)));
    const answered = ping.then(
      () => ({ ok: true, busy: false }) as const,
      (error: Error) => ({ ok: false, reason: `the embedded database failed: ${error.message}` }) as const,
    );
    const first = await Promise.race([answered, delay(PING_WAIT_MS).then(() => null)]);
    if (first) return first;
    const statementStartedAt = this.#oldestStatementStart();
    if (statementStartedAt !== null) {
      const running = performance.now() - statementStartedAt;
      const limit = options.stalledAfterMs ?? STATEMENT_STALL_MS;
      return running < limit
        ? { ok: true, busy: true }
        : {
            ok: false,
            reason: `one statement has run for ${Math.round(running / 1000)} s (limit ${Math.round(limit / 1000)} s)`,
          };
    }
    const late = await Promise.race([answered, delay(PING_TIMEOUT_MS).then(() => null)]);
    return (
      late ?? { ok: false, reason: `the embedded database's thread has not answered for ${PING_TIMEOUT_MS / 1000} s` }
    );
  }

  /** Refuses new requests at once, lets the thread finish those already sent, closes PGlite and ends the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (!this.#gone) {
        this.#gone = "it was closed";
        try {
          await this.#send({ op: "close" });
        } catch {
          // Its thread stopped meanwhile: there is nothing left to close.
        }
      }
      await this.thread.terminate();
    })();
    return this.#closing;
  }

  /** When the statement (or dump) the thread is working on was sent; null when it has none. */
  #oldestStatementStart(): number | null {
    let oldest: number | null = null;
    for (const pending of this.#pending.values()) {
      if (pending.op !== "ping" && (oldest === null || pending.startedAt < oldest)) oldest = pending.startedAt;
    }
    return oldest;
  }

  #request(message: { op: string; [key: string]: unknown }): Promise<Extract<Reply, { ok: true }>> {
    if (this.#gone) return Promise.reject(new Error(`The embedded database cannot answer: ${this.#gone}.`));
    return this.#send(message);
  }

  #send(message: { op: string; [key: string]: unknown }): Promise<Extract<Reply, { ok: true }>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { op: message.op, startedAt: performance.now(), resolve, reject });
      if (this.#pending.size === 1) this.thread.ref();
      try {
        this.thread.postMessage({ ...message, id });
      } catch (error) {
        // A parameter that cannot be copied to the thread (a function, a symbol): the statement is not sent.
        this.#forget(id);
        reject(error as Error);
      }
    });
  }

  #forget(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.thread.unref();
    return pending;
  }

  #settle(reply: Reply): void {
    const pending = this.#forget(reply.id);
    if (!pending) return;
    if (reply.ok) pending.resolve(reply);
    else pending.reject(new EmbeddedDatabaseError(reply.error));
  }

  /** The database can no longer answer: every request still waiting fails with the reason. */
  #stop(reason: string): void {
    this.#gone ??= reason;
    for (const id of [...this.#pending.keys()])
      this.#forget(id)?.reject(new Error(`The embedded database cannot answer: ${this.#gone}.`));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export interface StartEmbeddedDatabaseOptions {
  /** The PGlite data directory (`DATA_DIR/pgdata`); in memory when absent. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (an empty `dataDir`, or memory). */
  loadDataDir?: Blob;
}

/**
 * Starts a database thread and waits until PGlite has opened (or created, or loaded) the database.
 * The data-directory lock is the caller's, taken before this is called (client.server.ts).
 */
export async function startEmbeddedDatabase(options: StartEmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const modules = await compiledModules();
  const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
  const thread = new Worker(WORKER_URL, {
    workerData: { dataDir: options.dataDir, loadDataDir, errorFields: POSTGRES_ERROR_FIELDS, ...modules },
    transferList: loadDataDir ? [loadDataDir] : [],
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { kind?: string; error?: SerialisedError }) => {
      if (message.kind === "ready") done(null);
      else if (message.kind === "failed") done(new EmbeddedDatabaseError(message.error!));
    };
    const onError = (error: Error) => done(error);
    const onExit = (code: number) =>
      done(new Error(`The embedded database's thread exited while opening the database (code ${code}).`));
    const done = (error: Error | null) => {
      thread.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (error) {
        void thread.terminate();
        reject(error);
      } else resolve();
    };
    thread.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
  return new EmbeddedDatabaseThread(thread);
}

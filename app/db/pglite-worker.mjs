// The embedded database's own thread (decision 046). This worker owns the PGlite instance: PGlite
// executes SQL synchronously inside WebAssembly, so on the main thread every statement stalled the
// server's event loop (pages, the health check, timers). The main thread (pglite-thread.server.ts)
// sends one message per request and gets rows or a PostgreSQL error back; its Kysely dialect still
// hands out the single connection one transaction at a time. Plain JavaScript: the server runs its
// TypeScript through tsx's loader, which a worker thread does not inherit.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

// Same JavaScript types as the pg pool on PostgreSQL (client.server.ts): int8 as number, numeric and date as strings.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * PGlite (Emscripten's NODEFS) creates every file of its data directory and then sets its mode to
 * 0666 with chmod, whatever the umask. In this thread a chmod under the data directory keeps only the
 * owner's bits (0666 → 0600), as data-dir-modes.server.ts does on the main thread: a worker has its
 * own instance of node:fs, so the main thread's guard does not reach it.
 */
function keepOwnerOnly(root) {
  const resolvedRoot = path.resolve(root);
  const guarded = (target) => {
    if (typeof target !== "string" && !(target instanceof URL) && !Buffer.isBuffer(target)) return false;
    const resolved = path.resolve(target instanceof URL ? target.pathname : target.toString());
    return resolved === resolvedRoot || resolved.startsWith(resolvedRoot + path.sep);
  };
  const ownerOnly = (mode) => (typeof mode === "string" ? Number.parseInt(mode, 8) : mode) & ~0o077;
  const chmodSync = fs.chmodSync;
  const chmod = fs.promises.chmod;
  fs.chmodSync = (target, mode) => chmodSync(target, guarded(target) ? ownerOnly(mode) : mode);
  fs.promises.chmod = (target, mode) => chmod(target, guarded(target) ? ownerOnly(mode) : mode);
}

/**
 * An error as it crosses to the main thread: its message, name and PostgreSQL's fields when it has
 * them (`errorFields`, the list pglite-thread.server.ts sends; the app reads `code` and `constraint`).
 */
function serialiseError(error) {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields = {};
  for (const key of errorFields) if (typeof error[key] === "string") fields[key] = error[key];
  return { name: error.name, message: error.message, fields };
}

/** True when PostgreSQL itself answered with an error (it has a SQLSTATE): the engine is working. */
function isPostgresError(error) {
  return (
    error instanceof Error &&
    typeof error.code === "string" &&
    /^[0-9A-Z]{5}$/.test(error.code) &&
    typeof error.severity === "string"
  );
}

const { dataDir, loadDataDir, errorFields, pgliteWasmModule, initdbWasmModule } = workerData;
if (dataDir) keepOwnerOnly(dataDir);

let pglite;
try {
  pglite = await PGlite.create({
    extensions: { pg_trgm, unaccent },
    parsers: { [INT8]: (value) => Number(value), [NUMERIC]: (value) => value, [DATE]: (value) => value },
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir: new Blob([loadDataDir]) } : {}),
    ...(pgliteWasmModule ? { pgliteWasmModule } : {}),
    ...(initdbWasmModule ? { initdbWasmModule } : {}),
  });
} catch (error) {
  parentPort.postMessage({ kind: "failed", error: serialiseError(error) });
  parentPort.close();
}

if (pglite) {
  parentPort.on("message", async (request) => {
    const { id } = request;
    try {
      switch (request.op) {
        case "query": {
          const result = await pglite.query(request.sql, request.params);
          parentPort.postMessage({ id, ok: true, rows: result.rows, affectedRows: result.affectedRows });
          return;
        }
        case "ping": {
          // Answered between statements. Any answer from PostgreSQL counts, an error too: inside another
          // request's failed transaction `select 1` is refused (25P02), and the engine is still working.
          try {
            await pglite.query("select 1");
          } catch (error) {
            if (!isPostgresError(error)) throw error;
          }
          parentPort.postMessage({ id, ok: true });
          return;
        }
        case "dump": {
          const dump = await pglite.dumpDataDir(request.compression);
          const bytes = await dump.arrayBuffer();
          parentPort.postMessage({ id, ok: true, bytes, type: dump.type }, [bytes]);
          return;
        }
        case "close": {
          if (!pglite.closed) await pglite.close();
          parentPort.postMessage({ id, ok: true });
          parentPort.close();
          return;
        }
        default:
          throw new Error(`Unknown request to the embedded database: ${String(request.op)}`);
      }
    } catch (error) {
      parentPort.postMessage({ id, ok: false, error: serialiseError(error) });
    }
  });
  parentPort.postMessage({ kind: "ready" });
}

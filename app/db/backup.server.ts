import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "./client.server.ts";
import { lockDataDir } from "./data-dir-lock.server.ts";

/** Where a backup comes from or goes to: the embedded database in a data folder, or a PostgreSQL URL. */
export type BackupTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; databaseUrl: string };

/** Runs a PostgreSQL client program (pg_dump, psql) with `options` on the backup `file` and the database. */
function runClient(command: string, options: string[], file: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = [...options, "--file", file, databaseUrl];
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: process.env });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) =>
      reject(new Error(`Could not run ${command}: ${error.message}. Is the PostgreSQL client installed?`)),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * Writes a complete backup to `file`: a PGlite data-directory dump (gzip tarball) for the
 * embedded database — taken under the data-dir lock, so the server must be stopped — or a plain
 * SQL dump made by pg_dump for PostgreSQL (the server may keep running).
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (target.kind === "postgres") {
    await runClient("pg_dump", ["--no-owner", "--no-privileges", "--clean", "--if-exists"], file, target.databaseUrl);
    return;
  }
  const handle = await openDatabase({ dataDir: target.dataDir });
  try {
    const dump = await handle.pglite!.dumpDataDir("gzip");
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the database with the contents of a backup made by `backupDatabase`. For PGlite the
 * current data folder is kept aside until the restored one has opened, then removed; for
 * PostgreSQL the dump's own DROP … IF EXISTS statements clear the old objects, in one transaction.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}.`);
  if (target.kind === "postgres") {
    await runClient(
      "psql",
      ["--quiet", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1"],
      file,
      target.databaseUrl,
    );
    return;
  }
  const pgdata = path.join(path.resolve(target.dataDir), "pgdata");
  // Hold the lock throughout: restoring under a running server would corrupt it.
  const release = lockDataDir(target.dataDir);
  const aside = `${pgdata}.before-restore-${Date.now()}`;
  try {
    if (fs.existsSync(pgdata)) fs.renameSync(pgdata, aside);
    try {
      const restored = await openDatabase({ dataDir: target.dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
      await sql`select 1`.execute(restored.db);
      await restored.close();
    } catch (error) {
      fs.rmSync(pgdata, { recursive: true, force: true });
      if (fs.existsSync(aside)) fs.renameSync(aside, pgdata);
      throw error;
    }
    fs.rmSync(aside, { recursive: true, force: true });
  } finally {
    release();
  }
}

/**
 * Every row of every table in the public schema, as JSON, in a stable order: two databases
 * with the same snapshot are identical.
 */
export async function snapshotTables(db: Db): Promise<Record<string, unknown[]>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: unknown;
    }>`select to_jsonb(t) as row from ${sql.table(table_name)} t order by t::text`.execute(db);
    snapshot[table_name] = rows.rows.map((r) => r.row);
  }
  return snapshot;
}

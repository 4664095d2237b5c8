import fs from "node:fs";
import path from "node:path";
import { Migrator, sql } from "kysely";
import { openDatabase, type Db } from "../client.server.ts";
import { migrations } from "../migrations/index.ts";
import {
  listPublicRelations,
  readCatalog,
  tableChecksum,
  setCanonicalTextForms,
  type Catalog,
  type TableChecksum,
} from "./catalog.server.ts";
import { advanceSequences, copyTables, emptyTables, setUserTriggers, type CopyProgress } from "./copy.server.ts";
import { copyStoredFiles, type FileCopyReport, type FileDestination } from "./files.server.ts";

/** A step of a transfer, for the progress display. */
export type TransferEvent =
  | { kind: "step"; message: string }
  | ({ kind: "rows" } & CopyProgress)
  | { kind: "files"; done: number; total: number };

export interface MoveOptions {
  /** The embedded install's DATA_DIR (its `pgdata`, `files` and `app-secret`). */
  dataDir: string;
  /** The PostgreSQL database to fill: it must be empty. */
  databaseUrl: string;
  /** Where the stored files go; omitted when the new server keeps the same DATA_DIR (nothing to copy). */
  files?: FileDestination;
  batchRows?: number;
  onEvent?: (event: TransferEvent) => void;
}

/** What a move did and checked. */
export interface MoveReport {
  tables: { name: string; rows: number; checksum: string }[];
  rows: number;
  sequences: number;
  files: FileCopyReport;
  /** The embedded install's CSRF secret file, whose content APP_SECRET must take. */
  appSecretFile: string | null;
  ms: number;
}

/** Raised when the target database already holds tables: a move only fills an empty database. */
export class TargetNotEmptyError extends Error {
  constructor(readonly relations: string[]) {
    super(
      `The target database is not empty: it holds ${relations.length} table(s) or other relations (${relations.slice(0, 5).join(", ")}${relations.length > 5 ? ", …" : ""}). ` +
        "Move into a new, empty database (createdb …).",
    );
    this.name = "TargetNotEmptyError";
  }
}

/** The migrations a database has applied, by name. */
async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('public.kysely_migration') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Refuses a source that has not applied exactly the migrations this code knows. */
export async function assertFullyMigrated(db: Db, where: string): Promise<void> {
  const applied = await appliedMigrations(db);
  const known = Object.keys(migrations).sort();
  const pending = known.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !known.includes(name));
  if (pending.length || unknown.length) {
    throw new Error(
      `${where} is not at this version's schema` +
        (pending.length
          ? ` (pending migrations: ${pending.join(", ")}; start the server once or run npm run db:migrate)`
          : "") +
        (unknown.length
          ? ` (migrations this code does not know: ${unknown.join(", ")}; use the same version of the platform)`
          : "") +
        ".",
    );
  }
}

/**
 * Runs every migration on a connection that is already inside a transaction (no transaction of
 * the migrator's own), so the schema is created in the same all-or-nothing transaction as the data.
 */
export async function migrateInOpenTransaction(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, disableTransactions: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed on the target: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Compares the columns of the source and target catalogs: the same migrations must give the same tables. */
export function assertSameSchema(source: Catalog, target: Catalog): void {
  const describe = (catalog: Catalog) =>
    [...catalog.tables.values()]
      .flatMap((t) => t.columns.map((c) => `${t.name}.${c.name} ${c.type}${c.isGenerated ? " generated" : ""}`))
      .sort();
  const a = describe(source);
  const b = new Set(describe(target));
  const differences = [...a.filter((x) => !b.has(x)), ...[...b].filter((x) => !a.includes(x))];
  if (differences.length)
    throw new Error(
      `The target's schema differs from the source's after migrating: ${differences.slice(0, 10).join("; ")}.`,
    );
}

/** Compares every table's row count and checksum on both sides; throws with the tables that differ. */
export async function verifyTables(
  source: Db,
  target: Db,
  catalog: Catalog,
  tables: readonly string[] = catalog.order,
): Promise<Map<string, TableChecksum>> {
  const sums = new Map<string, TableChecksum>();
  const differing: string[] = [];
  for (const name of tables) {
    const table = catalog.tables.get(name)!;
    const [a, b] = [await tableChecksum(source, table), await tableChecksum(target, table)];
    if (a.rows !== b.rows || a.checksum !== b.checksum)
      differing.push(
        `${name} (source ${a.rows} rows ${a.checksum.slice(0, 8)}, target ${b.rows} rows ${b.checksum.slice(0, 8)})`,
      );
    sums.set(name, b);
  }
  if (differing.length)
    throw new Error(`The copy does not match the source in ${differing.length} table(s): ${differing.join("; ")}.`);
  return sums;
}

/**
 * Moves the embedded database of `dataDir` into an empty PostgreSQL database: holds the data
 * directory's lock throughout (so it refuses while a server runs on it), reads the source in one
 * read-only snapshot, and on the target, in ONE transaction: runs the migrations, empties what
 * they wrote, turns user triggers off, copies every table in foreign-key order in batches, sets
 * the sequences past the copied ids, turns the triggers back on, compares each table's row count
 * and checksum with the source, copies the stored files (checked against their SHA-256), and only
 * then commits. Any failure rolls the target back to empty and removes the files it wrote.
 */
export async function moveEmbeddedToPostgres(options: MoveOptions): Promise<MoveReport> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  if (!fs.existsSync(path.join(dataDir, "pgdata")))
    throw new Error(`There is no embedded database in ${dataDir} (no pgdata folder).`);
  const source = await openDatabase({ dataDir });
  try {
    await assertFullyMigrated(source.db, `The embedded database in ${dataDir}`);
    const target = await openDatabase({ databaseUrl: options.databaseUrl, poolSize: 1 });
    try {
      const present = await listPublicRelations(target.db);
      if (present.length) throw new TargetNotEmptyError(present);
      return await source.db.connection().execute(async (src) => {
        await sql`begin isolation level repeatable read read only`.execute(src);
        try {
          await setCanonicalTextForms(src);
          const catalog = await readCatalog(src);
          const report = await target.db
            .connection()
            .execute((dst) => fillTarget(src, dst, catalog, dataDir, options, emit));
          await sql`commit`.execute(src);
          return { ...report, ms: Math.round(performance.now() - started) };
        } catch (error) {
          await sql`rollback`.execute(src).catch(() => {});
          throw error;
        }
      });
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function fillTarget(
  src: Db,
  dst: Db,
  catalog: Catalog,
  dataDir: string,
  options: MoveOptions,
  emit: (event: TransferEvent) => void,
): Promise<Omit<MoveReport, "ms">> {
  let files: FileCopyReport = { copied: 0, alreadyThere: 0, bytes: 0, missing: [], written: [] };
  await sql`begin`.execute(dst);
  try {
    await setCanonicalTextForms(dst);
    // Checked again inside the transaction: nothing may have appeared since.
    const present = await listPublicRelations(dst);
    if (present.length) throw new TargetNotEmptyError(present);
    emit({ kind: "step", message: "Creating the schema on the target (migrations)…" });
    await migrateInOpenTransaction(dst);
    const targetCatalog = await readCatalog(dst);
    assertSameSchema(catalog, targetCatalog);
    await setUserTriggers(dst, targetCatalog, false);
    await emptyTables(dst, targetCatalog);
    emit({ kind: "step", message: `Copying ${catalog.order.length} tables…` });
    const copied = await copyTables(src, dst, catalog, {
      batchRows: options.batchRows,
      onProgress: (p) => emit({ kind: "rows", ...p }),
    });
    const sequences = await advanceSequences(dst, targetCatalog);
    await setUserTriggers(dst, targetCatalog, true);
    emit({ kind: "step", message: "Checking row counts and checksums of every table…" });
    const sums = await verifyTables(src, dst, catalog);
    const storedFiles = await sql<{
      id: string;
      sha256: string;
    }>`select id, sha256 from stored_file order by id`.execute(src);
    emit({ kind: "step", message: `Copying ${storedFiles.rows.length} stored files…` });
    const sourceRoot = path.join(dataDir, "files");
    files = await copyStoredFiles(sourceRoot, options.files ?? sameFolder(sourceRoot), storedFiles.rows, {
      sameFolder: !options.files,
      onProgress: (done, total) => emit({ kind: "files", done, total }),
    });
    await sql`commit`.execute(dst);
    const appSecretFile = path.join(dataDir, "app-secret");
    return {
      tables: catalog.order.map((name) => ({ name, rows: copied.get(name) ?? 0, checksum: sums.get(name)!.checksum })),
      rows: [...copied.values()].reduce((a, b) => a + b, 0),
      sequences,
      files,
      appSecretFile: fs.existsSync(appSecretFile) ? appSecretFile : null,
    };
  } catch (error) {
    await sql`rollback`.execute(dst).catch(() => {});
    for (const id of files.written) await options.files?.remove(id).catch(() => {});
    throw error;
  }
}

/** The source folder itself as destination: the new server keeps the same DATA_DIR, nothing is written. */
function sameFolder(root: string): FileDestination {
  return {
    describe: () => root,
    has: async () => true,
    put: async () => {
      throw new Error("Nothing is written when the files stay where they are.");
    },
    remove: async () => {},
  };
}

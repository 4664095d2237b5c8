// Database maintenance: `npm run db:migrate | db:seed | db:reset | db:backup [file] | db:restore <file>`.
// Works on the embedded database in DATA_DIR (the server must be stopped) or on DATABASE_URL.
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { backupDatabase, restoreDatabase, type BackupTarget } from "#app/db/backup.server.ts";
import { openDatabase, type DatabaseHandle } from "#app/db/client.server.ts";
import { DataDirLockedError } from "#app/db/data-dir-lock.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { secureDataDir } from "#app/db/data-dir-modes.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { loadConfig } from "../server/config.ts";

const config = loadConfig();
const [command, argument] = process.argv.slice(2);
secureDataDir(config.dataDir);
const target: BackupTarget = config.databaseUrl
  ? { kind: "postgres", databaseUrl: config.databaseUrl }
  : { kind: "pglite", dataDir: config.dataDir };
const where = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${config.dataDir}`;

async function withDatabase(fn: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await fn(handle);
  } finally {
    await handle.close();
  }
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  console.log(
    applied.length ? `Applied ${applied.map((m) => m.migrationName).join(", ")}.` : "The database is up to date.",
  );
}

function defaultBackupFile(): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  return path.resolve("backups", `cap-${stamp}.${target.kind === "postgres" ? "sql" : "tar.gz"}`);
}

/** Migrates, then seeds the demo content (with its files in DATA_DIR); existing items are kept. */
async function migrateAndSeed(handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  await seedDemoContent(handle.db, {
    files: createFileStore({
      db: handle.db,
      root: path.join(config.dataDir, "files"),
      maxBytes: config.maxUploadBytes,
    }),
  });
}

async function main(): Promise<void> {
  switch (command) {
    case "migrate":
      await withDatabase(migrate);
      return;
    case "seed":
      await withDatabase(async (handle) => {
        await migrateAndSeed(handle);
        console.log("Demo content seeded (existing items are kept).");
      });
      return;
    case "reset": {
      if (config.isProduction && argument !== "--yes") {
        throw new Error(
          "Refusing to reset a production database. Run `npm run db:reset -- --yes` if you really mean it.",
        );
      }
      if (target.kind === "pglite") {
        // Opening takes the lock, so a running server makes this fail before anything is deleted.
        await (await openDatabase({ dataDir: config.dataDir })).close();
        fs.rmSync(path.join(config.dataDir, "pgdata"), { recursive: true, force: true });
      } else {
        await withDatabase(async (handle) => {
          await sql`drop schema public cascade`.execute(handle.db);
          await sql`create schema public`.execute(handle.db);
        });
      }
      await withDatabase(migrateAndSeed);
      console.log(`Reset ${where}: migrated and demo content seeded.`);
      return;
    }
    case "backup": {
      const file = path.resolve(argument ?? defaultBackupFile());
      await backupDatabase(target, file);
      console.log(`Backed up ${where} to ${file}`);
      return;
    }
    case "restore": {
      if (!argument) throw new Error("Say which backup to restore: npm run db:restore -- <file>");
      await restoreDatabase(target, path.resolve(argument));
      console.log(`Restored ${where} from ${path.resolve(argument)}`);
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ""}". Use migrate, seed, reset, backup [file] or restore <file>.`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

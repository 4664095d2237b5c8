import type { Logger } from "pino";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { DataDirLockedError } from "#app/db/data-dir-lock.server.ts";
import { secureDataDir } from "#app/db/data-dir-modes.server.ts";
import { migrateToLatest, ReadOnlyDatabaseError } from "#app/db/migrate.server.ts";
import {
  formatDemoCredentials,
  seedDemoAccounts,
  writeDemoCredentials,
} from "#app/modules/identity/demo-accounts.server.ts";
import { isContentEmpty } from "#app/db/seed/demo.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { createBlobStoreFromEnv } from "#app/services/blob-store.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import type { Config } from "./config.ts";
import { resolveAppSecret } from "./secret.ts";

/**
 * Opens the configured database and brings it up to date: migrations always, the demo content
 * when the database has none and seeding is enabled. Exits with a clear message when another
 * process holds the embedded database.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  // Owner-only modes before anything is opened or written (DATA_DIR holds files and secrets even with DATABASE_URL).
  const repaired = secureDataDir(config.dataDir);
  if (repaired > 0) logger.info({ entries: repaired }, "data directory made owner-only (0700 folders, 0600 files)");
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onIdleConnectionError: (error) => logger.warn({ err: error }, "an idle database connection was closed"),
    });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      logger.fatal(error.message);
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let applied: Awaited<ReturnType<typeof migrateToLatest>>;
  try {
    applied = await migrateToLatest(handle.db);
  } catch (error) {
    if (error instanceof ReadOnlyDatabaseError) {
      logger.fatal(error.message);
      console.error(`\n${error.message}\n`);
      await handle.close();
      process.exit(1);
    }
    throw error;
  }
  if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.migrationName) }, "migrations applied");
  if (config.seedDemo && (await isContentEmpty(handle.db))) {
    const started = performance.now();
    // The demo's files (the compiled report) go where the server keeps files: DATA_DIR/files or the bucket.
    await seedDemoContent(handle.db, {
      files: configuredFileStore(config, handle.db).files,
    });
    logger.info({ ms: Math.round(performance.now() - started) }, "demo content seeded");
  }
  if (config.seedDemo) {
    const credentials = await seedDemoAccounts(handle.db, { allowed: config.seedDemoAccounts });
    if (credentials) {
      // The credentials go to the console once and to an owner-only file: never through the structured log.
      const file = writeDemoCredentials(config.dataDir, credentials);
      console.log(formatDemoCredentials(credentials));
      console.log(
        `These credentials were generated for this install and are kept in ${file} (readable only by you).\n`,
      );
      logger.info({ accounts: credentials.map((c) => c.email) }, "demo accounts created");
    }
  }
  return handle;
}

/** The file store the configuration asks for: blobs in DATA_DIR/files or in a bucket (S3_* settings), with the upload limit. */
export function configuredFileStore(config: Config, db: Db) {
  const blobs = createBlobStoreFromEnv(process.env, config.dataDir);
  return { blobs, files: createFileStore({ db, blobs, maxBytes: config.maxUploadBytes }) };
}

/**
 * What a server process (production or development) opens before its app: the database, prepared as above,
 * the app's secret, and the configured file store.
 */
export async function openServerData(config: Config, logger: Logger) {
  const handle = await prepareDatabase(config, logger);
  return {
    handle,
    appSecret: resolveAppSecret(process.env, config.dataDir),
    ...configuredFileStore(config, handle.db),
  };
}

/** What `createApp` takes from the server's data: the database and its pool's figures, the file store, the secret. */
export function appDataOf({ handle, files, appSecret }: Awaited<ReturnType<typeof openServerData>>) {
  return { db: handle.db, files, appSecret, poolStats: handle.poolStats };
}

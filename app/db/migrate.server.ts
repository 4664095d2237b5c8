import { Migrator, sql, type MigrationResult } from "kysely";
import type { Db } from "./client.server.ts";
import { migrations } from "./migrations/index.ts";

/** Thrown when migrations are pending but the database only reads (a replica, or read-only by default). */
export class ReadOnlyDatabaseError extends Error {}

/** The names of the migrations this code knows that the database has not applied, in order. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
  const applied = exists.rows[0]?.found
    ? new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name))
    : new Set<string>();
  return Object.keys(migrations)
    .sort()
    .filter((name) => !applied.has(name));
}

/**
 * Applies every pending migration in one go; throws with the failing migration's name on error.
 * Several instances may start at once: on PostgreSQL, Kysely's migrator holds an advisory lock while
 * it migrates, so the others wait and then find nothing to do. A start against a read-only database
 * (a streaming replica) with migrations pending fails with a clear message instead of a SQL error.
 */
export async function migrateToLatest(db: Db): Promise<MigrationResult[]> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return [];
  const readOnly = await sql<{
    read_only: boolean;
  }>`select pg_is_in_recovery() or current_setting('transaction_read_only') = 'on' as read_only`.execute(db);
  if (readOnly.rows[0]?.read_only) {
    throw new ReadOnlyDatabaseError(
      `The database is read-only (a replica, or default_transaction_read_only is on) and ${pending.length} migration(s) are pending (${pending.slice(0, 3).join(", ")}${pending.length > 3 ? ", …" : ""}). ` +
        "Start this version against the primary database first, so that it applies them; then start the instances that read from the replica.",
    );
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success");
}

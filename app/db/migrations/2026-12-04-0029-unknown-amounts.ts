import { sql, type Kysely } from "kysely";

/**
 * The 3W figures now keep amounts that are not given as null instead of 0 (decision 031): figures
 * cached by the earlier computation are dropped, so every filter is computed again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from project_figures_cache`.execute(db);
}

/** Nothing to undo: the cache refills itself. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from project_figures_cache`.execute(db);
}

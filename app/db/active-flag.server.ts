import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** The tables whose rows are deactivated and reactivated (with a version checked against concurrent edits). */
export type ActiveFlagTable = "app_user" | "organisation";

/** A row's `is_active` flag and its `version`. */
export interface ActiveFlag {
  is_active: boolean;
  version: number;
}

/**
 * A user's or an organisation's `is_active` and `version`, the row locked until the transaction
 * ends (`for update`), or undefined when there is no such row: what deactivating and reactivating
 * read first, to check the version the editor loaded.
 */
export async function lockActiveFlag(
  trx: Kysely<Database>,
  table: ActiveFlagTable,
  id: string | number,
): Promise<ActiveFlag | undefined> {
  const { rows } =
    await sql<ActiveFlag>`select is_active, version from ${sql.table(table)} where id = ${id} for update`.execute(trx);
  return rows[0];
}

/** Sets a user's or an organisation's `is_active`, counting one more version; returns the new version. */
export async function writeActiveFlag(
  trx: Kysely<Database>,
  table: ActiveFlagTable,
  id: string | number,
  isActive: boolean,
): Promise<number> {
  const { rows } = await sql<{ version: number }>`update ${sql.table(table)}
    set is_active = ${isActive}, version = version + 1, updated_at = ${new Date()}
    where id = ${id} returning version`.execute(trx);
  return rows[0]!.version;
}

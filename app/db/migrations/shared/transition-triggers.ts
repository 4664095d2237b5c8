import { sql, type Kysely } from "kysely";

/**
 * Counters kept by statement-level triggers (migrations 0019 and 0035): one trigger per kind of
 * statement on the counted table, each calling its own function, because the transition tables a
 * function may read differ by kind (an insert has `new_rows`, a delete `old_rows`, an update both,
 * a truncate none). The names follow one rule: trigger `<name>_<kind>`, function `<name>_after_<kind>()`.
 */
const KINDS = [
  ["insert", "referencing new table as new_rows"],
  ["update", "referencing old table as old_rows new table as new_rows"],
  ["delete", "referencing old table as old_rows"],
  ["truncate", ""],
] as const;

/**
 * Creates the triggers `<name>_insert`, `<name>_update`, `<name>_delete` and `<name>_truncate` on
 * `table`, for each statement, calling `<name>_after_insert()` and so on (created before this).
 */
export async function createTransitionTriggers(db: Kysely<unknown>, name: string, table: string): Promise<void> {
  for (const [kind, referencing] of KINDS) {
    await sql
      .raw(
        `create trigger ${name}_${kind} after ${kind} on ${table} ${referencing} for each statement execute function ${name}_after_${kind}()`,
      )
      .execute(db);
  }
}

/** Drops the triggers of `createTransitionTriggers` and their functions, those that exist. */
export async function dropTransitionTriggers(db: Kysely<unknown>, name: string, table: string): Promise<void> {
  for (const [kind] of KINDS) {
    await sql.raw(`drop trigger if exists ${name}_${kind} on ${table}`).execute(db);
    await sql.raw(`drop function if exists ${name}_after_${kind}()`).execute(db);
  }
}

import { sql, type Kysely, type Migration } from "kysely";

/**
 * The generation pattern of issue 18 (decisions 022, 044): a one-row table holding a number that
 * statement-level triggers bump in the writing transaction, so that a process can keep what it derived
 * from some tables with the generation it read before deriving it. The migrations that create one name
 * the table, its bump function and its triggers themselves; these helpers only write the SQL once.
 * Not a migration: the migration index lists migrations by name and never imports this file as one.
 */

/** A statement-level trigger that bumps a generation: its name and the table it is on. */
export type BumpTrigger = readonly [trigger: string, table: string];

/** One bump trigger on each of `tables`, named `<table>_<suffix>`. */
export function bumpTriggersOn(tables: readonly string[], suffix: string): BumpTrigger[] {
  return tables.map((table) => [`${table}_${suffix}`, table] as const);
}

/**
 * A migration that only adds a generation: `createGeneration` up, `dropGeneration` down (a migration
 * exports them as `export const { up, down } = generationMigration(…)`).
 */
export function generationMigration(
  generationTable: string,
  bumpFunction: string,
  triggers: readonly BumpTrigger[],
): Required<Migration> {
  return {
    up: (db) => createGeneration(db, generationTable, bumpFunction, triggers),
    down: (db) => dropGeneration(db, generationTable, bumpFunction, triggers),
  };
}

/**
 * Creates the one-row table `generationTable` (generation 1), the trigger function `bumpFunction` that
 * adds one to it, and the `triggers` that call it after every insert, update, delete or truncate.
 */
export async function createGeneration(
  db: Kysely<unknown>,
  generationTable: string,
  bumpFunction: string,
  triggers: readonly BumpTrigger[],
): Promise<void> {
  const table = sql.raw(generationTable);
  await sql`create table ${table} (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into ${table} (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function ${sql.raw(bumpFunction)}() returns trigger language plpgsql as $$
    begin
      update ${table} set generation = generation + 1;
      return null;
    end $$`.execute(db);
  await createBumpTriggers(db, bumpFunction, triggers);
}

/** Drops what `createGeneration` created (the triggers first), whichever of it still exists. */
export async function dropGeneration(
  db: Kysely<unknown>,
  generationTable: string,
  bumpFunction: string,
  triggers: readonly BumpTrigger[],
): Promise<void> {
  await dropBumpTriggers(db, triggers);
  await sql`drop function if exists ${sql.raw(bumpFunction)}()`.execute(db);
  await sql`drop table if exists ${sql.raw(generationTable)}`.execute(db);
}

/** Creates statement-level triggers that call `bumpFunction` after every insert, update, delete or truncate. */
export async function createBumpTriggers(
  db: Kysely<unknown>,
  bumpFunction: string,
  triggers: readonly BumpTrigger[],
): Promise<void> {
  for (const [trigger, table] of triggers) {
    await sql`create trigger ${sql.raw(trigger)} after insert or update or delete or truncate on ${sql.table(table)} for each statement execute function ${sql.raw(bumpFunction)}()`.execute(
      db,
    );
  }
}

/** Drops the `triggers` that exist. */
export async function dropBumpTriggers(db: Kysely<unknown>, triggers: readonly BumpTrigger[]): Promise<void> {
  for (const [trigger, table] of triggers) {
    await sql`drop trigger if exists ${sql.raw(trigger)} on ${sql.table(table)}`.execute(db);
  }
}

/**
 * Creates (or replaces) the trigger function `bumpFunction` that bumps `generationTable` only when
 * `condition` holds: for triggers with transition tables that bump only for some rows.
 */
export async function defineConditionalBump(
  db: Kysely<unknown>,
  bumpFunction: string,
  condition: string,
  generationTable: string,
): Promise<void> {
  await sql
    .raw(
      `create or replace function ${bumpFunction}() returns trigger language plpgsql as $$
      begin
        if ${condition} then
          update ${generationTable} set generation = generation + 1;
        end if;
        return null;
      end $$`,
    )
    .execute(db);
}

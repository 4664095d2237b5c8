import { sql, type Kysely } from "kysely";

/**
 * The reference data's generation (issue 18): one number, bumped in the writing transaction by
 * statement-level triggers on every reference table (municipalities and their census figures,
 * settlements, communities, sectors, organisation types). Today only migrations write them; a process
 * keeps what it derived from them (the API's municipality list) with the generation it read before
 * deriving it, and uses it while the stored generation is unchanged, so that a write through any
 * path, on any instance, is seen at the next request.
 */
const REFERENCE_TABLES = [
  "municipality",
  "municipality_population",
  "settlement",
  "community",
  "sector",
  "organisation_type",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table reference_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into reference_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function reference_generation_bump() returns trigger language plpgsql as $$
    begin
      update reference_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  for (const table of REFERENCE_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_reference_bump`)} after insert or update or delete or truncate on ${sql.table(table)} for each statement execute function reference_generation_bump()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of REFERENCE_TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_reference_bump`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists reference_generation_bump()`.execute(db);
  await sql`drop table if exists reference_generation`.execute(db);
}

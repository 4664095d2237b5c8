import { sql, type Kysely } from "kysely";

/**
 * The public strategy pages' generation (issue 18, decision 070): one number, bumped in the writing
 * transaction by statement-level triggers on every table those pages show that none of the other
 * generations follows — the strategies' documents, the library's documents and their links to
 * measures (a strategy's published reports), and the measure page's indicators, targets, reported
 * values, communities, supporting organisations and civil society's disputes with their evidence.
 * The strategy, plan and measure pages keep what they built with this generation and the strategy
 * figures', reference data's and organisations' generations read before building it, and use it
 * while all four are unchanged, so a write through any path, on any instance, is seen at the next
 * request. Indicator values and observations are written during a reporting season whatever their
 * review: each such write makes the measure pages be built once more, at what they cost before.
 */
const TABLES = [
  "strategy_document",
  "library_document",
  "library_document_measure",
  "indicator",
  "indicator_target",
  "indicator_value",
  "measure_community",
  "measure_supporting_organisation",
  "cso_observation",
  "evidence",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table strategy_pages_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into strategy_pages_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function strategy_pages_generation_bump() returns trigger language plpgsql as $$
    begin
      update strategy_pages_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.raw(`${table}_strategy_pages_bump`)} after insert or update or delete or truncate on ${sql.table(table)} for each statement execute function strategy_pages_generation_bump()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_strategy_pages_bump`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists strategy_pages_generation_bump()`.execute(db);
  await sql`drop table if exists strategy_pages_generation`.execute(db);
}

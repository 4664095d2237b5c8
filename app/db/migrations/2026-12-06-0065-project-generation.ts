import { sql, type Kysely } from "kysely";

/**
 * The projects' generation (issue 18, decision 079): one number, bumped in the writing transaction by
 * statement-level triggers on every table a project's public record is read from — the project and its
 * sectors, communities, measures, municipalities, organisations, finance, contacts, documents and IATI
 * sectors — through any path (the projects commands, the IATI import, the demo seed, a benchmark's
 * generator, a cascade from a deleted measure or organisation, `psql`). The API's list of projects keeps each
 * answer with this generation and the organisations' (migration 0052), read before it is made, so a write
 * on any instance is seen at the next request. `project_figures_generation` (migration 0020) stays what the
 * 3W figures depend on: contacts, documents and IATI sectors do not change them.
 */
const TABLES = [
  "project",
  "project_sector",
  "project_community",
  "project_measure",
  "project_municipality",
  "project_organisation",
  "project_finance",
  "project_contact",
  "project_document",
  "project_iati_sector",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table project_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into project_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function project_generation_bump() returns trigger language plpgsql as $$
    begin
      update project_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  for (const table of TABLES)
    await sql`create trigger ${sql.raw(`${table}_generation_bump`)} after insert or update or delete or truncate on ${sql.table(table)} for each statement execute function project_generation_bump()`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`drop trigger if exists ${sql.raw(`${table}_generation_bump`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists project_generation_bump()`.execute(db);
  await sql`drop table if exists project_generation`.execute(db);
}

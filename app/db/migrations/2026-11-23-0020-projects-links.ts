import { sql, type Kysely } from "kysely";
import { createProjectOrganisationRef } from "./2026-11-23-0017-projects-extra.ts";
import { createGeneration, dropGeneration } from "./shared/generation-table.ts";

/** The project tables the 3W figures are computed from: a write to any of them bumps their generation. */
const FIGURES_TABLES = [
  "project",
  "project_organisation",
  "project_sector",
  "project_community",
  "project_municipality",
  "project_finance",
  "project_measure",
];

/**
 * Donor projects, third part (issue 6, decision 022):
 * - the 3W figures' cache is invalidated by a generation number that statement-level triggers on
 *   the project tables bump in the writing transaction (instead of a fingerprint scanned from the
 *   project table on every request);
 * - an organisation's IATI organisation identifier is a column of the organisation (edited on the
 *   organisation's form), replacing the projects module's `project_organisation_ref`;
 * - library documents linked to projects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createGeneration(db, "project_figures_generation", "project_figures_bump", []);
  for (const table of FIGURES_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_figures_bump`)} after insert or update or delete on ${sql.table(table)} for each statement execute function project_figures_bump()`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_figures_bump_truncate`)} after truncate on ${sql.table(table)} for each statement execute function project_figures_bump()`.execute(
      db,
    );
  }
  await sql`delete from project_figures_cache`.execute(db);
  await sql`alter table project_figures_cache drop column fingerprint`.execute(db);
  await sql`alter table project_figures_cache add column generation bigint not null`.execute(db);

  await sql`alter table organisation add column iati_identifier text`.execute(db);
  await sql`
    update organisation o set iati_identifier = r.ref
    from (select organisation_id, min(ref) as ref from project_organisation_ref group by organisation_id) r
    where r.organisation_id = o.id`.execute(db);
  await sql`create unique index organisation_iati_identifier_key on organisation (upper(iati_identifier))`.execute(db);
  await sql`drop table project_organisation_ref`.execute(db);

  await sql`
    create table project_library_document (
      project_id integer not null references project(id) on delete cascade,
      document_id integer not null references library_document(id) on delete cascade,
      linked_at timestamptz not null default now(),
      primary key (project_id, document_id)
    )`.execute(db);
  await sql`create index project_library_document_document_idx on project_library_document (document_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table project_library_document`.execute(db);
  await createProjectOrganisationRef(db);
  await sql`insert into project_organisation_ref (ref, organisation_id) select iati_identifier, id from organisation where iati_identifier is not null`.execute(
    db,
  );
  await sql`drop index organisation_iati_identifier_key`.execute(db);
  await sql`alter table organisation drop column iati_identifier`.execute(db);
  await sql`delete from project_figures_cache`.execute(db);
  await sql`alter table project_figures_cache drop column generation`.execute(db);
  await sql`alter table project_figures_cache add column fingerprint text not null`.execute(db);
  for (const table of FIGURES_TABLES) {
    await sql`drop trigger ${sql.raw(`${table}_figures_bump`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger ${sql.raw(`${table}_figures_bump_truncate`)} on ${sql.table(table)}`.execute(db);
  }
  await dropGeneration(db, "project_figures_generation", "project_figures_bump", []);
}

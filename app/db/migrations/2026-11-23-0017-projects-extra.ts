import { sql, type Kysely } from "kysely";

/**
 * Donor projects, second part (issue 6): the IATI "accountable" role, the IATI organisation
 * identifiers known for the platform's organisations, pending IATI imports (the file between
 * preview and confirmation), and indexes for the 3W view and the overlap queue at scale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_organisation drop constraint project_organisation_role_check`.execute(db);
  await sql`alter table project_organisation add constraint project_organisation_role_check check (role in ('funding', 'accountable', 'extending', 'implementing', 'partner'))`.execute(
    db,
  );

  await createProjectOrganisationRef(db);
  // The published IATI organisation identifier of the directory organisations that have one.
  await sql`insert into project_organisation_ref (ref, organisation_id) select 'XM-DAC-47066', id from organisation where slug = 'international-organization-for-migration'`.execute(
    db,
  );

  await sql`
    create table project_import (
      id uuid primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      file_name text not null,
      xml text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index project_import_created_idx on project_import (created_at)`.execute(db);

  // The 3W figures per filter, with the fingerprint of the project table they were computed from.
  await sql`
    create table project_figures_cache (
      filter_key text primary key,
      fingerprint text not null,
      figures jsonb not null,
      computed_at timestamptz not null
    )`.execute(db);
  // The public pages order validated projects by their start.
  await sql`create index project_public_order_idx on project ((coalesce(actual_start, planned_start)) desc, id desc) where validation_status = 'validated'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index project_public_order_idx`.execute(db);
  await sql`drop table project_figures_cache`.execute(db);
  await sql`drop table project_import`.execute(db);
  await sql`drop table project_organisation_ref`.execute(db);
  await sql`delete from project_organisation where role = 'accountable'`.execute(db);
  await sql`alter table project_organisation drop constraint project_organisation_role_check`.execute(db);
  await sql`alter table project_organisation add constraint project_organisation_role_check check (role in ('funding', 'extending', 'implementing', 'partner'))`.execute(
    db,
  );
}

/**
 * The organisations' IATI identifiers: 0020 replaced them by a column of the organisation, and its
 * `down` restores them with this.
 */
export async function createProjectOrganisationRef(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table project_organisation_ref (
      ref text primary key check (length(ref) between 2 and 150),
      organisation_id integer not null references organisation(id) on delete cascade
    )`.execute(db);
  await sql`create index project_organisation_ref_org_idx on project_organisation_ref (organisation_id)`.execute(db);
}

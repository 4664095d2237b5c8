import { sql, type Kysely, type RawBuilder } from "kysely";

/**
 * Donor projects (issue 6): the registry (organisations with roles, sectors, communities,
 * municipalities with an optional budget share, money by year, linked strategy measures, contacts,
 * documents), the results framework (outcomes → outputs → indicators → values per period, draft →
 * submitted → approved, with the Office's comments) and the overlap review queue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table project (
      id integer generated always as identity primary key,
      iati_identifier text unique,
      title jsonb not null,
      description jsonb not null default '{}'::jsonb,
      original_locale text not null default 'en',
      owner_organisation_id integer not null references organisation(id),
      activity_status text not null check (activity_status in ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')),
      validation_status text not null default 'draft' check (validation_status in ('draft', 'submitted', 'validated')),
      planned_start date not null,
      planned_end date not null,
      actual_start date,
      actual_end date,
      budget numeric(16, 2) check (budget >= 0),
      currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
      match_text text not null default '',
      submitted_at timestamptz,
      validated_at timestamptz,
      validated_by uuid references app_user(id),
      is_demo boolean not null default false,
      version integer not null default 1,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint project_planned_dates check (planned_end >= planned_start),
      constraint project_actual_dates check (actual_end is null or actual_start is null or actual_end >= actual_start)
    )`.execute(db);
  await sql`create index project_owner_idx on project (owner_organisation_id)`.execute(db);
  await sql`create index project_validation_idx on project (validation_status, activity_status)`.execute(db);
  await sql`create index project_match_text_trgm_idx on project using gin (match_text gin_trgm_ops)`.execute(db);

  await sql`
    create table project_organisation (
      project_id integer not null references project(id) on delete cascade,
      organisation_id integer not null references organisation(id),
      role text not null check (role in ('funding', 'extending', 'implementing', 'partner')),
      primary key (project_id, organisation_id, role)
    )`.execute(db);
  await sql`create index project_organisation_org_idx on project_organisation (organisation_id, role)`.execute(db);

  await createProjectCodeLinks(db, "project_sector", "sector_code", "sector");
  await createProjectCodeLinks(db, "project_community", "community_code", "community");

  await sql`
    create table project_municipality (
      project_id integer not null references project(id) on delete cascade,
      kas_code text not null references municipality(kas_code),
      budget_share numeric(5, 2) check (budget_share > 0 and budget_share <= 100),
      primary key (project_id, kas_code)
    )`.execute(db);
  await sql`create index project_municipality_code_idx on project_municipality (kas_code, project_id)`.execute(db);

  await sql`
    create table project_finance (
      project_id integer not null references project(id) on delete cascade,
      year integer not null check (year between 1990 and 2100),
      kind text not null check (kind in ('commitment', 'disbursement')),
      amount numeric(16, 2) not null check (amount >= 0),
      primary key (project_id, year, kind)
    )`.execute(db);

  await sql`
    create table project_measure (
      project_id integer not null references project(id) on delete cascade,
      measure_id integer not null references measure(id) on delete cascade,
      primary key (project_id, measure_id)
    )`.execute(db);
  await sql`create index project_measure_measure_idx on project_measure (measure_id)`.execute(db);

  await createProjectItems(
    db,
    "project_contact",
    sql`name text not null,
      organisation_name text,
      email text,
      phone text,
      sort_order integer not null default 0`,
  );

  await createProjectItems(
    db,
    "project_document",
    sql`kind text not null check (kind in ('document', 'photo')),
      title text not null,
      url text not null check (url ~ '^https?://'),
      sort_order integer not null default 0`,
  );

  await createProjectItems(
    db,
    "project_result",
    sql`kind text not null check (kind in ('outcome', 'output')),
      parent_id integer references project_result(id) on delete cascade,
      title jsonb not null,
      description jsonb not null default '{}'::jsonb,
      sort_order integer not null default 0,
      constraint project_result_parent check ((kind = 'outcome' and parent_id is null) or kind = 'output')`,
  );

  await sql`
    create table project_indicator (
      id integer generated always as identity primary key,
      result_id integer not null references project_result(id) on delete cascade,
      name jsonb not null,
      unit text not null check (unit in ('count', 'percent', 'amount', 'number')),
      baseline_value numeric(16, 4),
      baseline_year integer,
      disaggregations text[] not null default '{}'::text[],
      sort_order integer not null default 0
    )`.execute(db);
  await sql`create index project_indicator_result_idx on project_indicator (result_id)`.execute(db);

  await sql`
    create table project_indicator_period (
      id integer generated always as identity primary key,
      indicator_id integer not null references project_indicator(id) on delete cascade,
      period_start date not null,
      period_end date not null,
      target numeric(16, 4),
      actual numeric(16, 4),
      narrative jsonb not null default '{}'::jsonb,
      disaggregation jsonb not null default '[]'::jsonb,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved')),
      submitted_at timestamptz,
      approved_at timestamptz,
      approved_by uuid references app_user(id),
      version integer not null default 1,
      constraint project_period_dates check (period_end >= period_start),
      unique (indicator_id, period_start)
    )`.execute(db);

  await createProjectItems(
    db,
    "project_comment",
    sql`period_id integer references project_indicator_period(id) on delete cascade,
      author_user_id uuid references app_user(id),
      author_label text not null,
      body text not null,
      created_at timestamptz not null default now()`,
  );

  await sql`
    create table project_overlap (
      project_a_id integer not null references project(id) on delete cascade,
      project_b_id integer not null references project(id) on delete cascade,
      score real not null,
      shared_municipalities text[] not null,
      shared_sectors text[] not null,
      shared_communities text[] not null,
      computed_at timestamptz not null default now(),
      decision text check (decision in ('duplicate', 'complementary', 'unrelated')),
      decided_by uuid references app_user(id),
      decided_by_label text,
      decided_at timestamptz,
      note text,
      primary key (project_a_id, project_b_id),
      constraint project_overlap_order check (project_a_id < project_b_id)
    )`.execute(db);
  await sql`create index project_overlap_b_idx on project_overlap (project_b_id)`.execute(db);
}

/**
 * A project's list whose rows have their own key (contacts, documents, results, comments): `id`, then
 * `project_id` (the rows go with their project), then `columns`; and the index of the rows by project.
 */
async function createProjectItems(db: Kysely<unknown>, table: string, columns: RawBuilder<unknown>): Promise<void> {
  await sql`
    create table ${sql.raw(table)} (
      id integer generated always as identity primary key,
      project_id integer not null references project(id) on delete cascade,
      ${columns}
    )`.execute(db);
  await sql`create index ${sql.raw(`${table}_project_idx`)} on ${sql.raw(table)} (project_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "project_overlap",
    "project_comment",
    "project_indicator_period",
    "project_indicator",
    "project_result",
    "project_document",
    "project_contact",
    "project_measure",
    "project_finance",
    "project_municipality",
    "project_community",
    "project_sector",
    "project_organisation",
    "project",
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}

/**
 * The table `table` linking projects to the codes of a reference table (`sector`, `community`): one
 * row per project and code, and an index from a code to its projects (the 3W filters).
 */
async function createProjectCodeLinks(
  db: Kysely<unknown>,
  table: string,
  codeColumn: string,
  referenced: string,
): Promise<void> {
  await sql`
    create table ${sql.raw(table)} (
      project_id integer not null references project(id) on delete cascade,
      ${sql.raw(codeColumn)} text not null references ${sql.raw(referenced)}(code),
      primary key (project_id, ${sql.raw(codeColumn)})
    )`.execute(db);
  await sql`create index ${sql.raw(`${table}_code_idx`)} on ${sql.raw(table)} (${sql.raw(codeColumn)}, project_id)`.execute(
    db,
  );
}

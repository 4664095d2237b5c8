import { sql, type Kysely } from "kysely";

/**
 * Real-world IATI (issue 14, decision 027):
 * - the sector "other", where an activity whose DAC code has no platform sector goes (with a
 *   warning at import), instead of the file being refused;
 * - the IATI OrganisationType of an organisation as a publisher gave it (`iati_type_code`), so the
 *   export writes it back unchanged instead of deriving it from the platform's type;
 * - the sector codes of a project as the file gave them (vocabulary, code, percentage), kept
 *   beside the platform sectors they were mapped to, and written back by the export;
 * - every disaggregated value of an indicator with all its dimensions as given (`dimension_values`
 *   on the period, `baseline_dimensions` on the indicator): dimensions the platform knows are also
 *   mapped onto its disaggregations, the others are kept and shown, none is dropped;
 * - a pending import remembers the importer's decisions on unmatched organisations and, for a large
 *   file, the background job that runs it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into sector (code, name, sort_order)
    select 'other', '{"sq": "Tjetër", "sr": "Ostalo", "en": "Other"}'::jsonb, coalesce(max(sort_order), 0) + 1 from sector
    on conflict (code) do nothing`.execute(db);

  await sql`alter table organisation add column iati_type_code text check (iati_type_code ~ '^[0-9]{2}$')`.execute(db);

  await sql`
    create table project_iati_sector (
      project_id integer not null references project(id) on delete cascade,
      vocabulary text not null,
      code text not null,
      percentage numeric,
      sort_order integer not null default 0,
      primary key (project_id, vocabulary, code)
    )`.execute(db);

  await sql`alter table project_indicator add column baseline_dimensions jsonb not null default '[]'::jsonb`.execute(
    db,
  );
  await sql`alter table project_indicator_period add column dimension_values jsonb not null default '[]'::jsonb`.execute(
    db,
  );

  await sql`alter table project_import add column decisions jsonb not null default '{}'::jsonb`.execute(db);
  await sql`alter table project_import add column job_id integer`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_import drop column job_id`.execute(db);
  await sql`alter table project_import drop column decisions`.execute(db);
  await sql`alter table project_indicator_period drop column dimension_values`.execute(db);
  await sql`alter table project_indicator drop column baseline_dimensions`.execute(db);
  await sql`drop table project_iati_sector`.execute(db);
  await sql`alter table organisation drop column iati_type_code`.execute(db);
  await sql`delete from sector where code = 'other' and not exists (select 1 from project_sector where sector_code = 'other')`.execute(
    db,
  );
}

import { sql, type Kysely } from "kysely";

/**
 * A measure carries its own sector (issue 17, decision 045), so an objective can span sectors:
 * its measures sit in the sectors they belong to, and every count and sum by sector is a count of
 * measures (each once). Existing measures take their objective's sector (the backfill).
 * - `measure.plan_sector_id`, a sector of the measure's own plan (a composite foreign key on
 *   (plan_sector_id, action_plan_id) makes a sector of another plan impossible); removing the
 *   sector removes its measures, as it removes its objectives;
 * - a measure written without a sector takes its objective's (a trigger: every insert path —
 *   editor, import, seeds, tests — gets the same default);
 * - when an objective moves to another sector, the measures that were in its old sector move with
 *   it (a trigger), and those with a sector of their own stay where they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan_sector add constraint plan_sector_id_plan_unique unique (id, action_plan_id)`.execute(db);
  await sql`alter table measure add column plan_sector_id integer`.execute(db);
  await sql`update measure m set plan_sector_id = o.plan_sector_id from objective o where o.id = m.objective_id`.execute(
    db,
  );
  await sql`alter table measure alter column plan_sector_id set not null`.execute(db);
  await sql`
    alter table measure add constraint measure_plan_sector_fk
    foreign key (plan_sector_id, action_plan_id) references plan_sector (id, action_plan_id) on delete cascade`.execute(
    db,
  );
  await sql`create index measure_plan_sector_idx on measure (plan_sector_id)`.execute(db);

  await sql`
    create function measure_default_sector() returns trigger language plpgsql as $$
    begin
      if new.plan_sector_id is null then
        select o.plan_sector_id into new.plan_sector_id from objective o where o.id = new.objective_id;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger measure_default_sector before insert or update on measure for each row execute function measure_default_sector()`.execute(
    db,
  );

  await sql`
    create function objective_sector_moves_measures() returns trigger language plpgsql as $$
    begin
      update measure set plan_sector_id = new.plan_sector_id
      where objective_id = new.id and plan_sector_id = old.plan_sector_id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger objective_sector_moves_measures after update of plan_sector_id on objective
    for each row when (old.plan_sector_id is distinct from new.plan_sector_id) execute function objective_sector_moves_measures()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger objective_sector_moves_measures on objective`.execute(db);
  await sql`drop function objective_sector_moves_measures()`.execute(db);
  await sql`drop trigger measure_default_sector on measure`.execute(db);
  await sql`drop function measure_default_sector()`.execute(db);
  await sql`alter table measure drop column plan_sector_id`.execute(db);
  await sql`alter table plan_sector drop constraint plan_sector_id_plan_unique`.execute(db);
}

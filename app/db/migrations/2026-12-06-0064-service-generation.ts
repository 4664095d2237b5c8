import { sql, type Kysely } from "kysely";

/**
 * The services' generation (issue 18, decision 078): one number, bumped in the writing transaction by
 * a statement-level trigger on every write to `service` (the services commands, the demo seed, a
 * benchmark's generator, `psql`). The API's list of services keeps each answer with the generations
 * of what it shows — the services, their organisations (`organisation_generation`, migration 0052) and
 * the reference data of their municipality and sector (`reference_generation`, migration 0049) — read
 * before it is made, so a write through any path, on any instance, is seen at the next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table service_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into service_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function service_generation_bump() returns trigger language plpgsql as $$
    begin
      update service_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  await sql`create trigger service_generation_bump after insert or update or delete or truncate on service for each statement execute function service_generation_bump()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists service_generation_bump on service`.execute(db);
  await sql`drop function if exists service_generation_bump()`.execute(db);
  await sql`drop table if exists service_generation`.execute(db);
}

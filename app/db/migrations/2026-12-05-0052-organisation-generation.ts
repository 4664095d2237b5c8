import { sql, type Kysely } from "kysely";

/**
 * The organisations' generation (issue 18, decision 064): one number, bumped in the writing
 * transaction by a statement-level trigger on every write to `organisation` (a rename, a new
 * organisation, a deactivation; the organisations module and the IATI import write them, rarely).
 * The 3W page keeps everything it shows per generation of what it is derived from, and it shows
 * organisations' names (the donors to filter by, the funders and implementers in the table), which
 * the project figures' generation deliberately does not follow (a rename does not recompute the
 * figures, decision 022). A process keeps what it built with the generation it read before building
 * it, so a write through any path is seen by every instance at its next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table organisation_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into organisation_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function organisation_generation_bump() returns trigger language plpgsql as $$
    begin
      update organisation_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  await sql`create trigger organisation_generation_bump after insert or update or delete or truncate on organisation for each statement execute function organisation_generation_bump()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists organisation_generation_bump on organisation`.execute(db);
  await sql`drop function if exists organisation_generation_bump()`.execute(db);
  await sql`drop table if exists organisation_generation`.execute(db);
}

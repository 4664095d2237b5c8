import { sql, type Kysely } from "kysely";

/**
 * The news items' generation (issue 18, decision 076): one number, bumped in the writing transaction
 * by a statement-level trigger on every write to `news_item` (the editors' commands, the demo content,
 * imports, `psql`). The news list keeps its total per filter with the generation its page statement
 * read, so a write through any path, on any instance, is seen at the next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table news_generation (id boolean primary key default true check (id), generation bigint not null)`.execute(
    db,
  );
  await sql`insert into news_generation (id, generation) values (true, 1)`.execute(db);
  await sql`
    create function news_generation_bump() returns trigger language plpgsql as $$
    begin
      update news_generation set generation = generation + 1;
      return null;
    end $$`.execute(db);
  await sql`create trigger news_generation_bump after insert or update or delete or truncate on news_item for each statement execute function news_generation_bump()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists news_generation_bump on news_item`.execute(db);
  await sql`drop function if exists news_generation_bump()`.execute(db);
  await sql`drop table if exists news_generation`.execute(db);
}

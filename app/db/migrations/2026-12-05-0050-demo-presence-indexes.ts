import { sql, type Kysely } from "kysely";

/**
 * Every page's layout asks whether demonstration content is present (the demo banner,
 * `hasDemoContent`): `exists (… where is_demo)` over five tables. Where there is none — a production
 * database — each `exists` read its whole table (200,000 cases at "Kosovo ×10") on every request.
 * A partial index per table holds only the demonstration rows, so the answer is one index probe
 * whatever the size of the table (issue 18).
 */
const TABLES = ["strategy", "project", "need_case", "event", "library_document"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`create index ${sql.raw(`${table}_demo_idx`)} on ${sql.table(table)} (id) where is_demo`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql`drop index if exists ${sql.raw(`${table}_demo_idx`)}`.execute(db);
}

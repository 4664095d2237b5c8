import type { Kysely } from "kysely";

/**
 * Strategies, public side: indicators carry their own demo mark (`is_demo`), like measures, so an
 * invented indicator is recognisable wherever it is shown or exported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("indicator")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("indicator").dropColumn("is_demo").execute();
}

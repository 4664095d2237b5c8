import type { Kysely } from "kysely";

/**
 * Two-factor replay protection: the last accepted TOTP time step of each user, so a code that
 * was used once (within its 30-second step, or the neighbouring ones) is refused the second time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").addColumn("totp_last_step", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").dropColumn("totp_last_step").execute();
}

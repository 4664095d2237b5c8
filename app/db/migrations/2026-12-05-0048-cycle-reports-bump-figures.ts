import type { Kysely } from "kysely";
import { defineConditionalBump } from "./shared/generation-table.ts";

/**
 * Which measures a reporting cycle holds is now part of the strategy figures' generation (issue 18,
 * decision 060): the reporting board keeps a cycle's progress per generation, and its measures are
 * the cycle's measure reports, whatever their review. Migration 0037 bumped the generation for a
 * measure report only when a written row was (or became) an approved one; now also for every
 * inserted or deleted report, and for an update that moves a report to another measure or cycle.
 * The application inserts measure reports only when it opens a cycle (which already bumps it through
 * `reporting_cycle`) and deletes them only with their cycle or measure, so the public pages' figures
 * are not computed again more often; a direct write in SQL is now seen too. Only the three trigger
 * functions change; the triggers of migration 0037 stay.
 */
const APPROVED = (t: string) => `exists (select 1 from ${t} where review_state = 'approved')`;

async function define(db: Kysely<unknown>, event: "insert" | "update" | "delete", condition: string) {
  await defineConditionalBump(db, `measure_report_figures_bump_${event}`, condition, "strategy_figures_generation");
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await define(db, "insert", "exists (select 1 from new_rows)");
  await define(db, "delete", "exists (select 1 from old_rows)");
  await define(
    db,
    "update",
    `${APPROVED("old_rows")} or ${APPROVED("new_rows")} or exists (select 1 from new_rows n join old_rows o on o.id = n.id where n.measure_id <> o.measure_id or n.cycle_id <> o.cycle_id)`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await define(db, "insert", APPROVED("new_rows"));
  await define(db, "delete", APPROVED("old_rows"));
  await define(db, "update", `${APPROVED("old_rows")} or ${APPROVED("new_rows")}`);
}

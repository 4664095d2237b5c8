import { sql, type Kysely } from "kysely";
import { bumpTriggersOn, createGeneration, defineConditionalBump, dropGeneration } from "./shared/generation-table.ts";

/**
 * The strategy figures' generation (issue 18, decision 044): one number, bumped in the writing
 * transaction by statement-level triggers on every table the public strategy figures are computed
 * from (the plans' structure, objectives, planned budgets, sector names, approved reports, their
 * cycles and spending). A process keeps the figures it computed with the generation it read
 * before computing them, and uses them while the stored generation is unchanged: a write on any
 * instance is seen by every instance at its next request.
 *
 * Measure reports and their spending bump it only when a written row is (or was) of an approved
 * report: drafts and submissions, the frequent writes of a reporting season, never count in a
 * public figure.
 */
const ALWAYS = [
  "strategy",
  "action_plan",
  "plan_sector",
  "objective",
  "measure",
  "measure_budget",
  "reporting_cycle",
  "sector",
] as const;
/** For each table bumped only for approved reports: its rows (in a transition table `t`) that concern an approved report. */
const APPROVED_ROWS = {
  measure_report: (t: string) => `select 1 from ${t} where review_state = 'approved'`,
  measure_spending: (t: string) =>
    `select 1 from ${t} x join measure_report r on r.id = x.measure_report_id where r.review_state = 'approved'`,
} as const;
const REPORT_EVENTS = [
  ["insert", ["new_rows"]],
  ["update", ["old_rows", "new_rows"]],
  ["delete", ["old_rows"]],
] as const;

const ALWAYS_TRIGGERS = bumpTriggersOn(ALWAYS, "strategy_figures_bump");

export async function up(db: Kysely<unknown>): Promise<void> {
  await createGeneration(db, "strategy_figures_generation", "strategy_figures_bump", ALWAYS_TRIGGERS);
  // Measure reports and spending: only when a row of an approved report is written, added or removed (transition tables).
  for (const [table, approvedRows] of Object.entries(APPROVED_ROWS)) {
    for (const [event, tables] of REPORT_EVENTS) {
      const name = `${table}_figures_bump_${event}`;
      const approved = tables.map((t) => `exists (${approvedRows(t)})`).join(" or ");
      await defineConditionalBump(db, name, approved, "strategy_figures_generation");
      const referencing = tables
        .map((t) => (t === "old_rows" ? "old table as old_rows" : "new table as new_rows"))
        .join(" ");
      await sql
        .raw(
          `create trigger ${name} after ${event} on ${table} referencing ${referencing} for each statement execute function ${name}()`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `create trigger ${table}_figures_bump_truncate after truncate on ${table} for each statement execute function strategy_figures_bump()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(APPROVED_ROWS)) {
    await sql.raw(`drop trigger ${table}_figures_bump_truncate on ${table}`).execute(db);
    for (const [event] of REPORT_EVENTS) {
      await sql.raw(`drop trigger ${table}_figures_bump_${event} on ${table}`).execute(db);
      await sql.raw(`drop function ${table}_figures_bump_${event}()`).execute(db);
    }
  }
  await dropGeneration(db, "strategy_figures_generation", "strategy_figures_bump", ALWAYS_TRIGGERS);
}

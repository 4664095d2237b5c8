import { sql, type Kysely } from "kysely";
import { createIdentityTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { oneOfStates } from "./shared/record-columns.ts";

/**
 * Reporting cycles: a cycle of a plan and period → one task per responsible institution → one
 * measure report per measure (status, narratives, indicator values with disaggregation, spending
 * by source, evidence), every submitted or reviewed version kept as a snapshot; civil-society
 * observations on measures; compiled annual reports (Word and Excel) of a cycle.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdentityTable(db, "reporting_cycle")
    .addColumn("action_plan_id", "integer", (c) => c.notNull().references("action_plan.id"))
    .addColumn("period_kind", "text", (c) => c.notNull().check(sql`period_kind in ('annual', 'half_year', 'other')`))
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    /** The last day on which tasks are on time (inclusive, Kosovo time). */
    .addColumn("deadline", "date", (c) => c.notNull())
    .addColumn("status", "text", oneOfStates("status", ["open", "closed"]))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("closed_at", "timestamptz")
    .addCheckConstraint("reporting_cycle_period", sql`period_end >= period_start`)
    .addCheckConstraint("reporting_cycle_label", sql`length(label) between 1 and 200`)
    .execute();
  await createIndexes(db, "reporting_cycle", { reporting_cycle_plan_idx: ["action_plan_id"] });

  await createIdentityTable(db, "reporting_task")
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("reporting_cycle.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    /** The municipality whose local plan the task reports on; null for national measures. */
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("status", "text", oneOfStates("status", ["draft", "submitted", "returned", "approved"]))
    .addColumn("first_submitted_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("approved_at", "timestamptz")
    .addColumn("reminded_before_at", "timestamptz")
    .addColumn("reminded_overdue_at", "timestamptz")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index reporting_task_unique on reporting_task (cycle_id, organisation_id, coalesce(kas_code, ''))`.execute(
    db,
  );
  await createIndexes(db, "reporting_task", {
    reporting_task_org_idx: ["organisation_id"],
    reporting_task_kas_idx: ["kas_code"],
  });

  await createIdentityTable(db, "measure_report")
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("reporting_cycle.id").onDelete("cascade"))
    .addColumn("task_id", "integer", (c) => c.notNull().references("reporting_task.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn(
      "status",
      "text",
      oneOfStates("status", ["not_started", "in_progress", "completed", "delayed", "cancelled"]),
    )
    .addColumn("achievements", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("achievements_locale", "text")
    .addColumn("challenges", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("challenges_locale", "text")
    .addColumn("recommendations", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("review_state", "text", oneOfStates("review_state", ["draft", "submitted", "returned", "approved"]))
    .addColumn("reviewer_comment", "text")
    .addColumn("reviewed_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("updated_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("measure_report_unique", ["cycle_id", "measure_id"])
    .execute();
  await createIndexes(db, "measure_report", {
    measure_report_task_idx: ["task_id"],
    measure_report_measure_idx: ["measure_id", "review_state"],
  });

  await createIdentityTable(db, "indicator_value")
    .addColumn("measure_report_id", "integer", (c) => c.notNull().references("measure_report.id").onDelete("cascade"))
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    /** Both null: the total. One of them set: a disaggregation row. */
    .addColumn("community_code", "text", (c) => c.references("community.code"))
    .addColumn("gender", "text", (c) => c.check(sql`gender in ('female', 'male')`))
    .addColumn("value", sql`numeric(16, 4)`, (c) => c.notNull())
    .addCheckConstraint("indicator_value_one_dimension", sql`community_code is null or gender is null`)
    .execute();
  await sql`create unique index indicator_value_unique on indicator_value (measure_report_id, indicator_id, coalesce(community_code, ''), coalesce(gender, ''))`.execute(
    db,
  );

  await db.schema
    .createTable("measure_spending")
    .addColumn("measure_report_id", "integer", (c) => c.notNull().references("measure_report.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('government', 'municipality', 'donor')`))
    .addColumn("amount", sql`numeric(14, 2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addPrimaryKeyConstraint("measure_spending_pk", ["measure_report_id", "source"])
    .execute();

  await createIdentityTable(db, "cso_observation")
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("reporting_cycle.id").onDelete("cascade"))
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("author_user_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('confirm', 'dispute', 'comment')`))
    /** The indicator whose figure is confirmed or disputed, if the observation is about one. */
    .addColumn("indicator_id", "integer", (c) => c.references("indicator.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_locale", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("cso_observation_body", sql`length(body) between 1 and 10000`)
    .execute();
  await createIndexes(db, "cso_observation", {
    cso_observation_cycle_idx: ["cycle_id", "measure_id"],
    cso_observation_measure_idx: ["measure_id", "kind"],
  });

  await createIdentityTable(db, "evidence")
    .addColumn("measure_report_id", "integer", (c) => c.references("measure_report.id").onDelete("cascade"))
    .addColumn("observation_id", "integer", (c) => c.references("cso_observation.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.references("stored_file.id"))
    /** A link: a document of the public library or another public address. */
    .addColumn("url", "text")
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("evidence_target", sql`(file_id is not null) <> (url is not null)`)
    .addCheckConstraint("evidence_owner", sql`(measure_report_id is not null) <> (observation_id is not null)`)
    .execute();
  await createIndexes(db, "evidence", {
    evidence_report_idx: ["measure_report_id"],
    evidence_observation_idx: ["observation_id"],
  });

  await createIdentityTable(db, "measure_report_version")
    .addColumn("measure_report_id", "integer", (c) => c.notNull().references("measure_report.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull().check(sql`event in ('submitted', 'returned', 'approved')`))
    /** The whole report as it stood (fields, values, spending, evidence). */
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("actor_user_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await createIndexes(db, "measure_report_version", { measure_report_version_report_idx: ["measure_report_id"] });

  await createIdentityTable(db, "reporting_report")
    .addColumn("cycle_id", "integer", (c) => c.notNull().references("reporting_cycle.id").onDelete("cascade"))
    .addColumn("locale", "text", (c) => c.notNull().check(sql`locale in ('sq', 'sr', 'en')`))
    .addColumn("coordination", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("job_id", "integer", (c) => c.references("job.id"))
    .addColumn("docx_file_id", "text", (c) => c.references("stored_file.id"))
    .addColumn("xlsx_file_id", "text", (c) => c.references("stored_file.id"))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("compiled_at", "timestamptz")
    .addColumn("published_at", "timestamptz")
    .execute();
  await createIndexes(db, "reporting_report", { reporting_report_cycle_idx: ["cycle_id"] });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "reporting_report",
    "measure_report_version",
    "evidence",
    "cso_observation",
    "measure_spending",
    "indicator_value",
    "measure_report",
    "reporting_task",
    "reporting_cycle",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

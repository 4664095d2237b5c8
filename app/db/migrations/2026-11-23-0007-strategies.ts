import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { createCodeLinkTable } from "./shared/code-link-table.ts";
import { createIdentityTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { addAdoptionColumns, addEditedRecordColumns } from "./shared/record-columns.ts";

/**
 * Adds the columns an objective or a measure begins with: the action plan and the `parent` it belongs to
 * (`<parent>_id`; both delete it with them), then its `code`, `title` and `description`.
 */
function addPlanItemColumns<TB extends string, C extends string, P extends "plan_sector" | "objective">(
  table: CreateTableBuilder<TB, C>,
  parent: P,
) {
  return table
    .addColumn("action_plan_id", "integer", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn(`${parent}_id`, "integer", (c) => c.notNull().references(`${parent}.id`).onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("description", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`));
}

/**
 * Strategies and action plans: strategy → action plans (one national, local ones per
 * municipality) → sectors of a plan → objectives → measures (budget by year and source, target
 * communities, supporting institutions, the national measure a local one implements) → indicators
 * (targets per year). Adopted plans keep every revision as a readable snapshot.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdentityTable(db, "strategy")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("summary", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("original_locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("period_start_year", "integer", (c) => c.notNull())
    .addColumn("period_end_year", "integer", (c) => c.notNull())
    .addColumn("owner_organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .$call(addAdoptionColumns)
    .$call(addEditedRecordColumns)
    .addCheckConstraint(
      "strategy_period",
      sql`period_start_year between 1990 and 2100 and period_end_year >= period_start_year and period_end_year <= 2100`,
    )
    .execute();

  await createIdentityTable(db, "strategy_document")
    .addColumn("strategy_id", "integer", (c) => c.notNull().references("strategy.id").onDelete("cascade"))
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("file_id", "text", (c) => c.references("stored_file.id"))
    .addColumn("url", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("strategy_document_target", sql`file_id is not null or url is not null`)
    .execute();

  await createIdentityTable(db, "action_plan")
    .addColumn("strategy_id", "integer", (c) => c.notNull().references("strategy.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('national', 'local')`))
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("original_locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("period_start_year", "integer", (c) => c.notNull())
    .addColumn("period_end_year", "integer", (c) => c.notNull())
    .$call(addAdoptionColumns)
    /** The number of the latest revision snapshot (0 while the plan was never adopted). */
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .$call(addEditedRecordColumns)
    .addCheckConstraint(
      "action_plan_kind_municipality",
      sql`(kind = 'national' and kas_code is null) or (kind = 'local' and kas_code is not null)`,
    )
    .addCheckConstraint("action_plan_period", sql`period_end_year >= period_start_year`)
    .execute();
  await sql`create unique index action_plan_one_national on action_plan (strategy_id) where kind = 'national'`.execute(
    db,
  );
  await sql`create unique index action_plan_one_local on action_plan (strategy_id, kas_code) where kind = 'local'`.execute(
    db,
  );
  await createIndexes(db, "action_plan", { action_plan_kas_code_idx: ["kas_code"] });

  await createIdentityTable(db, "plan_sector")
    .addColumn("action_plan_id", "integer", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn("sector_code", "text", (c) => c.notNull().references("sector.code"))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("plan_sector_unique", ["action_plan_id", "sector_code"])
    .execute();

  await createIdentityTable(db, "objective")
    .$call((table) => addPlanItemColumns(table, "plan_sector"))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("objective_code_unique", ["action_plan_id", "code"])
    .execute();
  await createIndexes(db, "objective", { objective_plan_sector_idx: ["plan_sector_id"] });

  await createIdentityTable(db, "measure")
    .$call((table) => addPlanItemColumns(table, "objective"))
    .addColumn("responsible_organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date", (c) => c.notNull())
    /** For a measure of a local plan: the measure of the national plan it implements. */
    .addColumn("implements_measure_id", "integer", (c) => c.references("measure.id").onDelete("set null"))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .$call(addEditedRecordColumns)
    .addUniqueConstraint("measure_code_unique", ["action_plan_id", "code"])
    .addCheckConstraint("measure_dates", sql`end_date >= start_date`)
    .execute();
  await createIndexes(db, "measure", {
    measure_objective_idx: ["objective_id"],
    measure_responsible_idx: ["responsible_organisation_id"],
    measure_implements_idx: ["implements_measure_id"],
  });

  await db.schema
    .createTable("measure_supporting_organisation")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addPrimaryKeyConstraint("measure_supporting_organisation_pk", ["measure_id", "organisation_id"])
    .execute();
  await createIndexes(db, "measure_supporting_organisation", { measure_supporting_org_idx: ["organisation_id"] });

  await createCodeLinkTable(db, "measure_community", "measure_id", "measure.id", "community");

  await db.schema
    .createTable("measure_budget")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('government', 'municipality', 'donor')`))
    /** Planned amount in euro. */
    .addColumn("amount", sql`numeric(14, 2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addPrimaryKeyConstraint("measure_budget_pk", ["measure_id", "year", "source"])
    .execute();

  await createIdentityTable(db, "indicator")
    .addColumn("measure_id", "integer", (c) => c.notNull().references("measure.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "jsonb", (c) => c.notNull())
    /** count (whole, ≥ 0), percent (0–100), amount (euro, ≥ 0) or number (any). */
    .addColumn("unit", "text", (c) => c.notNull().check(sql`unit in ('count', 'percent', 'amount', 'number')`))
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('increase', 'decrease', 'maintain')`))
    .addColumn("baseline_value", sql`numeric(16, 4)`)
    .addColumn("baseline_year", "integer")
    .addColumn("by_community", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("by_gender", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("indicator_code_unique", ["measure_id", "code"])
    .execute();

  await db.schema
    .createTable("indicator_target")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("indicator.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", sql`numeric(16, 4)`, (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_target_pk", ["indicator_id", "year"])
    .execute();

  await createIdentityTable(db, "action_plan_revision")
    .addColumn("action_plan_id", "integer", (c) => c.notNull().references("action_plan.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    /** The whole plan tree as it stood after this revision (the export format of the module). */
    .addColumn("snapshot", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("action_plan_revision_unique", ["action_plan_id", "revision"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "action_plan_revision",
    "indicator_target",
    "indicator",
    "measure_budget",
    "measure_community",
    "measure_supporting_organisation",
    "measure",
    "objective",
    "plan_sector",
    "action_plan",
    "strategy_document",
    "strategy",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

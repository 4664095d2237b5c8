import { sql, type KyselyPlugin } from "kysely";
import { expect } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import {
  openCycle,
  reviewMeasureReport,
  saveMeasureReport,
  submitTask,
} from "#app/modules/reporting/reporting.commands.server.ts";
import { measureReportFields } from "#app/modules/reporting/reporting.test-support.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { Trx } from "#app/services/commands.server.ts";
import { createPlanTree, type BuiltPlan } from "./plan-factory.ts";
import { expectWriteRolledBack } from "./rolled-back-write.ts";
import { createTestDatabase } from "./test-database.ts";
import { createTestUser } from "./workspace-actors.ts";

/*
 * What the tests of figures kept per generation (decisions 044, 058, 060) start from: a plan on a fresh database
 * seen by two application instances, the people who report on it, a reporting cycle, and the generation counter
 * whose change must reach both instances.
 */

type User = Extract<Actor, { kind: "user" }>;

/** Passes every query and result through unchanged: only makes `withPlugin` return a new Kysely object. */
const unchanged: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

/**
 * A second application instance on the same database as `db`: its own Kysely object, so its own kept figures
 * (they are kept per Kysely object), reading and writing the same tables.
 */
export function secondInstance(db: Db): Db {
  return db.withPlugin(unchanged);
}

/** The current generation of the strategy figures (`strategy_figures_generation`), as text. */
export async function figuresGeneration(db: Db): Promise<string> {
  const { rows } = await sql<{
    generation: string;
  }>`select generation::text as generation from strategy_figures_generation`.execute(db);
  return rows[0]!.generation;
}

/**
 * Runs `write` in a transaction on `db` that is rolled back (`expectWriteRolledBack`), and expects the figures'
 * generation and the statements of a page already read once (`pageStatements`) to be as before: the kept figures
 * stay valid.
 */
export async function expectRolledBackWriteKeepsFigures(
  db: Db,
  write: (trx: Trx) => Promise<unknown>,
  pageStatements: () => Promise<number>,
): Promise<void> {
  const kept = await pageStatements();
  const before = await figuresGeneration(db);
  await expectWriteRolledBack(db, write);
  expect(await figuresGeneration(db)).toBe(before);
  expect(await pageStatements()).toBe(kept);
}

/**
 * Moves a measure into the sector `sectorCode` of the plan `planId` by direct SQL (no command): a write that what is
 * kept per sector must notice.
 */
export async function moveMeasureToSector(
  db: Db,
  planId: number,
  measureId: number,
  sectorCode: string,
): Promise<void> {
  await db
    .updateTable("measure")
    .set({
      plan_sector_id: (eb) =>
        eb
          .selectFrom("plan_sector")
          .select("id")
          .where("action_plan_id", "=", planId)
          .where("sector_code", "=", sectorCode),
    })
    .where("id", "=", measureId)
    .execute();
}

/** A plan seen by two instances, with a coordinator and a focal point who reports on it. */
export interface PlanOnTwoInstances {
  handle: DatabaseHandle;
  /** A second application instance on the same database (`secondInstance`). */
  otherInstance: Db;
  plan: BuiltPlan;
  coordinator: User;
  /** A focal point of the organisation `focalOf` names (the plan's ministry unless said otherwise). */
  focal: User;
  /** The slug of the plan's strategy: its public page is `/<lang>/strategies/<slug>`. */
  slug: string;
}

/** Opens a fresh database with the plan `spec` describes (`createPlanTree`), its second instance and its people. */
export async function openPlanOnTwoInstances(
  spec: Parameters<typeof createPlanTree>[1],
  focalOf: (plan: BuiltPlan) => number = (plan) => plan.ministryId,
): Promise<PlanOnTwoInstances> {
  const handle = await createTestDatabase();
  const plan = await createPlanTree(handle.db, spec);
  return {
    handle,
    otherInstance: secondInstance(handle.db),
    plan,
    coordinator: await createTestUser(handle.db, [{ role: "coordinator" }]),
    focal: await createTestUser(handle.db, [{ role: "focal_point", organisationId: focalOf(plan) }]),
    slug: plan.slug,
  };
}

/**
 * Opens the annual 2018 reporting cycle of an action plan (deadline 28 February 2019), named `label`, and answers its
 * id; throws if it is refused.
 */
export async function openAnnualCycle(
  db: Db,
  audit: Parameters<typeof openCycle>[1],
  actionPlanId: number,
  label = "Annual 2018",
): Promise<number> {
  const opened = await openCycle(db, audit, {
    actionPlanId,
    periodKind: "annual",
    periodStart: "2018-01-01",
    periodEnd: "2018-12-31",
    label,
    deadline: "2019-02-28",
  });
  if (!opened.ok) throw new Error(`cycle not opened: ${JSON.stringify(opened)}`);
  return opened.cycleId;
}

/** The report on a measure in a cycle: its id, version (for the next save) and task. */
export async function measureReportOf(db: Db, cycleId: number, measureId: number) {
  return db
    .selectFrom("measure_report")
    .select(["id", "version", "task_id"])
    .where("cycle_id", "=", cycleId)
    .where("measure_id", "=", measureId)
    .executeTakeFirstOrThrow();
}

/** Approves a submitted report at its current version, as the coordinator in `audit`; throws if the review is refused. */
export async function approveMeasureReport(
  db: Db,
  audit: Parameters<typeof reviewMeasureReport>[1],
  reportId: number,
): Promise<void> {
  const version = await versionOf(db, "measure_report", reportId);
  const reviewed = await reviewMeasureReport(db, audit, { reportId, version, decision: "approve", comment: "" });
  if (!reviewed.ok) throw new Error(`report not approved: ${JSON.stringify(reviewed)}`);
}

/**
 * The focal point in `audit` completes a report (`measureReportOf`'s row: its id, version and task) with the
 * spending given and submits the report's task, as the reporting pages do; throws if either is refused.
 */
export async function completeAndSubmitReport(
  db: Db,
  audit: Parameters<typeof saveMeasureReport>[1],
  report: { id: number; version: number; task_id: number },
  spending: Parameters<typeof saveMeasureReport>[2]["spending"] = [],
): Promise<void> {
  const saved = await saveMeasureReport(db, audit, {
    reportId: report.id,
    fields: measureReportFields(report.version, { status: "completed" }),
    values: [],
    spending,
  });
  if (!saved.ok) throw new Error(`report not saved: ${JSON.stringify(saved)}`);
  await submitReportTask(db, audit, report.task_id);
}

/** Submits a reporting task at its current version, as the focal point or officer in `audit`; throws if it is refused. */
export async function submitReportTask(db: Db, audit: Parameters<typeof submitTask>[1], taskId: number): Promise<void> {
  const submitted = await submitTask(db, audit, { taskId, version: await versionOf(db, "reporting_task", taskId) });
  if (!submitted.ok) throw new Error(`task not submitted: ${JSON.stringify(submitted)}`);
}

/** The current version of a report or a task (what the next save, submission or review must name). */
async function versionOf(db: Db, table: "measure_report" | "reporting_task", id: number): Promise<number> {
  const row = await db.selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow();
  return row.version;
}

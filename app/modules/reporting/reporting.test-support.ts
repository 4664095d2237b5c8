import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { reviewMeasureReport, saveMeasureReport, submitTask } from "./reporting.commands.server.ts";
import type { MeasureReportFields } from "./reporting.schema.ts";

/**
 * A measure report's form as a focal point leaves it untouched (status "in progress", every text
 * empty), with `overrides` on top: what the tests that save, submit and review reports start from.
 */
export function measureReportFields(
  version: number,
  overrides: Partial<MeasureReportFields> = {},
): MeasureReportFields {
  return {
    version,
    status: "in_progress",
    achievements: "",
    achievementsLocale: undefined,
    challenges: "",
    challengesLocale: undefined,
    recommendations: "",
    evidenceUrl: "",
    evidenceLabel: "",
    ...overrides,
  };
}

type SaveInput = Parameters<typeof saveMeasureReport>[2];
type User = Extract<Actor, { kind: "user" }>;

/**
 * Walks every measure report of a cycle through the whole review, as the people would: `reporter`
 * saves each (completed, with `report(…)`'s figures and texts on top), submits every task, and
 * `coordinator` approves each report. Throws at the first refusal, naming the step. Returns the
 * cycle's reports as they were opened.
 */
export async function reportAndApproveCycle(
  db: Db,
  people: { cycleId: number; reporter: User; coordinator: User },
  report: (row: { id: number }) => {
    fields?: Partial<MeasureReportFields>;
    values?: SaveInput["values"];
    spending?: SaveInput["spending"];
  } = () => ({}),
): Promise<{ id: number; version: number; task_id: number }[]> {
  const audit = (actor: User) => ({ actor, requestId: "req-report-and-approve" });
  const reports = await db
    .selectFrom("measure_report")
    .select(["id", "version", "task_id"])
    .where("cycle_id", "=", people.cycleId)
    .orderBy("id")
    .execute();
  for (const row of reports) {
    const given = report(row);
    const fields = measureReportFields(row.version, {
      status: "completed",
      achievements: "Done as planned.",
      achievementsLocale: "en",
      ...given.fields,
    });
    const saved = await saveMeasureReport(db, audit(people.reporter), {
      reportId: row.id,
      fields,
      values: given.values ?? [],
      spending: given.spending ?? [],
    });
    if (!saved.ok) throw new Error(`report ${row.id} not saved: ${JSON.stringify(saved)}`);
  }
  for (const taskId of new Set(reports.map((r) => r.task_id))) {
    const task = await db
      .selectFrom("reporting_task")
      .select(["id", "version"])
      .where("id", "=", taskId)
      .executeTakeFirstOrThrow();
    const submitted = await submitTask(db, audit(people.reporter), { taskId: task.id, version: task.version });
    if (!submitted.ok) throw new Error(`task ${taskId} not submitted: ${JSON.stringify(submitted)}`);
  }
  for (const row of await db
    .selectFrom("measure_report")
    .select(["id", "version"])
    .where("cycle_id", "=", people.cycleId)
    .execute()) {
    const reviewed = await reviewMeasureReport(db, audit(people.coordinator), {
      reportId: row.id,
      decision: "approve",
      comment: "",
      version: row.version,
    });
    if (!reviewed.ok) throw new Error(`report ${row.id} not approved: ${JSON.stringify(reviewed)}`);
  }
  return reports;
}

import type { Db } from "#app/db/client.server.ts";
import type { WorkspaceTask } from "#app/services/module-contract.ts";
import { isCoordinator, type Actor } from "#app/services/authorization.ts";
import { kosovoToday, reportingScope, taskReportCount, tasksWithCycle } from "./reporting.queries.server.ts";

/**
 * The reporting module's dashboard tasks: for focal points and municipal officers, the open tasks
 * of their institutions still to fill in or to correct (urgent once the deadline has passed); for
 * coordinators, the cycles with measure reports waiting for review. At most two queries.
 */
export async function reportingTasks(
  db: Db,
  actor: Extract<Actor, { kind: "user" }>,
  now: Date = new Date(),
): Promise<WorkspaceTask[]> {
  const tasks: WorkspaceTask[] = [];
  const today = kosovoToday(now);
  const { orgs, kasCodes } = reportingScope(actor);
  if (orgs.length || kasCodes.length) {
    const rows = await tasksWithCycle(db)
      .select(["t.id", "t.status", "c.label", "c.deadline", taskReportCount().as("measures")])
      .where("c.status", "=", "open")
      .where("t.status", "in", ["draft", "returned"])
      .where((eb) =>
        eb.or([
          ...(orgs.length ? [eb("t.organisation_id", "in", orgs)] : []),
          ...(kasCodes.length ? [eb("t.kas_code", "in", kasCodes)] : []),
        ]),
      )
      .orderBy("c.deadline")
      .execute();
    for (const r of rows) {
      const late = r.deadline < today;
      tasks.push({
        key: `reporting.task:${r.id}`,
        titleKey: r.status === "returned" ? "reporting:tasks.reportReturned" : "reporting:tasks.reportDue",
        params: { cycle: r.label, count: Number(r.measures) },
        path: `workspace/reporting/tasks/${r.id}`,
        dueDate: r.deadline,
        severity: late || r.status === "returned" ? "urgent" : "warning",
      });
    }
  }
  if (isCoordinator(actor)) {
    const rows = await db
      .selectFrom("measure_report as r")
      .innerJoin("reporting_cycle as c", "c.id", "r.cycle_id")
      .select(["c.id", "c.label", (eb) => eb.fn.countAll<number>().as("n")])
      .where("r.review_state", "=", "submitted")
      .groupBy(["c.id", "c.label"])
      .orderBy("c.id")
      .execute();
    for (const r of rows) {
      tasks.push({
        key: `reporting.review:${r.id}`,
        titleKey: "reporting:tasks.toReview",
        params: { cycle: r.label, count: Number(r.n) },
        path: `workspace/reporting/cycles/${r.id}`,
        severity: "warning",
      });
    }
  }
  return tasks;
}

import type { Db } from "#app/db/client.server.ts";
import { SYNTHETIC_CASE_PREFIX } from "./generators/need-cases.ts";

/** The organisation of the demo focal point, whose reporting task the benchmarks open. */
export const FOCAL_POINT_MINISTRY = "ministry-of-labour-and-social-welfare";

/** The ids of the records the workspace pages open: the plan, the case, the cycle and the focal point's task. */
export interface WorkspaceSubjects {
  planId: number;
  caseId: number;
  cycleId: number;
  taskId: number | null;
}

/**
 * The generated records the benchmarks' workspace pages open (bench/load.ts over HTTP,
 * bench/workspace-pages.ts in-process) on the whole-platform dataset: a generated case in review, the
 * latest reporting cycle of the national plan `nationalPlanId`, and the latest reporting task of the
 * demo focal point's ministry (null when it has none).
 */
export async function findWorkspaceSubjects(db: Db, nationalPlanId: number): Promise<WorkspaceSubjects> {
  const needCase = await db
    .selectFrom("need_case")
    .select("id")
    .where("reference", "like", `${SYNTHETIC_CASE_PREFIX}%`)
    .where("status", "=", "in_review")
    .orderBy("id")
    .executeTakeFirst();
  if (!needCase) throw new Error("The dataset has no case in review.");
  const cycle = await db
    .selectFrom("reporting_cycle")
    .select("id")
    .where("action_plan_id", "=", nationalPlanId)
    .orderBy("period_start", "desc")
    .executeTakeFirst();
  if (!cycle) throw new Error("The dataset has no reporting cycle.");
  const focalTask = await db
    .selectFrom("reporting_task")
    .innerJoin("organisation", "organisation.id", "reporting_task.organisation_id")
    .select("reporting_task.id")
    .where("organisation.slug", "=", FOCAL_POINT_MINISTRY)
    .orderBy("reporting_task.id", "desc")
    .executeTakeFirst();
  return { planId: nationalPlanId, caseId: needCase.id, cycleId: cycle.id, taskId: focalTask?.id ?? null };
}

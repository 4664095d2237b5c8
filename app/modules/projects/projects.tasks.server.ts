import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { isCoordinator, type Actor } from "#app/services/authorization.ts";
import { TASK_COUNT_CAP, type WorkspaceTask } from "#app/services/module-contract.ts";
import { projectOrganisationsOf } from "./projects.policy.ts";

/**
 * The projects module's tasks (one query): for the Office, projects waiting for validation (counted
 * up to TASK_COUNT_CAP) and undecided pairs of the overlap queue; for an organisation that registers projects, indicator
 * values submitted on its projects and waiting for its approval.
 */
export async function projectsTasks(db: Db, actor: Extract<Actor, { kind: "user" }>): Promise<WorkspaceTask[]> {
  const office = isCoordinator(actor);
  const orgs = projectOrganisationsOf(actor);
  if (!office && orgs.length === 0) return [];
  const orgList = orgs.length ? sql.join(orgs) : sql`null`;
  const { rows } = await sql<{
    submitted: string;
    overlaps: string;
    values: string;
    value_projects: string;
    only_project: number | null;
  }>`
    select
      ${office ? sql`(select count(*) from (select 1 from project where validation_status = 'submitted' limit ${TASK_COUNT_CAP + 1}) s)` : sql`0`} as submitted,
      ${office ? sql`(select count(*) from project_overlap where decision is null)` : sql`0`} as overlaps,
      v.values, v.value_projects, v.only_project
    from (
      select count(*) as values, count(distinct r.project_id) as value_projects, min(r.project_id) as only_project
      from project_indicator_period p
      join project_indicator i on i.id = p.indicator_id
      join project_result r on r.id = i.result_id
      join project pr on pr.id = r.project_id
      where p.status = 'submitted' and pr.owner_organisation_id in (${orgList})
    ) v`.execute(db);
  const row = rows[0];
  if (!row) return [];
  const submitted = Number(row.submitted);
  const toValidateKey = submitted > TASK_COUNT_CAP ? "projects:tasks.toValidateMore" : "projects:tasks.toValidate";
  const valuesPath =
    Number(row.value_projects) === 1 && row.only_project !== null
      ? `workspace/projects/${row.only_project}/results`
      : "workspace/projects";
  return [
    ...taskIf(
      "projects.toValidate",
      toValidateKey,
      Math.min(submitted, TASK_COUNT_CAP),
      "workspace/projects",
      "warning",
    ),
    ...taskIf(
      "projects.overlaps",
      "projects:tasks.overlaps",
      Number(row.overlaps),
      "workspace/projects#queue-heading",
      "info",
    ),
    ...taskIf("projects.valuesToApprove", "projects:tasks.valuesToApprove", Number(row.values), valuesPath, "warning"),
  ];
}

/** The task `key` counting `count` (none when there is nothing to count). */
function taskIf(
  key: string,
  titleKey: string,
  count: number,
  path: string,
  severity: WorkspaceTask["severity"],
): WorkspaceTask[] {
  return count > 0 ? [{ key, titleKey, params: { count }, path, severity }] : [];
}

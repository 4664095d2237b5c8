import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { TASK_SEVERITIES, type TaskProvider, type WorkspaceTask } from "#app/services/workspace-contract.ts";

export type { TaskProvider, WorkspaceTask } from "#app/services/workspace-contract.ts";

/**
 * The signed-in person's tasks from every provider (run side by side), most pressing first, then
 * by due date. The providers are the modules' `tasks` (their manifests), which the host hands the
 * shell as `context.workspace.taskProviders` (server/modules.ts); the
 * number of queries is the sum of the providers' constants.
 */
export async function loadWorkspaceTasks(
  db: Db,
  actor: Extract<Actor, { kind: "user" }>,
  providers: readonly TaskProvider[],
): Promise<WorkspaceTask[]> {
  const lists = await Promise.all(providers.map((provider) => provider(db, actor)));
  return lists
    .flat()
    .sort(
      (a, b) =>
        TASK_SEVERITIES.indexOf(a.severity) - TASK_SEVERITIES.indexOf(b.severity) ||
        (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") ||
        a.key.localeCompare(b.key),
    );
}

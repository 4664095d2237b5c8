import type { Db } from "#app/db/client.server.ts";
import { identityTasks } from "#app/modules/identity/identity.tasks.server.ts";
import { needsTasks } from "#app/modules/needs/needs.tasks.server.ts";
import { reportingTasks } from "#app/modules/reporting/reporting.tasks.server.ts";
import { recommendationTasks } from "#app/modules/events/recommendations.tasks.server.ts";
import { projectsTasks } from "#app/modules/projects/projects.tasks.server.ts";
import type { Actor } from "#app/services/authorization.ts";

/** How pressing a task is: shown in this order, most pressing first. */
export const TASK_SEVERITIES = ["urgent", "warning", "info"] as const;
export type TaskSeverity = (typeof TASK_SEVERITIES)[number];

/** Something the signed-in person should do, as the dashboard lists it. */
export interface WorkspaceTask {
  /** Stable identifier (`module.what[:id]`), unique in one person's list. */
  key: string;
  /** Fully qualified translation key of the title (`namespace:key`), with its ICU parameters. */
  titleKey: string;
  params?: Record<string, string | number>;
  /** Where to do it: a path after the locale, e.g. `workspace/profile`. */
  path: string;
  /** When it is due (ISO 8601), if it has a deadline. */
  dueDate?: string;
  severity: TaskSeverity;
}

/** A module's contribution to "my tasks": a constant number of queries, whatever the data. */
export type TaskProvider = (db: Db, actor: Extract<Actor, { kind: "user" }>) => Promise<WorkspaceTask[]>;

/**
 * Every module's task provider. Listed explicitly, like the routes: a module that has tasks for
 * people adds its provider here.
 */
export const TASK_PROVIDERS: readonly TaskProvider[] = [
  identityTasks,
  // modules: add task providers below this line
  projectsTasks,
  needsTasks,
  reportingTasks,
  recommendationTasks,
];

/**
 * The signed-in person's tasks from every provider (run side by side), most pressing first, then
 * by due date. The number of queries is the sum of the providers' constants.
 */
export async function loadWorkspaceTasks(db: Db, actor: Extract<Actor, { kind: "user" }>, providers: readonly TaskProvider[] = TASK_PROVIDERS): Promise<WorkspaceTask[]> {
  const lists = await Promise.all(providers.map((provider) => provider(db, actor)));
  return lists.flat().sort((a, b) => TASK_SEVERITIES.indexOf(a.severity) - TASK_SEVERITIES.indexOf(b.severity) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999") || a.key.localeCompare(b.key));
}

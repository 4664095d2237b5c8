import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "./authorization.ts";

/*
 * What the workspace shell and the modules agree on (decision 034): the sections of the workspace
 * menu and the tasks of the dashboard. The composition root collects them from the manifests and the
 * host hands them to the shell through the request context (`ServerContext.workspace`), so the shell
 * never imports the composition root (decision 035). Types only, apart from TASK_SEVERITIES, TASK_COUNT_CAP and
 * sectionVisibleTo.
 */

/** How pressing a task is: shown in this order, most pressing first. */
export const TASK_SEVERITIES = ["urgent", "warning", "info"] as const;
export type TaskSeverity = (typeof TASK_SEVERITIES)[number];

/**
 * A task's count that can grow with the platform's data stops at this many (decision 047): beyond it
 * the task says "more than 1,000", so that the dashboard's cost does not grow with the data.
 */
export const TASK_COUNT_CAP = 1000;

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

/** A section of the workspace navigation; shown only to those who may use it. */
export interface WorkspaceSection {
  /** Label key `workspace:nav.<key>`. */
  key: string;
  /** Path after `/<lang>/workspace` ("" for the dashboard). */
  path: string;
  /** Place in the menu: sections are shown by ascending position, whichever module declares them. */
  position: number;
  isVisible: (actor: Actor, options: { isDevelopmentMail: boolean }) => boolean;
}

/**
 * A section's `isVisible` for a section its module's policy decides: shown to whoever may do `action`, an action
 * on no particular subject (such as listing what the section shows).
 */
export function sectionVisibleTo<A extends string>(
  policy: { can(actor: Actor, action: NoInfer<A>, subject: null): boolean },
  action: A,
): WorkspaceSection["isVisible"] {
  return (actor) => policy.can(actor, action, null);
}

/** The modules' workspace sections and task providers, as the host hands them to the shell. */
export interface WorkspaceRegistry {
  /** Every module's sections, by ascending position. */
  sections: readonly WorkspaceSection[];
  taskProviders: readonly TaskProvider[];
}

import { definePolicy, hasRole, isCoordinator, type Actor } from "#app/services/authorization.ts";

/** A reporting task as the policy sees it: the institution it belongs to and, for a local plan, the municipality. */
export interface TaskSubject {
  organisationId: number;
  kasCode: string | null;
}

/** What the reporting module lets people do, and to what. */
export type ReportingSubjects = {
  /** See the list of cycles and a cycle's board (institution × status). */
  "cycle.view": null;
  /** Open a reporting cycle for a plan (creates the tasks) or close it. */
  "cycle.manage": null;
  /** Read a task and its measure reports, with their history. */
  "task.view": TaskSubject;
  /** Fill in (save drafts of) the measure reports of a task and submit the whole task. */
  "task.report": TaskSubject;
  /** Approve or return a submitted measure report. */
  "report.review": null;
  /** Add a field observation (confirm, dispute, comment) to a measure of a cycle. */
  "observation.create": null;
  /** Read the observations of a cycle. */
  "observation.view": null;
  /** Compile the annual report of a cycle and download it. */
  "annual.compile": null;
  /** Publish a compiled report to the public library. */
  "annual.publish": null;
};

export type ReportingAction = keyof ReportingSubjects & string;

/**
 * True when the actor reports for this institution: a focal point of the organisation, or a
 * municipal officer of the organisation or of the municipality whose local plan it is.
 */
export function reportsFor(actor: Actor, task: TaskSubject): boolean {
  if (hasRole(actor, "focal_point", { organisationId: task.organisationId })) return true;
  if (hasRole(actor, "municipal_officer", { organisationId: task.organisationId })) return true;
  return task.kasCode !== null && hasRole(actor, "municipal_officer", { kasCode: task.kasCode });
}

/** Deny by default: only the rules below allow anything. */
export const reportingPolicy = definePolicy<ReportingSubjects>({
  "cycle.view": (actor) => isCoordinator(actor),
  "cycle.manage": (actor) => isCoordinator(actor),
  "task.view": (actor, task) => isCoordinator(actor) || reportsFor(actor, task),
  "task.report": (actor, task) => reportsFor(actor, task),
  "report.review": (actor) => isCoordinator(actor),
  "observation.create": (actor) =>
    hasRole(actor, "cso_member") &&
    actor.kind === "user" &&
    actor.grants.some((g) => g.role === "cso_member" && g.organisationId !== null),
  "observation.view": (actor) => isCoordinator(actor) || hasRole(actor, "cso_member"),
  "annual.compile": (actor) => isCoordinator(actor),
  "annual.publish": (actor) => isCoordinator(actor),
});

/** True when the actor takes part in reporting (coordinates, reports or observes): shows the workspace section. */
export function takesPartInReporting(actor: Actor): boolean {
  return (
    isCoordinator(actor) ||
    hasRole(actor, "focal_point") ||
    hasRole(actor, "municipal_officer") ||
    hasRole(actor, "cso_member")
  );
}

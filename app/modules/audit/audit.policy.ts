import { definePolicy, isCoordinator } from "#app/services/authorization.ts";

/** What the audit module lets people do. The log has no write actions: it is only ever appended to by commands. */
export type AuditSubjects = {
  /** Browse and filter the audit log, read one record, and see a record's history on its page. */
  "audit.read": null;
};

export type AuditAction = keyof AuditSubjects & string;

/** Deny by default: administrators and the Office's coordinators read the log, nobody else. */
export const auditPolicy = definePolicy<AuditSubjects>({
  "audit.read": (actor) => isCoordinator(actor),
});

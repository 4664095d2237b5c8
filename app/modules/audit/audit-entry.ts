/** One changed field of an audited record. */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One audit record as the pages show it (serialisable: the time is an ISO string). */
export interface AuditEntryView {
  id: number;
  /** ISO 8601 instant. */
  occurredAt: string;
  actorUserId: string | null;
  /** "Name <e-mail>" as it was when the change was made, "anonymous", or "system: <job>". */
  actorLabel: string;
  organisationId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Changed fields in alphabetical order; secrets appear as "[redacted]". */
  changes: AuditChange[];
  requestId: string | null;
}

/**
 * The job named by a system actor's label ("system: needs.escalate" → "needs.escalate", written
 * by recordAudit for a SystemAuditContext and by the seeders), or null for a person or a visitor.
 */
export function systemJobOf(label: string, userId: string | null): string | null {
  if (userId !== null || !label.startsWith("system: ")) return null;
  return label.slice("system: ".length).trim() || null;
}

/** A stored value as text for the diff table: strings as they are (an empty one as ""), anything else as JSON; null for no value. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? '""' : value;
  return JSON.stringify(value, null, 1);
}

/** The audit log's query string for one record's history (`subjectType=…&subjectId=…`). */
export function historySearch(subjectType: string, subjectId: string): string {
  return new URLSearchParams({ subjectType, subjectId }).toString();
}

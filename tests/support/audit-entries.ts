import type { Selectable } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { AuditLogTable } from "#app/db/schema.ts";

/*
 * The audit log as the tests read it back: the entries a write left, found by the columns a test knows (the action,
 * the subject, the actor, the request), instead of a hand-written query in every test that checks what was audited.
 */

/** One row of the audit log, every column. */
export type AuditEntry = Selectable<AuditLogTable>;

/** The columns an entry must equal; a subject id may be given as the number it stands for. */
export interface AuditFilter {
  action?: string;
  subject_type?: string;
  subject_id?: string | number;
  actor_user_id?: string;
  request_id?: string;
}

function matching(db: Db, filter: AuditFilter) {
  let query = db.selectFrom("audit_log").selectAll();
  if (filter.action !== undefined) query = query.where("action", "=", filter.action);
  if (filter.subject_type !== undefined) query = query.where("subject_type", "=", filter.subject_type);
  if (filter.subject_id !== undefined) query = query.where("subject_id", "=", String(filter.subject_id));
  if (filter.actor_user_id !== undefined) query = query.where("actor_user_id", "=", filter.actor_user_id);
  if (filter.request_id !== undefined) query = query.where("request_id", "=", filter.request_id);
  return query;
}

/** The entries that match, oldest first (every entry when the filter is empty). */
export function auditEntries(db: Db, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  return matching(db, filter).orderBy("id").execute();
}

/** The actions of the entries that match, oldest first. */
export async function auditActions(db: Db, filter: AuditFilter = {}): Promise<string[]> {
  return (await auditEntries(db, filter)).map((entry) => entry.action);
}

/** The oldest entry that matches (throws when there is none). */
export function auditEntry(db: Db, filter: AuditFilter): Promise<AuditEntry> {
  return matching(db, filter).orderBy("id").executeTakeFirstOrThrow();
}

/** The newest entry that matches (throws when there is none). */
export function latestAuditEntry(db: Db, filter: AuditFilter = {}): Promise<AuditEntry> {
  return matching(db, filter).orderBy("id", "desc").executeTakeFirstOrThrow();
}

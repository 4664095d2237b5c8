import type { Db } from "#app/db/client.server.ts";
import type { Actor } from "./authorization.ts";

/** Who is writing, for the audit record: the actor and the request that carries the write. */
export interface AuditContext {
  actor: Actor;
  requestId: string | null;
}

/** Work no person started (a periodic job): audited with no user, as "system: <job>". */
export interface SystemActor {
  kind: "system";
  /** The job's name, e.g. "needs.escalate". */
  job: string;
}

/** The audit context of a system job (see {@link systemAuditContext}). */
export interface SystemAuditContext {
  actor: SystemActor;
  requestId: string | null;
}

/** The audit context of a periodic job: the system as actor, the job as the request. */
export function systemAuditContext(job: string): SystemAuditContext {
  return { actor: { kind: "system", job }, requestId: `system:${job}` };
}

/** The audit log's label of the system actor; the audit pages show it as "System (<job>)". */
export const SYSTEM_LABEL_PREFIX = "system: ";

/** Fields whose values never reach the audit log (their change is still recorded). */
const REDACTED_FIELDS = new Set(["password_hash", "totp_secret", "token", "password"]);
const REDACTED = "[redacted]";

type Row = Record<string, unknown>;

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

/**
 * The fields that differ between two versions of a record, as `{ field: { before, after } }`;
 * secrets are replaced by "[redacted]". A created record has `before` null, a deleted one `after`.
 */
export function diffRecords(
  before: Row | null,
  after: Row | null,
): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of [...keys].sort()) {
    if (key === "updated_at" || key === "version") continue;
    const old = before?.[key];
    const now = after?.[key];
    if (comparable(old) === comparable(now)) continue;
    diff[key] = REDACTED_FIELDS.has(key)
      ? { before: old == null ? null : REDACTED, after: now == null ? null : REDACTED }
      : {
          before: old instanceof Date ? old.toISOString() : (old ?? null),
          after: now instanceof Date ? now.toISOString() : (now ?? null),
        };
  }
  return diff;
}

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: Row | null;
  after?: Row | null;
  /** The organisation on whose behalf the actor wrote, when there is one. */
  organisationId?: number | null;
}

/**
 * Appends one audit record. Call it with the transaction of the write it records, so that the
 * write and its record are committed or rolled back together.
 */
export async function recordAudit(
  trx: Db,
  context: AuditContext | SystemAuditContext,
  entry: AuditEntry,
): Promise<void> {
  await trx.insertInto("audit_log").values(auditRow(context, entry)).execute();
}

function auditRow(context: AuditContext | SystemAuditContext, entry: AuditEntry) {
  const actor = context.actor;
  return {
    actor_user_id: actor.kind === "user" ? actor.userId : null,
    actor_label:
      actor.kind === "user"
        ? `${actor.name} <${actor.email}>`
        : actor.kind === "system"
          ? `${SYSTEM_LABEL_PREFIX}${actor.job}`
          : "anonymous",
    organisation_id: entry.organisationId ?? null,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: String(entry.subjectId),
    diff: diffRecords(entry.before ?? null, entry.after ?? null),
    request_id: context.requestId,
  };
}

/**
 * Records several entries of one actor in one statement (a bulk write such as an IATI import of
 * hundreds of projects); the same rows as `recordAudit` for each, in order.
 */
export async function recordAudits(
  trx: Db,
  context: AuditContext | SystemAuditContext,
  entries: AuditEntry[],
): Promise<void> {
  // Bounded so a statement stays well under PostgreSQL's 65,535 parameters (8 per row).
  for (let i = 0; i < entries.length; i += 2000) {
    await trx
      .insertInto("audit_log")
      .values(entries.slice(i, i + 2000).map((e) => auditRow(context, e)))
      .execute();
  }
}

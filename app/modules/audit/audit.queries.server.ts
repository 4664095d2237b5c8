import { sql, type ExpressionBuilder, type Expression, type Selectable, type SqlBool } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import type { AuditLogTable, Database } from "#app/db/schema.ts";
import type { AuditChange, AuditEntryView } from "./audit-entry.ts";

/** What the audit log can be narrowed to; every part optional. Dates are `YYYY-MM-DD`, inclusive, in Kosovo's time. */
export interface AuditFilter {
  /** Part of the actor's name or e-mail, as recorded with the change. */
  q?: string;
  /** One actor, by user id. */
  actor?: string;
  /** Actions starting with this text (`user.` gives every action on users). */
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

/** The time zone the date filter's days are counted in. */
const TIME_ZONE = "Europe/Belgrade";

/** Escapes `%`, `_` and `\` for a LIKE pattern (backslash is PostgreSQL's default escape). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(eb: ExpressionBuilder<Database, "audit_log">, filter: AuditFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (filter.q) where.push(eb("actor_label", "ilike", `%${likeLiteral(filter.q)}%`));
  if (filter.actor) where.push(eb("actor_user_id", "=", filter.actor));
  if (filter.action) where.push(eb("action", "like", `${likeLiteral(filter.action)}%`));
  if (filter.subjectType) where.push(eb("subject_type", "=", filter.subjectType));
  if (filter.subjectId) where.push(eb("subject_id", "=", filter.subjectId));
  if (filter.from)
    where.push(sql<SqlBool>`occurred_at >= (cast(${filter.from} as date)::timestamp at time zone ${TIME_ZONE})`);
  if (filter.to)
    where.push(sql<SqlBool>`occurred_at < ((cast(${filter.to} as date) + 1)::timestamp at time zone ${TIME_ZONE})`);
  return where;
}

function changesOf(diff: unknown): AuditChange[] {
  if (typeof diff !== "object" || diff === null || Array.isArray(diff)) return [];
  return Object.entries(diff as Record<string, unknown>)
    .map(([field, change]) => {
      const pair = typeof change === "object" && change !== null ? (change as Record<string, unknown>) : {};
      return { field, before: pair.before ?? null, after: pair.after ?? null };
    })
    .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

function toView(row: Selectable<AuditLogTable>): AuditEntryView {
  return {
    id: Number(row.id),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    organisationId: row.organisation_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    changes: changesOf(row.diff),
    requestId: row.request_id,
  };
}

/**
 * One page of the audit log, newest first, narrowed by the filter, with the number of matching
 * records: two queries whatever the page size.
 */
export async function listAuditEntries(
  db: Db,
  filter: AuditFilter,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ entries: AuditEntryView[]; total: number }> {
  const matching = db.selectFrom("audit_log").where((eb) => eb.and(conditions(eb, filter)));
  const { rows, total } = await readPage(matching.selectAll().orderBy("id", "desc"), matching, { page, pageSize });
  return { entries: rows.map(toView), total };
}

/** One audit record, or null. */
export async function getAuditEntry(db: Db, id: number): Promise<AuditEntryView | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await db.selectFrom("audit_log").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toView(row) : null;
}

/**
 * The history of one record (e.g. `"organisation"`, `"42"`), newest first: at most `limit`
 * entries, and whether there are older ones. One query, on the (subject_type, subject_id, id) index.
 */
export async function listAuditHistory(
  db: Db,
  subjectType: string,
  subjectId: string | number,
  { limit = 20 }: { limit?: number } = {},
): Promise<{ entries: AuditEntryView[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", String(subjectId))
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return { entries: rows.slice(0, limit).map(toView), hasMore: rows.length > limit };
}

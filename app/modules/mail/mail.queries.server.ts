import type { Selectable } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { readPage } from "#app/db/paging.server.ts";
import type { MailOutboxTable } from "#app/db/schema.ts";
import type { OutboxStatus } from "./mail.schema.ts";

/** An outbox message as listed (serialisable: times are ISO strings). */
export interface OutboxMessageSummary {
  id: number;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One outbox message with its full text. */
export interface OutboxMessage extends OutboxMessageSummary {
  text: string;
}

/** The columns of an outbox message's summary, for the list and the detail alike. */
const SUMMARY_COLUMNS = [
  "id",
  "to_address",
  "subject",
  "status",
  "attempts",
  "last_error",
  "created_at",
  "sent_at",
] as const;

/** An outbox message's summary from a row with `SUMMARY_COLUMNS`. */
function summaryOf(r: Pick<Selectable<MailOutboxTable>, (typeof SUMMARY_COLUMNS)[number]>): OutboxMessageSummary {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
  };
}

/** One page of the outbox, newest first, optionally of one status, with the total: two queries. */
export async function listOutboxMessages(
  db: Db,
  { status, page, pageSize }: { status?: OutboxStatus; page: number; pageSize: number },
): Promise<{ messages: OutboxMessageSummary[]; total: number }> {
  let matching = db.selectFrom("mail_outbox");
  if (status) matching = matching.where("status", "=", status);
  const ordered = matching.select(SUMMARY_COLUMNS).orderBy("id", "desc");
  const { rows: found, total } = await readPage(ordered, matching, { page, pageSize });
  return { total, messages: found.map(summaryOf) };
}

/** One outbox message with its text, or null. */
export async function getOutboxMessage(db: Db, id: number): Promise<OutboxMessage | null> {
  const r = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  return { ...summaryOf(r), text: r.text_body };
}

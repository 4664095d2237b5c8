import type { Db } from "#app/db/client.server.ts";
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

/** One page of the outbox, newest first, optionally of one status, with the total: two queries. */
export async function listOutboxMessages(
  db: Db,
  { status, page, pageSize }: { status?: OutboxStatus; page: number; pageSize: number },
): Promise<{ messages: OutboxMessageSummary[]; total: number }> {
  let rows = db.selectFrom("mail_outbox").select(["id", "to_address", "subject", "status", "attempts", "last_error", "created_at", "sent_at"]);
  let count = db.selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n"));
  if (status) {
    rows = rows.where("status", "=", status);
    count = count.where("status", "=", status);
  }
  const [found, counted] = await Promise.all([
    rows
      .orderBy("id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(counted.n),
    messages: found.map((r) => ({
      id: r.id,
      to: r.to_address,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    })),
  };
}

/** One outbox message with its text, or null. */
export async function getOutboxMessage(db: Db, id: number): Promise<OutboxMessage | null> {
  const r = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    text: r.text_body,
  };
}

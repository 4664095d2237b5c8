import type { Db } from "#app/db/client.server.ts";

/** One e-mail to send. Plain text only: readable everywhere, nothing to sanitise. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Puts an e-mail in the outbox, in the caller's transaction: it is sent (by the mail job) only if
 * the write that caused it commits, and nothing is lost when no SMTP server is configured.
 */
export async function enqueueMail(trx: Db, mail: OutgoingMail): Promise<number> {
  const row = await trx
    .insertInto("mail_outbox")
    .values({ to_address: mail.to, subject: mail.subject.slice(0, 300), text_body: mail.text })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

import { sql } from "kysely";
import nodemailer from "nodemailer";
import { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import { enqueueJob, PermanentJobError, type JobHandler } from "./jobs.server.ts";

/*
 * Mail leaves the platform in two steps. `enqueueMail` writes the message to `mail_outbox` and
 * queues a "mail.deliver" job, both in the caller's transaction. The job worker (jobs.server.ts)
 * then runs the delivery: over SMTP when one is configured (queued → sent, or failed after
 * MAIL_MAX_ATTEMPTS attempts, with the last error), otherwise the message is marked "held" and
 * stays readable in the workspace outbox. The worker brings the retry backoff, the SKIP LOCKED
 * claim and the recovery of abandoned runs; delivery is at least once, like every job.
 */

/** One e-mail to send. Plain text only: readable everywhere, nothing to sanitise. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** The job kind that delivers one outbox message. */
export const MAIL_DELIVERY_JOB = "mail.deliver";

/** Delivery attempts before a message is marked failed (with backoff: about 40 minutes in all). */
export const MAIL_MAX_ATTEMPTS = 8;

const MAX_ERROR_LENGTH = 2_000;

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
  await enqueueJob(trx, MAIL_DELIVERY_JOB, { mailId: row.id }, { maxAttempts: MAIL_MAX_ATTEMPTS });
  return row.id;
}

/** Something that can hand a message to a mail server. */
export interface MailTransport {
  /** Resolves once the server has accepted the message; rejects with the server's or the network's error. */
  send(mail: OutgoingMail): Promise<void>;
  /** Closes any open connection. */
  close(): void;
}

/** The part of the configuration mail delivery reads (see server/config.ts). */
export interface MailSettings {
  smtp: { url: string | undefined; from: string };
}

/** Limits on waiting for a mail server, in milliseconds; the defaults suit a real server. */
export interface MailTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DEFAULT_TIMEOUTS: MailTimeouts = { connectionMs: 15_000, greetingMs: 15_000, socketMs: 60_000 };

/**
 * A nodemailer SMTP transport for `SMTP_URL` (e.g. `smtps://user:password@mail.example.org`),
 * sending from `MAIL_FROM`; null when no SMTP server is configured (mail then waits in the outbox).
 */
export function createMailTransport(
  settings: MailSettings,
  timeouts: MailTimeouts = DEFAULT_TIMEOUTS,
): MailTransport | null {
  const url = settings.smtp.url;
  if (!url) return null;
  const transporter = nodemailer.createTransport(
    {
      url,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: settings.smtp.from },
  );
  return {
    async send(mail) {
      await transporter.sendMail({
        // An address object, so that a comma in the stored address can never add recipients.
        to: { name: "", address: mail.to },
        subject: mail.subject,
        text: mail.text,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** True for an SMTP reply that retrying cannot change (5xx: no such mailbox, rejected, …). */
function isPermanentSmtpError(error: unknown): boolean {
  const code =
    typeof error === "object" && error !== null && "responseCode" in error ? Number(error.responseCode) : NaN;
  return code >= 500 && code < 600;
}

function describeError(error: unknown): string {
  const code =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? `${error.code}: `
      : "";
  const message = error instanceof Error ? error.message || error.name : String(error);
  return `${code}${message}`.slice(0, MAX_ERROR_LENGTH);
}

/** What one delivery run did with its message. */
export type DeliveryOutcome = "sent" | "held" | "skipped";

/**
 * One delivery attempt of one outbox message. Without a transport the message is marked "held"
 * (it stays in the outbox); a message no longer queued is skipped, so a repeated run sends
 * nothing twice. On failure the attempt and its error are recorded and the error is thrown again
 * for the job to retry; the last attempt, or a permanent SMTP refusal, marks the message failed.
 */
export async function deliverMail(
  db: Db,
  transport: MailTransport | null,
  mailId: number,
  { isLastAttempt }: { isLastAttempt: boolean },
): Promise<DeliveryOutcome> {
  const mail = await db
    .selectFrom("mail_outbox")
    .select(["id", "to_address", "subject", "text_body", "status"])
    .where("id", "=", mailId)
    .executeTakeFirst();
  if (!mail || mail.status !== "queued") return "skipped";
  if (!transport) {
    await db
      .updateTable("mail_outbox")
      .set({ status: "held" })
      .where("id", "=", mailId)
      .where("status", "=", "queued")
      .execute();
    return "held";
  }
  try {
    await transport.send({ to: mail.to_address, subject: mail.subject, text: mail.text_body });
  } catch (error) {
    const isPermanent = isPermanentSmtpError(error);
    const message = describeError(error);
    await db
      .updateTable("mail_outbox")
      .set({
        attempts: sql<number>`attempts + 1`,
        last_error: message,
        status: isPermanent || isLastAttempt ? "failed" : "queued",
      })
      .where("id", "=", mailId)
      .execute();
    throw isPermanent ? new PermanentJobError(message, { cause: error }) : error;
  }
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, last_error: null })
    .where("id", "=", mailId)
    .execute();
  return "sent";
}

const MailJobPayloadSchema = z.object({ mailId: z.number().int().positive() });

/**
 * The job handlers of mail delivery, to give the job worker (`startJobWorker({ handlers })`);
 * `transport` is null when no SMTP server is configured.
 */
export function mailDeliveryHandlers(db: Db, transport: MailTransport | null): Record<string, JobHandler> {
  return {
    [MAIL_DELIVERY_JOB]: async ({ job }) => {
      const payload = MailJobPayloadSchema.safeParse(job.payload);
      if (!payload.success) throw new PermanentJobError("A mail.deliver job needs { mailId }.");
      const outcome = await deliverMail(db, transport, payload.data.mailId, {
        isLastAttempt: job.attempts >= job.max_attempts,
      });
      return { mailId: payload.data.mailId, outcome };
    },
  };
}

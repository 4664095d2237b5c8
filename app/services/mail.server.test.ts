import net from "node:net";
import pino from "pino";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { startJobWorker, type JobWorker } from "./jobs.server.ts";
import {
  createMailTransport,
  deliverMail,
  enqueueMail,
  MAIL_DELIVERY_JOB,
  MAIL_MAX_ATTEMPTS,
  mailDeliveryHandlers,
  type MailTransport,
} from "./mail.server.ts";

const logger = pino({ level: "silent" });
const FROM = "Platforma <no-reply@example.org>";
/** Short waits, so a test about an unreachable server does not wait for real-world timeouts. */
const TEST_TIMEOUTS = { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 };

/** A message as the SMTP server received it. */
interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: string;
}

/** What a test's SMTP server should answer to RCPT TO, per attempt (1-based); accepts by default. */
type RecipientVerdict = (attempt: number) => { code: number; message: string } | null;

/** A real SMTP server on a free local port that keeps every message it accepts. */
async function startSmtpServer(verdict: RecipientVerdict = () => null) {
  const received: ReceivedMail[] = [];
  let rcptAttempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      rcptAttempts += 1;
      const refusal = verdict(rcptAttempts);
      if (!refusal) return callback();
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          envelopeFrom: from ? (from as SMTPServerAddress).address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as net.AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rcptAttempts: () => rcptAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), joining adjacent words' bytes. */
function decodeHeader(value: string): string {
  const parts: (string | Buffer)[] = [];
  const pattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    const between = value.slice(last, match.index);
    if (!(parts.length > 0 && Buffer.isBuffer(parts.at(-1)) && /^\s*$/.test(between))) parts.push(between);
    const [, , encoding = "", text = ""] = match;
    const bytes =
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            "latin1",
          );
    const previous = parts.at(-1);
    if (Buffer.isBuffer(previous)) parts[parts.length - 1] = Buffer.concat([previous, bytes]);
    else parts.push(bytes);
    last = match.index + match[0].length;
  }
  parts.push(value.slice(last));
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString("utf8") : p)).join("");
}

/** Splits a received message into decoded headers and decoded text body (single-part messages). */
function parseMessage(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeHeader(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  let bytes: Buffer;
  if (encoding === "quoted-printable") {
    const unwrapped = body.replace(/=\r\n/g, "");
    bytes = Buffer.from(
      unwrapped.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      "latin1",
    );
  } else if (encoding === "base64") {
    bytes = Buffer.from(body.replace(/\s+/g, ""), "base64");
  } else {
    bytes = Buffer.from(body, "utf8");
  }
  return { headers, text: bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, "") };
}

/** Polls until `check` returns something other than undefined/false (no fixed sleeps). */
async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let handle: DatabaseHandle;
let workers: JobWorker[] = [];
let cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.deleteFrom("job").execute();
  await handle.db.deleteFrom("mail_outbox").execute();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Starts the platform's job worker with the mail handlers, retrying almost at once. */
function startDelivery(transport: MailTransport | null): void {
  workers.push(
    startJobWorker({
      db: handle.db,
      handlers: mailDeliveryHandlers(handle.db, transport),
      workerId: `mail-test-${workers.length + 1}`,
      pollIntervalMs: 5,
      retry: { baseMs: 1, maxMs: 5 },
      logger,
    }),
  );
}

function transportFor(url: string | undefined): MailTransport | null {
  const transport = createMailTransport({ smtp: { url, from: FROM } }, TEST_TIMEOUTS);
  if (transport) cleanups.push(() => transport.close());
  return transport;
}

async function outboxRow(id: number) {
  return handle.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** Waits for the outbox row of mail `id` to reach `status` (`what` names the wait in a timeout), and returns it. */
function outboxRowOnceIn(id: number, status: string, what: string) {
  return waitFor(async () => {
    const row = await outboxRow(id);
    return row.status === status && row;
  }, what);
}

const SUBJECT = "Rivendosja e fjalëkalimit · Ресетовање лозинке · Çështje";
const BODY = [
  "Përshëndetje Dardanë,",
  "",
  "Za resetovanje lozinke otvorite ovu vezu: https://platforma.example.org/sq/reset?token=abc",
  "Поштовани, ваша лозинка је промењена. Љубомир Ђорђевић, Приштина.",
  "Një rresht shumë i gjatë që nuk ka asnjë ndërprerje dhe kalon qartë përtej shtatëdhjetë e gjashtë karaktereve të lejuara në një rresht.",
].join("\n");

describe("mail delivery over SMTP", () => {
  it("sends a message enqueued in a transaction to a real SMTP server, in UTF-8", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const id = await handle.db
      .transaction()
      .execute((trx) => enqueueMail(trx, { to: "dardane.krasniqi@example.org", subject: SUBJECT, text: BODY }));
    const queued = await outboxRow(id);
    expect(queued).toMatchObject({ status: "queued", attempts: 0, sent_at: null, last_error: null });
    const job = await handle.db
      .selectFrom("job")
      .selectAll()
      .where("kind", "=", MAIL_DELIVERY_JOB)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ payload: { mailId: id }, max_attempts: MAIL_MAX_ATTEMPTS });

    startDelivery(transportFor(smtp.url));
    const sent = await outboxRowOnceIn(id, "sent", "the message to be sent");

    expect(sent.attempts).toBe(1);
    expect(sent.last_error).toBeNull();
    expect(sent.sent_at).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.envelopeTo).toEqual(["dardane.krasniqi@example.org"]);
    expect(mail?.envelopeFrom).toBe("no-reply@example.org");
    const message = parseMessage(mail?.raw ?? "");
    expect(message.headers.get("to")).toBe("dardane.krasniqi@example.org");
    expect(message.headers.get("from")).toBe(FROM);
    expect(message.headers.get("subject")).toBe(SUBJECT);
    expect(message.headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(message.headers.get("auto-submitted")).toBe("auto-generated");
    expect(message.text).toBe(BODY);
  });

  it("queues nothing when the write that sent the mail rolls back", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, { to: "someone@example.org", subject: "Ftesë", text: "…" });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await handle.db.selectFrom("mail_outbox").select("id").execute()).toEqual([]);
    expect(await handle.db.selectFrom("job").select("id").execute()).toEqual([]);
  });

  it("retries a temporary refusal and then sends", async () => {
    const smtp = await startSmtpServer((attempt) => (attempt === 1 ? { code: 451, message: "Try again later" } : null));
    cleanups.push(smtp.close);
    const id = await enqueueMail(handle.db, { to: "retry@example.org", subject: "Provë", text: "Тест" });
    startDelivery(transportFor(smtp.url));
    const sent = await outboxRowOnceIn(id, "sent", "the second attempt to succeed");
    expect(sent.attempts).toBe(2);
    expect(sent.last_error).toBeNull();
    expect(smtp.received).toHaveLength(1);
  });

  it("fails at once on a permanent refusal (5xx), keeping the server's answer", async () => {
    const smtp = await startSmtpServer(() => ({ code: 550, message: "No such mailbox" }));
    cleanups.push(smtp.close);
    const id = await enqueueMail(handle.db, { to: "nobody@example.org", subject: "Provë", text: "Test" });
    startDelivery(transportFor(smtp.url));
    const failed = await outboxRowOnceIn(id, "failed", "the message to fail");
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550/);
    expect(failed.sent_at).toBeNull();
    // The worker records the job's own outcome after the handler returns: wait for it too.
    const job = await waitFor(async () => {
      const row = await handle.db.selectFrom("job").select(["status", "attempts"]).executeTakeFirstOrThrow();
      return row.status !== "running" && row;
    }, "the job to finish");
    expect(job).toEqual({ status: "failed", attempts: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it("marks a message failed after the last attempt to reach an unreachable server, with the error", async () => {
    const port = await closedPort();
    const id = await enqueueMail(handle.db, { to: "unreachable@example.org", subject: "Provë", text: "Test" });
    startDelivery(transportFor(`smtp://127.0.0.1:${port}`));
    const failed = await outboxRowOnceIn(id, "failed", "the message to fail after every attempt");
    expect(failed.attempts).toBe(MAIL_MAX_ATTEMPTS);
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    expect(failed.sent_at).toBeNull();
    const job = await waitFor(async () => {
      const row = await handle.db
        .selectFrom("job")
        .select(["status", "attempts", "last_error"])
        .executeTakeFirstOrThrow();
      return row.status !== "running" && row;
    }, "the job to finish");
    expect(job).toMatchObject({ status: "failed", attempts: MAIL_MAX_ATTEMPTS });
    expect(job.last_error).toMatch(/ECONNREFUSED/);
  });

  it("keeps the message queued with the error between attempts", async () => {
    const port = await closedPort();
    const id = await enqueueMail(handle.db, { to: "later@example.org", subject: "Provë", text: "Test" });
    const transport = transportFor(`smtp://127.0.0.1:${port}`);
    await expect(deliverMail(handle.db, transport, id, { isLastAttempt: false })).rejects.toThrow(/ECONNREFUSED/);
    expect(await outboxRow(id)).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: expect.stringMatching(/ECONNREFUSED/),
    });
  });

  it("never sends a message twice when its job runs again", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const transport = transportFor(smtp.url);
    const id = await enqueueMail(handle.db, { to: "once@example.org", subject: "Një herë", text: "Vetëm një herë" });
    expect(await deliverMail(handle.db, transport, id, { isLastAttempt: false })).toBe("sent");
    expect(await deliverMail(handle.db, transport, id, { isLastAttempt: false })).toBe("skipped");
    expect(await deliverMail(handle.db, transport, 999_999, { isLastAttempt: false })).toBe("skipped");
    expect(smtp.received).toHaveLength(1);
  });
});

describe("without an SMTP server", () => {
  it("has no transport", () => {
    expect(createMailTransport({ smtp: { url: undefined, from: FROM } })).toBeNull();
    expect(createMailTransport({ smtp: { url: "", from: FROM } })).toBeNull();
  });

  it("holds the message in the outbox, readable in full", async () => {
    const id = await handle.db
      .transaction()
      .execute((trx) => enqueueMail(trx, { to: "dev@example.org", subject: SUBJECT, text: BODY }));
    startDelivery(null);
    const held = await outboxRowOnceIn(id, "held", "the message to be held");
    expect(held).toMatchObject({ subject: SUBJECT, text_body: BODY, attempts: 0, sent_at: null, last_error: null });
    const job = await waitFor(async () => {
      const row = await handle.db.selectFrom("job").select(["status", "result"]).executeTakeFirstOrThrow();
      return row.status !== "running" && row;
    }, "the job to finish");
    expect(job).toEqual({ status: "succeeded", result: { mailId: id, outcome: "held" } });
  });

  it("fails a job without a mail id at once", async () => {
    const handler = mailDeliveryHandlers(handle.db, null)[MAIL_DELIVERY_JOB]!;
    const job = {
      id: 1,
      kind: MAIL_DELIVERY_JOB,
      payload: { mailId: "1; drop table" },
      attempts: 1,
      max_attempts: 8,
    } as unknown as Parameters<typeof handler>[0]["job"];
    await expect(
      handler({ job, reportProgress: async () => {}, signal: new AbortController().signal }),
    ).rejects.toThrow(/mailId/);
  });
});

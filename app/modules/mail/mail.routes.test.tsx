import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, outcome, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import type { OutboxMessage, OutboxMessageSummary } from "./mail.queries.server.ts";
import OutboxIndex, { loader as indexLoader } from "./routes/outbox-index.tsx";
import OutboxMessagePage, { loader as messageLoader } from "./routes/outbox-message.tsx";
import { renderRoute } from "../../../tests/support/render-route.tsx";

type SignedIn = Awaited<ReturnType<typeof createTestUser>>;
type IndexArgs = Parameters<typeof indexLoader>[0];
type MessageArgs = Parameters<typeof messageLoader>[0];

let handle: DatabaseHandle;
let admin: SignedIn;
let coordinator: SignedIn;
let firstId: number;
let lastId: number;

const RESET_TEXT =
  "Përshëndetje,\n\nHapeni këtë lidhje: https://platforma.example.org/sq/reset?token=abc.\nЉубазно, <script>alert(1)</script>";

beforeAll(async () => {
  handle = await createTestDatabase();
  admin = await createTestUser(handle.db, [{ role: "platform_admin" }]);
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  firstId = await enqueueMail(handle.db, { to: "first@example.org", subject: "E para", text: "1" });
  for (let i = 0; i < 30; i++)
    await enqueueMail(handle.db, { to: `user${i}@example.org`, subject: `Mesazhi ${i}`, text: `Teksti ${i}` });
  lastId = await enqueueMail(handle.db, {
    to: "dardane@example.org",
    subject: "Rivendosja e fjalëkalimit <b>",
    text: RESET_TEXT,
  });
  await handle.db
    .updateTable("mail_outbox")
    .set({ status: "held" })
    .where("id", "<=", lastId)
    .where("id", ">", firstId)
    .execute();
  await handle.db
    .updateTable("mail_outbox")
    .set({ status: "failed", attempts: 8, last_error: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525" })
    .where("id", "=", firstId)
    .execute();
});
afterAll(() => handle.close());

function loadIndex(actor: SignedIn | null, search = "", options: { lang?: string; mailMode?: "outbox" | "smtp" } = {}) {
  const lang = options.lang ?? "en";
  const path = `/${lang}/workspace/outbox${search}`;
  const context = { ...workspaceContext(handle.db, actor), mailMode: options.mailMode ?? "outbox" };
  return indexLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang },
    context,
  } as unknown as IndexArgs);
}

function loadMessage(
  actor: SignedIn | null,
  id: string,
  options: { lang?: string; mailMode?: "outbox" | "smtp" } = {},
) {
  const lang = options.lang ?? "en";
  const path = `/${lang}/workspace/outbox/${id}`;
  const context = { ...workspaceContext(handle.db, actor), mailMode: options.mailMode ?? "outbox" };
  return messageLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang, id },
    context,
  } as unknown as MessageArgs);
}

describe("who sees the outbox", () => {
  it("sends a visitor who is not signed in to sign in", async () => {
    expect((await outcome(loadIndex(null))).status).toBe(302);
  });

  it("is a 404 for anyone but an administrator", async () => {
    expect((await outcome(loadIndex(coordinator))).status).toBe(404);
    expect((await outcome(loadMessage(coordinator, String(lastId)))).status).toBe(404);
  });

  it("is a 404 when mail goes out over SMTP, even for an administrator", async () => {
    expect((await outcome(loadIndex(admin, "", { mailMode: "smtp" }))).status).toBe(404);
    expect((await outcome(loadMessage(admin, String(lastId), { mailMode: "smtp" }))).status).toBe(404);
  });
});

describe("outbox list", () => {
  it("lists newest first, one page at a time, in two queries", async () => {
    const { result, stats } = await withQueryStats(() => outcome(loadIndex(admin)));
    const data = result.data as { messages: OutboxMessageSummary[]; total: number; page: number };
    expect(stats.queries).toBe(2);
    expect(data.total).toBe(32);
    expect(data.messages).toHaveLength(25);
    expect(data.messages[0]).toMatchObject({ id: lastId, to: "dardane@example.org", status: "held" });
    const second = (await outcome(loadIndex(admin, "?page=2"))).data as { messages: OutboxMessageSummary[] };
    expect(second.messages).toHaveLength(7);
    expect(second.messages.at(-1)).toMatchObject({ id: firstId, status: "failed", attempts: 8 });
  });

  it("filters by status and ignores an unknown one", async () => {
    const failed = (await outcome(loadIndex(admin, "?status=failed"))).data as {
      messages: OutboxMessageSummary[];
      total: number;
      status: string;
    };
    expect(failed).toMatchObject({ total: 1, status: "failed" });
    const unknown = (await outcome(loadIndex(admin, "?status=%3Cscript%3E"))).data as { total: number; status: string };
    expect(unknown).toMatchObject({ total: 32, status: "" });
  });

  it.each(LOCALES)("renders in %s with translated statuses and pagination", async (locale) => {
    const data = (await outcome(loadIndex(admin, "", { lang: locale }))).data;
    const html = renderRoute(
      locale,
      `/${locale}/workspace/outbox`,
      "/:lang/workspace/outbox",
      OutboxIndex as ComponentType,
      data,
    );
    expect(html).toContain(`href="/${locale}/workspace/outbox/${lastId}"`);
    expect(html).toContain("Rivendosja e fjalëkalimit &lt;b&gt;");
    expect(html).toContain('rel="next"');
    expect(html.replace(/<[^>]+>/g, " ")).not.toMatch(/\b(status|table|outbox|filter)\.[a-z]/);
  });
});

describe("outbox message", () => {
  /** The message page of `id` in `locale`, as loaded for the administrator, and its loader's data. */
  async function renderMessage(locale: Locale, id: number): Promise<{ data: unknown; html: string }> {
    const { data } = await outcome(loadMessage(admin, String(id)));
    const html = renderRoute(
      locale,
      `/${locale}/workspace/outbox/${id}`,
      "/:lang/workspace/outbox/:id",
      OutboxMessagePage as ComponentType,
      data,
    );
    return { data, html };
  }

  it("shows the full text with its links, escaped", async () => {
    const { data, html } = await renderMessage("sq", lastId);
    expect((data as { message: OutboxMessage }).message.text).toBe(RESET_TEXT);
    expect(html).toContain('<a href="https://platforma.example.org/sq/reset?token=abc">');
    expect(html).toContain("Љубазно, &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
  });

  it("shows why a message failed", async () => {
    const { html } = await renderMessage("en", firstId);
    expect(html).toContain("Last error");
    expect(html).toContain("ECONNREFUSED 127.0.0.1:2525");
  });

  it.each(["0", "abc", "99999999", "-1"])("is a 404 for %s", async (id) => {
    expect((await outcome(loadMessage(admin, id))).status).toBe(404);
  });
});

import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { newsCommands } from "#app/modules/clearing-house/news/news.commands.server.ts";
import { listNews } from "#app/modules/clearing-house/news/news.queries.server.ts";
import { NewsFormSchema } from "#app/modules/clearing-house/news/news.schema.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * Issue 18 (decision 076): the news list counted every published item on each request. Its total is
 * now kept per filter at the generation of `news_item` (bumped by a trigger in every writing
 * transaction), read by the page's own statement. What must hold: while nothing changes a page is one
 * statement with the right total; a write through the commands, by direct SQL, on one database handle
 * while another (a second instance) answers, shows at the next request; an item published for a later
 * date counts from that date without any write; a page past the end still says how many there are.
 */

let handle: DatabaseHandle;
/** A second application instance on the same database: its own Kysely object, so its own kept totals. */
let otherInstance: Db;
let organisationId: number;
let otherOrganisationId: number;

/** Passes every query and result through unchanged: only makes `withPlugin` return a new Kysely object. */
const unchanged: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: async (args) => args.result };

const HOUR = 3_600_000;
let counter = 0;

async function total(
  options: { organisationId?: number; now?: Date; page?: number } = {},
  db: Db = otherInstance,
): Promise<number> {
  const { page = 1, now, ...filters } = options;
  return (await listNews(db, { page, pageSize: 12, ...filters }, now)).total;
}

/** The definition, counted here on every call. */
async function counted(filters: { organisationId?: number; now?: Date } = {}): Promise<number> {
  let query = handle.db
    .selectFrom("news_item")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "published")
    .where("published_at", "<=", filters.now ?? new Date());
  if (filters.organisationId !== undefined) query = query.where("organisation_id", "=", filters.organisationId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function statements(fn: () => Promise<unknown>): Promise<number> {
  return (await withQueryStats(fn)).stats.queries;
}

async function addNews(values: { publishedAt?: Date; organisationId?: number | null; status?: "draft" | "published" }) {
  counter += 1;
  const row = await handle.db
    .insertInto("news_item")
    .values({
      slug: `kept-news-${counter}`,
      original_locale: "en",
      title: { en: `Kept news ${counter}` },
      body: { en: `Body ${counter}` },
      published_at: values.publishedAt ?? new Date(Date.now() - counter * HOUR),
      organisation_id: values.organisationId ?? null,
      status: values.status ?? "published",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  otherInstance = handle.db.withPlugin(unchanged);
  const organisations = await handle.db.selectFrom("organisation").select("id").orderBy("id").limit(2).execute();
  organisationId = organisations[0]!.id;
  otherOrganisationId = organisations[1]!.id;
  for (let i = 0; i < 15; i++) await addNews({ organisationId: i % 3 === 0 ? organisationId : null });
});
afterAll(() => handle.close());

describe("the news list's total, kept per filter and generation", () => {
  it("is counted once, then a page is one statement with the same total", async () => {
    expect(await statements(() => total())).toBe(2);
    expect(await statements(() => total())).toBe(1);
    expect(await statements(() => total({ page: 2 }))).toBe(1);
    expect(await total()).toBe(await counted());
    expect(await total({ organisationId })).toBe(await counted({ organisationId }));
    expect(await statements(() => total({ organisationId }))).toBe(1);
  });

  it("an item inserted, unpublished and deleted by direct SQL shows at the next request on another instance", async () => {
    const before = await total();
    const id = await addNews({});
    expect(await total()).toBe(before + 1);
    await handle.db.updateTable("news_item").set({ status: "draft" }).where("id", "=", id).execute();
    expect(await total()).toBe(before);
    await handle.db.updateTable("news_item").set({ status: "published" }).where("id", "=", id).execute();
    expect(await total()).toBe(before + 1);
    await handle.db.deleteFrom("news_item").where("id", "=", id).execute();
    expect(await total()).toBe(before);
    expect(await total()).toBe(await counted());
  });

  it("an item moved to another organisation by direct SQL counts for it at the next request", async () => {
    const before = await total({ organisationId: otherOrganisationId });
    const id = await addNews({ organisationId });
    expect(await total({ organisationId: otherOrganisationId })).toBe(before);
    await handle.db
      .updateTable("news_item")
      .set({ organisation_id: otherOrganisationId })
      .where("id", "=", id)
      .execute();
    expect(await total({ organisationId: otherOrganisationId })).toBe(before + 1);
    expect(await total({ organisationId })).toBe(await counted({ organisationId }));
  });

  it("an item written and published through the commands shows at once, and taken back leaves at once", async () => {
    const coordinator = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    const audit = { actor: coordinator, requestId: "news-total-kept" };
    const before = await total();
    const created = await handle.db.transaction().execute((trx) =>
      newsCommands.create(
        trx,
        audit,
        NewsFormSchema.parse({
          originalLocale: "en",
          title_en: "Written through the editor",
          body_en: "Its body",
          organisationId: String(organisationId),
        }),
      ),
    );
    if (!created.ok) throw new Error(`not created: ${JSON.stringify(created)}`);
    expect(await total()).toBe(before); // a draft
    const published = await handle.db
      .transaction()
      .execute((trx) => newsCommands.setStatus(trx, audit, created.id, "published"));
    expect(published.ok).toBe(true);
    expect(await total()).toBe(before + 1);
    expect(await total({}, handle.db)).toBe(before + 1);
    await handle.db.transaction().execute((trx) => newsCommands.setStatus(trx, audit, created.id, "draft"));
    expect(await total()).toBe(before);
  });

  it("an item published for a later date counts from that date, without any write", async () => {
    const now = new Date();
    const before = await total({ now });
    await addNews({ publishedAt: new Date(now.getTime() + 2 * HOUR) });
    const later = new Date(now.getTime() + 3 * HOUR);
    expect(await total({ now })).toBe(before);
    expect(await total({ now: later })).toBe(before + 1);
    expect(await total({ now: later })).toBe(await counted({ now: later }));
    // Asked again for the earlier moment (another request's clock): not the later count.
    expect(await total({ now })).toBe(before);
  });

  it("a page past the end has no rows and the real total", async () => {
    const past = await listNews(otherInstance, { page: 99, pageSize: 12 });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(await counted());
  });

  it("each instance keeps its own totals, and both see a write", async () => {
    const before = await total({}, handle.db);
    expect(await total()).toBe(before);
    await addNews({});
    expect(await total({}, handle.db)).toBe(before + 1);
    expect(await total()).toBe(before + 1);
  });
});

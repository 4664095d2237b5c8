import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { loader } from "#app/modules/clearing-house/directory/routes/directory-index.tsx";
import { keptDirectoryPages } from "#app/modules/clearing-house/directory/directory-kept.server.ts";
import { secondInstance } from "../support/plan-instances.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { workspaceContext } from "../support/workspace-actors.ts";

/*
 * The public directory's list pages are kept per language, filter and page at the generations of the
 * organisations (their sectors and communities included, migration 0062) and of the reference data
 * (decision 077). What must hold: while nothing changes a request is one statement; a write by direct SQL
 * through another database object (a second instance, with its own kept pages) to any table a page is
 * made of shows at the next request on both instances.
 */

type Page = Awaited<ReturnType<typeof loader>>;

let handle: DatabaseHandle;
let other: Db;

async function page(db: Db, path: string, lang = "en"): Promise<{ data: Page; queries: number }> {
  const { result, stats } = await withQueryStats(() =>
    loader({
      request: new Request(`http://localhost/${lang}/organizations${path}`),
      params: { lang },
      context: workspaceContext(db, null),
    } as Parameters<typeof loader>[0]),
  );
  return { data: result, queries: stats.queries };
}

const entry = (data: Page, slug: string) => data.items.find((o) => o.slug === slug);
const LABOUR = "ministry-of-labour-and-social-welfare";

beforeAll(async () => {
  handle = await createTestDatabase();
  other = secondInstance(handle.db);
});
afterAll(() => handle.close());

describe("the directory's list pages, kept per generation", () => {
  it("are built once (at most six statements with the generations), then answered with one statement", async () => {
    const first = await page(handle.db, "?type=ministry");
    expect(first.queries).toBeGreaterThan(1);
    expect(first.queries).toBeLessThanOrEqual(6);
    expect(entry(first.data, LABOUR)).toBeDefined();
    const again = await page(handle.db, "?type=ministry");
    expect(again.queries).toBe(1);
    expect(again.data).toBe(first.data);
  });

  it("keep one page per language, filter and page, whatever the order of the parameters", async () => {
    const before = keptDirectoryPages(handle.db);
    const a = await page(handle.db, "?type=ministry&sector=education");
    const b = await page(handle.db, "?sector=education&type=ministry&unknown=1");
    expect(b.queries).toBe(1);
    expect(b.data).toBe(a.data);
    const sq = await page(handle.db, "?type=ministry&sector=education", "sq");
    expect(sq.data).not.toBe(a.data);
    expect(sq.data.choices.type).not.toEqual(a.data.choices.type);
    expect(keptDirectoryPages(handle.db)).toBe(before + 2);
  });

  it("show an organisation renamed by direct SQL at the next request, on every instance", async () => {
    await page(handle.db, "?type=ministry");
    await page(other, "?type=ministry");
    await sql`update organisation set name = jsonb_set(name, '{en}', '"Ministry of Work"') where slug = ${LABOUR}`.execute(
      other,
    );
    for (const db of [handle.db, other]) {
      const { data, queries } = await page(db, "?type=ministry");
      expect(queries).toBeGreaterThan(1);
      expect(entry(data, LABOUR)?.name?.text).toBe("Ministry of Work");
    }
  });

  it("show a sector given to an organisation by direct SQL at the next request, on every instance", async () => {
    const before = await page(handle.db, "?type=ministry");
    await page(other, "?type=ministry");
    expect(entry(before.data, LABOUR)?.sectors).not.toContain("Housing");
    await sql`insert into organisation_sector (organisation_id, sector_code)
      select id, 'housing' from organisation where slug = ${LABOUR}`.execute(other);
    for (const db of [handle.db, other]) {
      expect(entry((await page(db, "?type=ministry")).data, LABOUR)?.sectors).toContain("Housing");
      expect(entry((await page(db, "?sector=housing")).data, LABOUR)).toBeDefined();
    }
  });

  it("count an organisation given a community by direct SQL at the next request, on every instance", async () => {
    const { rows } = await sql<{ code: string }>`select code from community where code <> 'not_declared'
      and code not in (select c.community_code from organisation_community c join organisation o on o.id = c.organisation_id where o.slug = ${LABOUR})
      order by sort_order limit 1`.execute(handle.db);
    const community = rows[0]!.code;
    const before = (await page(handle.db, `?community=${community}`)).data.total;
    await page(other, `?community=${community}`);
    await sql`insert into organisation_community (organisation_id, community_code)
      select id, ${community} from organisation where slug = ${LABOUR}`.execute(handle.db);
    for (const db of [handle.db, other]) {
      const { data } = await page(db, `?community=${community}`);
      expect(data.total).toBe(before + 1);
      expect(entry(data, LABOUR)).toBeDefined();
    }
  });

  it("show a renamed sector (reference data) at the next request, on every instance", async () => {
    await page(handle.db, "?type=ministry");
    await page(other, "?type=ministry");
    await sql`update sector set name = jsonb_set(name, '{en}', '"Work and welfare"') where code = 'employment_social_welfare'`.execute(
      handle.db,
    );
    for (const db of [handle.db, other]) {
      const { data } = await page(db, "?type=ministry");
      expect(entry(data, LABOUR)?.sectors).toContain("Work and welfare");
      expect(data.choices.sector.map((c) => c.label)).toContain("Work and welfare");
    }
  });
});

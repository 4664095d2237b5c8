import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { seedDemoContent } from "#app/db/seed/demo.server.ts";
import * as home from "#app/modules/pages/routes/home.tsx";
import * as about from "#app/modules/pages/routes/about.tsx";
import * as municipalitiesIndex from "#app/modules/municipalities/routes/municipalities-index.tsx";
import * as municipalityDetail from "#app/modules/municipalities/routes/municipality-detail.tsx";
import * as newsIndex from "#app/modules/news/routes/news-index.tsx";
import * as newsDetail from "#app/modules/news/routes/news-detail.tsx";
import * as strategiesIndex from "#app/modules/strategies/routes/strategies-index.tsx";
import * as strategyDetail from "#app/modules/strategies/routes/strategy-detail.tsx";
import * as planDetail from "#app/modules/strategies/routes/plan-detail.tsx";
import * as measureDetail from "#app/modules/strategies/routes/measure-detail.tsx";
import { createTestDatabase } from "../support/test-database.ts";

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

/** Every public page type, with the URL and params its loader receives. */
const PAGES: { name: string; loader: Loader; path: string; params: Record<string, string> }[] = [
  { name: "home", loader: home.loader as Loader, path: "/en/", params: { lang: "en" } },
  { name: "about", loader: about.loader as Loader, path: "/en/about", params: { lang: "en" } },
  { name: "municipalities", loader: municipalitiesIndex.loader as Loader, path: "/en/municipalities?community=roma", params: { lang: "en" } },
  { name: "municipality", loader: municipalityDetail.loader as Loader, path: "/en/municipalities/20-prizren", params: { lang: "en", municipality: "20-prizren" } },
  { name: "news list", loader: newsIndex.loader as Loader, path: "/en/news", params: { lang: "en" } },
  { name: "news list, later page", loader: newsIndex.loader as Loader, path: "/en/news?page=2", params: { lang: "en" } },
  { name: "news item", loader: newsDetail.loader as Loader, path: "/en/news/kosint-2020-project-launch", params: { lang: "en", slug: "kosint-2020-project-launch" } },
  { name: "strategies", loader: strategiesIndex.loader as Loader, path: "/en/strategies", params: { lang: "en" } },
  { name: "strategy", loader: strategyDetail.loader as Loader, path: "/en/strategies/roma-ashkali-inclusion-2017-2021", params: { lang: "en", slug: "roma-ashkali-inclusion-2017-2021" } },
  { name: "local action plan", loader: planDetail.loader as Loader, path: "/en/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ", params: { lang: "en", slug: "roma-ashkali-inclusion-2017-2021", code: "RA-2017-2021-PZ" } },
  { name: "measure", loader: measureDetail.loader as Loader, path: "/en/measures/1", params: { lang: "en", id: "1" } },
];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db);
});
afterAll(() => handle.close());

async function countQueries(page: (typeof PAGES)[number]): Promise<number> {
  const context = { db: handle.db, logger: pino({ level: "silent" }), nonce: "", requestId: "test", publicUrl: "http://localhost" };
  const { stats } = await withQueryStats(async () => {
    try {
      await page.loader({ request: new Request(`http://localhost${page.path}`), params: page.params, context });
    } catch (thrown) {
      // A redirect or 404 is still an answer; anything else is a failure.
      if (!(thrown instanceof Response) && !(thrown && typeof thrown === "object" && "init" in thrown)) throw thrown;
    }
  });
  return stats.queries;
}

/** Adds hundreds of rows to every table the public pages read, so any per-row query shows. */
async function growData(): Promise<void> {
  const now = Date.now();
  const news = Array.from({ length: 400 }, (_, i) => ({
    slug: `grown-news-${i}`,
    original_locale: (["sq", "sr", "en"] as const)[i % 3]!,
    published_at: new Date(now - (i + 1) * 3_600_000),
    title: { sq: `Lajm ${i}`, sr: `Vest ${i}`, en: `News ${i}` },
    summary: { en: `Summary ${i}` },
    body: { sq: `Tekst ${i}`, sr: `Tekst ${i}`, en: `Body ${i}` },
  }));
  await handle.db.insertInto("news_item").values(news).execute();
  const settlements = Array.from({ length: 1000 }, (_, i) => ({
    id: 90_000_000 + i,
    kas_code: "20",
    name: `Fshati ${i}`,
    name_ascii: `Fshati ${i}`,
    name_cyrl: null,
    alternate_names: "",
    latitude: 42.2,
    longitude: 20.7,
    feature_code: "PPL",
  }));
  await handle.db.insertInto("settlement").values(settlements).execute();
}

describe("SQL queries per public page", () => {
  it("do not grow with the data", async () => {
    const before = new Map<string, number>();
    for (const page of PAGES) before.set(page.name, await countQueries(page));
    await growData();
    for (const page of PAGES) {
      const after = await countQueries(page);
      expect(after, `${page.name}: ${before.get(page.name)} queries before, ${after} after`).toBe(before.get(page.name));
      expect(after, page.name).toBeGreaterThan(0);
      expect(after, `${page.name} issues too many queries`).toBeLessThanOrEqual(6);
    }
  });
});

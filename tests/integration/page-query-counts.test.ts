import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import { upsertSearchEntries } from "#app/services/search-index.server.ts";
import * as home from "#app/modules/pages/routes/home.tsx";
import * as about from "#app/modules/pages/routes/about.tsx";
import * as municipalitiesIndex from "#app/modules/municipalities/routes/municipalities-index.tsx";
import * as municipalityDetail from "#app/modules/municipalities/routes/municipality-detail.tsx";
import * as newsIndex from "#app/modules/clearing-house/news/routes/news-index.tsx";
import * as newsDetail from "#app/modules/clearing-house/news/routes/news-detail.tsx";
import * as projectsIndex from "#app/modules/projects/routes/projects-index.tsx";
import * as projects3w from "#app/modules/projects/routes/projects-3w.tsx";
import * as projectDetail from "#app/modules/projects/routes/project-detail.tsx";
import * as libraryIndex from "#app/modules/library/routes/library-index.tsx";
import * as libraryDetail from "#app/modules/library/routes/library-detail.tsx";
import * as knowYourRights from "#app/modules/library/routes/library-know-your-rights.tsx";
import * as searchPage from "#app/modules/search/routes/search.tsx";
import * as needsStats from "#app/modules/needs/public/routes/needs-stats.tsx";
import * as needsNew from "#app/modules/needs/public/routes/needs-new.tsx";
import * as strategiesIndex from "#app/modules/plans/strategies/routes/strategies-index.tsx";
import * as strategyDetail from "#app/modules/plans/strategies/routes/strategy-detail.tsx";
import * as planDetail from "#app/modules/plans/strategies/routes/plan-detail.tsx";
import * as measureDetail from "#app/modules/plans/strategies/routes/measure-detail.tsx";
import * as eventsIndex from "#app/modules/clearing-house/events/routes/events-index.tsx";
import * as eventsDetail from "#app/modules/clearing-house/events/routes/events-detail.tsx";
import * as recommendationsIndex from "#app/modules/clearing-house/events/routes/recommendations-index.tsx";
import * as servicesIndex from "#app/modules/clearing-house/services/routes/services-index.tsx";
import * as servicesDetail from "#app/modules/clearing-house/services/routes/services-detail.tsx";
import * as opportunitiesIndex from "#app/modules/clearing-house/opportunities/routes/opportunities-index.tsx";
import * as opportunitiesDetail from "#app/modules/clearing-house/opportunities/routes/opportunities-detail.tsx";
import * as directoryIndex from "#app/modules/clearing-house/directory/routes/directory-index.tsx";
import * as directoryDetail from "#app/modules/clearing-house/directory/routes/directory-detail.tsx";
import * as newsFeedRss from "#app/modules/clearing-house/news/routes/news-feed-rss.ts";
import * as eventsFeed from "#app/modules/clearing-house/events/routes/events-feed.ts";
import * as opportunitiesFeed from "#app/modules/clearing-house/opportunities/routes/opportunities-feed.ts";
import { growClearingHouse } from "../support/clearing-house-growth.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { workspaceContext } from "../support/workspace-actors.ts";

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

/** A public page: its route module's loader, the path it is asked for, and its params besides `lang: "en"`. */
const page = (name: string, loader: unknown, path: string, params: Record<string, string> = {}) => ({
  name,
  loader: loader as Loader,
  path,
  params: { lang: "en", ...params },
});

/** Every public page type, with the URL and params its loader receives. */
const PAGES = [
  page("home", home.loader, "/en/"),
  page("about", about.loader, "/en/about"),
  page("municipalities", municipalitiesIndex.loader, "/en/municipalities?community=roma"),
  page("municipality", municipalityDetail.loader, "/en/municipalities/20-prizren", { municipality: "20-prizren" }),
  page("news list", newsIndex.loader, "/en/news"),
  page("news list, later page", newsIndex.loader, "/en/news?page=2"),
  page("news item", newsDetail.loader, "/en/news/kosint-2020-project-launch", { slug: "kosint-2020-project-launch" }),
  page("projects", projectsIndex.loader, "/en/projects"),
  page("projects 3W", projects3w.loader, "/en/projects/3w?sector=return_reintegration"),
  page("projects, later page", projectsIndex.loader, "/en/projects?page=3"),
  page("projects 3W, unfiltered", projects3w.loader, "/en/projects/3w"),
  page("project", projectDetail.loader, "/en/projects/2", { id: "2" }),
  page("library", libraryIndex.loader, "/en/library?sector=housing&sort=title"),
  page("know your rights", knowYourRights.loader, "/en/library/know-your-rights"),
  page("library document", libraryDetail.loader, "/en/library/law-on-the-use-of-languages", {
    slug: "law-on-the-use-of-languages",
  }),
  page("search", searchPage.loader, "/en/search?q=strategy%20roma"),
  page("needs statistics", needsStats.loader, "/en/needs"),
  page("needs submission form", needsNew.loader, "/en/needs/new?municipality=20"),
  page("strategies", strategiesIndex.loader, "/en/strategies"),
  page("strategy", strategyDetail.loader, "/en/strategies/roma-ashkali-inclusion-2017-2021", {
    slug: "roma-ashkali-inclusion-2017-2021",
  }),
  page(
    "local action plan",
    planDetail.loader,
    "/en/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ",
    { slug: "roma-ashkali-inclusion-2017-2021", code: "RA-2017-2021-PZ" },
  ),
  page("measure", measureDetail.loader, "/en/measures/1", { id: "1" }),
  // clearing house
  page("events, upcoming", eventsIndex.loader, "/en/events"),
  page("events, past, filtered", eventsIndex.loader, "/en/events?when=past&kind=sector_meeting"),
  page("event", eventsDetail.loader, "/en/events/third-regional-informative-session-prizren-2025-01-29", {
    slug: "third-regional-informative-session-prizren-2025-01-29",
  }),
  page("recommendations", recommendationsIndex.loader, "/en/recommendations?overdue=1"),
  page("services", servicesIndex.loader, "/en/services?municipality=20"),
  page("service", servicesDetail.loader, "/en/services/civil-registration", { slug: "civil-registration" }),
  page("opportunities", opportunitiesIndex.loader, "/en/opportunities"),
  page("opportunities, closed", opportunitiesIndex.loader, "/en/opportunities?expired=1"),
  page(
    "opportunity",
    opportunitiesDetail.loader,
    "/en/opportunities/demo-scholarships-roma-ashkali-egyptian-students",
    { slug: "demo-scholarships-roma-ashkali-egyptian-students" },
  ),
  page("organisations", directoryIndex.loader, "/en/organizations?type=ministry"),
  page("organisation", directoryDetail.loader, "/en/organizations/ministry-of-labour-and-social-welfare", {
    slug: "ministry-of-labour-and-social-welfare",
  }),
  page("news feed", newsFeedRss.loader, "/en/news/feed.rss"),
  page("events calendar", eventsFeed.loader, "/en/events/feed.ics"),
  page("opportunities feed", opportunitiesFeed.loader, "/en/opportunities/feed.rss"),
];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoContent(handle.db);
});
afterAll(() => handle.close());

/**
 * The statements of the page's first request and of the next one: a page may keep figures until a
 * write (the strategy figures, decision 044), so its first request after a write (or in this
 * process) computes them and the next ones do not. Both must stay the same as the data grows.
 */
async function countFirstAndNext(page: (typeof PAGES)[number]): Promise<{ first: number; next: number }> {
  const first = await countQueries(page);
  return { first, next: await countQueries(page) };
}

async function countQueries(page: (typeof PAGES)[number]): Promise<number> {
  const context = workspaceContext(handle.db, null);
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
  const org = await handle.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();
  const docs = await handle.db
    .insertInto("library_document")
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        slug: `grown-doc-${i}`,
        doc_type: "report" as const,
        title: { en: `Strategy report ${i}` },
        original_locale: "en" as const,
        organisation_id: org.id,
        issued_on: `20${10 + (i % 15)}-01-01`,
        status: "published" as const,
        is_know_your_rights: i % 2 === 0,
      })),
    )
    .returning("id")
    .execute();
  await handle.db
    .insertInto("library_document_sector")
    .values(docs.map((d) => ({ document_id: d.id, sector_code: "housing" })))
    .execute();
  await upsertSearchEntries(
    handle.db,
    docs.map((d, i) => ({
      kind: "document",
      refId: d.id,
      title: { en: `Strategy report ${i}` },
      body: "roma strategy",
      path: `library/grown-doc-${i}`,
    })),
  );
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
  // projects: grown projects with their lists, so a per-row query on the project pages shows.
  const owner = await handle.db.selectFrom("organisation").select("id").executeTakeFirstOrThrow();
  const projects = await handle.db
    .insertInto("project")
    .values(
      Array.from({ length: 300 }, (_, i) => ({
        title: { en: `Project ${i}` },
        owner_organisation_id: owner.id,
        activity_status: "implementation" as const,
        validation_status: "validated" as const,
        planned_start: "2024-01-01",
        planned_end: "2026-12-31",
        budget: "1000.00",
      })),
    )
    .returning("id")
    .execute();
  // Each grown project's lists: a municipality, a sector, a community, a funder and a commitment.
  const lists = projects.map((p, i) => ({
    municipality: { project_id: p.id, kas_code: String((i % 38) + 1).padStart(2, "0"), budget_share: null },
    sector: { project_id: p.id, sector_code: "return_reintegration" },
    community: { project_id: p.id, community_code: "roma" },
    organisation: { project_id: p.id, organisation_id: owner.id, role: "funding" as const },
    finance: { project_id: p.id, year: 2025, kind: "commitment" as const, amount: "1000.00" },
  }));
  await handle.db
    .insertInto("project_municipality")
    .values(lists.map((l) => l.municipality))
    .execute();
  await handle.db
    .insertInto("project_sector")
    .values(lists.map((l) => l.sector))
    .execute();
  await handle.db
    .insertInto("project_community")
    .values(lists.map((l) => l.community))
    .execute();
  await handle.db
    .insertInto("project_organisation")
    .values(lists.map((l) => l.organisation))
    .execute();
  await handle.db
    .insertInto("project_finance")
    .values(lists.map((l) => l.finance))
    .execute();
  const cases = Array.from({ length: 500 }, (_, i) => ({
    reference: `grown-${i}`,
    tracking_hash: `grown-${String(i).padStart(6, "0")}`,
    category: "education" as const,
    kas_code: i % 2 ? "20" : "34",
    community_code: i % 3 ? "roma" : null,
    description: `Grown case ${i}`,
    submitted_locale: "en",
    status_changed_at: new Date(now),
    due_at: new Date(now + 3 * 86_400_000),
    created_at: new Date(now - i * 3_600_000),
    updated_at: new Date(now),
  }));
  const inserted = await handle.db.insertInto("need_case").values(cases).returning(["id", "created_at"]).execute();
  // Half of them resolved, so the median of the statistics page has a history to read (it must not).
  await handle.db
    .insertInto("need_status_change")
    .values(
      inserted
        .filter((_, i) => i % 2 === 0)
        .map((c, i) => ({
          case_id: c.id,
          from_status: "in_review" as const,
          to_status: "resolved" as const,
          created_at: new Date(new Date(c.created_at).getTime() + (i % 40) * 86_400_000),
        })),
    )
    .execute();
  await growClearingHouse(handle.db);
  await growStrategy();
}

/** 300 more measures (with budgets) in the demo strategy's national plan and 60 in Prizren's local plan, implementing them. */
async function growStrategy(): Promise<void> {
  const plans = await handle.db
    .selectFrom("action_plan as p")
    .innerJoin("strategy as s", "s.id", "p.strategy_id")
    .select(["p.id", "p.kind", "p.code"])
    .where("s.slug", "=", "roma-ashkali-inclusion-2017-2021")
    .where((eb) => eb.or([eb("p.kind", "=", "national"), eb("p.code", "=", "RA-2017-2021-PZ")]))
    .execute();
  const responsible = await handle.db.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();
  let implementsPool: number[] = [];
  for (const plan of [...plans].sort((a, b) => (a.kind === "national" ? -1 : b.kind === "national" ? 1 : 0))) {
    const objectives = await handle.db
      .selectFrom("objective")
      .select("id")
      .where("action_plan_id", "=", plan.id)
      .orderBy("id")
      .execute();
    const count = plan.kind === "national" ? 300 : 60;
    const measures = await handle.db
      .insertInto("measure")
      .values(
        Array.from({ length: count }, (_, i) => ({
          action_plan_id: plan.id,
          objective_id: objectives[i % objectives.length]!.id,
          code: `${plan.kind === "national" ? "G" : "GL"}.${i + 1}`,
          title: { sq: `Masë e shtuar ${i}`, en: `Grown measure ${i}` },
          responsible_organisation_id: responsible.id,
          start_date: "2018-01-01",
          end_date: "2021-12-31",
          implements_measure_id: plan.kind === "local" ? (implementsPool[i % implementsPool.length] ?? null) : null,
          sort_order: 1000 + i,
        })),
      )
      .returning("id")
      .execute();
    if (plan.kind === "national") implementsPool = measures.map((m) => m.id);
    await handle.db
      .insertInto("measure_budget")
      .values(
        measures.flatMap((m, i) =>
          [2018, 2019].map((year) => ({
            measure_id: m.id,
            year,
            source: "government" as const,
            amount: String(1000 + i),
          })),
        ),
      )
      .execute();
  }
}

describe("SQL queries per public page", () => {
  it("do not grow with the data", async () => {
    const before = new Map<string, { first: number; next: number }>();
    for (const page of PAGES) before.set(page.name, await countFirstAndNext(page));
    await growData();
    for (const page of PAGES) {
      const after = await countFirstAndNext(page);
      const was = before.get(page.name)!;
      expect(after.first, `${page.name}: ${was.first} queries before, ${after.first} after`).toBe(was.first);
      expect(after.next, `${page.name}, next request: ${was.next} queries before, ${after.next} after`).toBe(was.next);
      expect(after.first, page.name).toBeGreaterThan(0);
      expect(after.next, page.name).toBeGreaterThan(0);
      expect(after.first, `${page.name} issues too many queries`).toBeLessThanOrEqual(6);
      expect(after.next, `${page.name} issues too many queries`).toBeLessThanOrEqual(6);
    }
  });
});

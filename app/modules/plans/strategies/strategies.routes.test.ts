import SwaggerParser from "@apidevtools/swagger-parser";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { createRandom } from "../../../../bench/random.ts";
import {
  clearGeneratedStrategies,
  generateStrategyPlanInTransaction,
} from "../../../../bench/generators/strategy-plans.ts";
import { PAGE_SECTIONS } from "../../../../server/modules.ts";
import { createTestApp } from "../../../../tests/support/test-app.ts";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import { loader as municipalityLoader } from "#app/modules/municipalities/routes/municipality-detail.tsx";
import { loader as downloadIndicators } from "./routes/download-measure-indicators.tsx";
import { loader as downloadMeasures } from "./routes/download-plan-measures.tsx";
import { loader as downloadStrategies } from "./routes/download-strategies.tsx";
// The pages' view models, which the loaders render their long parts from (kept HTML, decision 063).
import {
  measureView as measureLoader,
  planView as planLoader,
  strategyView as strategyLoader,
} from "./strategies.parts.server.tsx";
import { loader as indexLoader } from "./routes/strategies-index.tsx";
import { neutraliseFormula, toCsv } from "#app/services/downloads.server.ts";
import type { DownloadTable } from "./strategies.downloads.server.ts";
import { seedStrategiesDemo } from "../strategies.seed.server.ts";
import { expectInvalidRequests } from "../../../../tests/support/api-requests.ts";
import { organisationIdBySlug } from "../../../../tests/support/organisation-ids.ts";

const SLUG = "roma-ashkali-inclusion-2017-2021";
let handle: DatabaseHandle;
let app: ReturnType<typeof createTestApp>;
let draftMeasureId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  await handle.db.transaction().execute((trx) => seedStrategiesDemo(trx));
  // A draft strategy with a draft plan and one measure: none of it may reach the public.
  const owner = await organisationIdBySlug(handle.db, "office-for-good-governance");
  const strategy = await handle.db
    .insertInto("strategy")
    .values({
      slug: "draft-strategy",
      title: { en: "A draft strategy" },
      period_start_year: 2026,
      period_end_year: 2030,
      owner_organisation_id: owner,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plan = await handle.db
    .insertInto("action_plan")
    .values({
      strategy_id: strategy.id,
      kind: "national",
      code: "DRAFT-1",
      title: { en: "Draft plan" },
      period_start_year: 2026,
      period_end_year: 2030,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sector = await handle.db
    .insertInto("plan_sector")
    .values({ action_plan_id: plan.id, sector_code: "health" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const objective = await handle.db
    .insertInto("objective")
    .values({ action_plan_id: plan.id, plan_sector_id: sector.id, code: "1", title: { en: "Objective" } })
    .returning("id")
    .executeTakeFirstOrThrow();
  const measure = await handle.db
    .insertInto("measure")
    .values({
      action_plan_id: plan.id,
      objective_id: objective.id,
      code: "D1",
      title: { en: "Secret draft measure" },
      responsible_organisation_id: owner,
      start_date: "2026-01-01",
      end_date: "2026-12-31",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  draftMeasureId = measure.id;
  app = createTestApp(handle);
});
afterAll(() => handle.close());

type AnyLoader = (args: never) => Promise<unknown>;
function call<L extends AnyLoader>(loader: L, path: string, params: Record<string, string>): ReturnType<L> {
  return loader({
    request: new Request(`http://localhost${path}`),
    params,
    context: { db: handle.db, pageSections: PAGE_SECTIONS },
  } as never) as ReturnType<L>;
}

/** The status of what a loader threw (a 404 data() or a Response). */
async function statusThrown(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    if (thrown && typeof thrown === "object" && "init" in thrown)
      return (thrown as { init: ResponseInit | null }).init?.status ?? 200;
    throw thrown;
  }
  return 200;
}

const nationalMeasureId = async (code: string) =>
  (
    await handle.db
      .selectFrom("measure")
      .innerJoin("action_plan", "action_plan.id", "measure.action_plan_id")
      .select("measure.id")
      .where("action_plan.code", "=", "RA-2017-2021")
      .where("measure.code", "=", code)
      .executeTakeFirstOrThrow()
  ).id;

describe("public pages", () => {
  it("list only adopted and closed strategies, with progress 'not yet reported'", async () => {
    const page = await call(indexLoader, "/en/strategies", { lang: "en" });
    expect(page.strategies.map((s) => s.slug)).toEqual([SLUG]);
    expect(page.strategies[0]?.progress).toEqual({ kind: "not_reported" });
    expect(page.strategies[0]?.planCountLabel).toBe("4");
    expect(page.strategies[0]?.plannedLabel).toMatch(/^€[\d,]+$/);
  });

  it("show a strategy with sectors, chart, objectives, measures and local plans, every progress and spending 'not yet reported'", async () => {
    const page = await call(strategyLoader, `/sq/strategies/${SLUG}`, { lang: "sq", slug: SLUG });
    expect(page.title?.text).toMatch(/^Strategjia dhe Plani i Veprimit/);
    expect(page.progress).toEqual({ kind: "not_reported" });
    expect(page.sectors.rows.map((s) => s.code)).toEqual([
      "education",
      "employment_social_welfare",
      "health",
      "housing",
    ]);
    expect(page.sectors.years).toEqual([2017, 2018, 2019, 2020, 2021]);
    expect(page.sectors.chart?.svg).toMatch(/^<svg width="100%" role="img"/);
    for (const sector of page.sectors.rows) {
      expect(sector.progress).toEqual({ kind: "not_reported" });
      expect(sector.spent).toEqual({ kind: "not_reported" });
    }
    for (const objective of page.objectives) expect(objective.progress).toEqual({ kind: "not_reported" });
    // Nine measures, and 1.1.3: an education objective's social welfare measure (decision 045).
    expect(page.measures.total).toBe(10);
    for (const measure of page.measures.rows) {
      expect(measure.status).toEqual({ kind: "not_reported" });
      expect(measure.spent).toEqual({ kind: "not_reported" });
    }
    expect(page.localPlans.map((p) => p.municipality?.name).sort()).toEqual(["Fushë Kosovë", "Gjakovë", "Prizren"]);
  });

  it("list an objective that spans sectors under each of its sectors, with that sector's measures, and count each measure once", async () => {
    const page = await call(strategyLoader, `/en/strategies/${SLUG}`, { lang: "en", slug: SLUG });
    // Objective 1.1 (education) has a measure of its own in employment and social welfare (1.1.3).
    const rows = page.objectives.map((o) => `${o.code} ${o.sectorCode} ${o.measureCountLabel}`);
    expect(rows).toEqual([
      "1.1 education 2",
      "1.1 employment_social_welfare 1",
      "2.1 employment_social_welfare 2",
      "2.2 employment_social_welfare 1",
      "3.1 health 2",
      "4.1 housing 2",
    ]);
    expect(new Set(page.objectives.map((o) => o.key)).size).toBe(page.objectives.length);
    // The sectors table counts every measure once, in its own sector: 10 in all.
    expect(page.sectors.rows.map((s) => `${s.code} ${s.measureCountLabel}`)).toEqual([
      "education 2",
      "employment_social_welfare 4",
      "health 2",
      "housing 2",
    ]);
    // €25,000 + €30,000 × 3 planned for 1.1.3 are in the welfare row, not in education's.
    expect(
      page.objectives.find((o) => o.code === "1.1" && o.sectorCode === "employment_social_welfare")?.plannedLabel,
    ).toBe("€115,000");
    const welfare = await call(strategyLoader, `/en/strategies/${SLUG}?sector=employment_social_welfare`, {
      lang: "en",
      slug: SLUG,
    });
    expect(welfare.objectives.map((o) => o.code)).toEqual(["1.1", "2.1", "2.2"]);
    expect(welfare.measures.rows.map((m) => m.code)).toEqual(["1.1.3", "2.1.1", "2.1.2", "2.2.1"]);
    const education = await call(strategyLoader, `/en/strategies/${SLUG}?sector=education`, { lang: "en", slug: SLUG });
    expect(education.measures.rows.map((m) => m.code)).toEqual(["1.1.1", "1.1.2"]);
  });

  it("filter the measures table by sector and page through it", async () => {
    const page = await call(strategyLoader, `/en/strategies/${SLUG}?sector=health`, { lang: "en", slug: SLUG });
    expect(page.measures.sector).toBe("health");
    expect(page.measures.rows.map((m) => m.code)).toEqual(["3.1.1", "3.1.2"]);
    const past = await call(strategyLoader, `/en/strategies/${SLUG}?page=9&sector=%3Cscript%3E`, {
      lang: "en",
      slug: SLUG,
    });
    expect(past.measures.sector).toBeNull();
    expect(past.measures.rows).toEqual([]);
  });

  it("answer 404 for a draft strategy, its plan and its measure, and for unknown or malformed ones", async () => {
    expect(
      await statusThrown(call(strategyLoader, "/en/strategies/draft-strategy", { lang: "en", slug: "draft-strategy" })),
    ).toBe(404);
    expect(
      await statusThrown(
        call(planLoader, "/en/strategies/draft-strategy/plans/DRAFT-1", {
          lang: "en",
          slug: "draft-strategy",
          code: "DRAFT-1",
        }),
      ),
    ).toBe(404);
    expect(
      await statusThrown(
        call(measureLoader, `/en/measures/${draftMeasureId}`, { lang: "en", id: String(draftMeasureId) }),
      ),
    ).toBe(404);
    expect(await statusThrown(call(strategyLoader, "/en/strategies/nope", { lang: "en", slug: "nope" }))).toBe(404);
    expect(await statusThrown(call(strategyLoader, "/en/strategies/%3Cx%3E", { lang: "en", slug: "<x>" }))).toBe(404);
    expect(await statusThrown(call(measureLoader, "/en/measures/abc", { lang: "en", id: "abc" }))).toBe(404);
    expect(
      await statusThrown(
        call(planLoader, `/en/strategies/${SLUG}/plans/RA-2017-2021-XX`, {
          lang: "en",
          slug: SLUG,
          code: "RA-2017-2021-XX",
        }),
      ),
    ).toBe(404);
  });

  it("show a local plan with each measure against the national measure it implements", async () => {
    const page = await call(planLoader, `/en/strategies/${SLUG}/plans/RA-2017-2021-PZ`, {
      lang: "en",
      slug: SLUG,
      code: "RA-2017-2021-PZ",
    });
    expect(page.kind).toBe("local");
    expect(page.municipality?.name).toBe("Prizren");
    expect(page.measures.rows.map((m) => m.implements?.code)).toEqual(["1.1.2", "2.1.2", "4.1.1"]);
    expect(page.measures.rows[0]?.responsible.name?.text).toMatch(/Prizren/);
  });

  it("show a measure's budget, institutions, communities, indicators and the local measures implementing it", async () => {
    const id = await nationalMeasureId("1.1.2");
    const page = await call(measureLoader, `/en/measures/${id}`, { lang: "en", id: String(id) });
    expect(page.isDemo).toBe(true);
    expect(page.status).toEqual({ kind: "not_reported" });
    expect(page.budget.sources).toEqual(["government", "donor"]);
    expect(page.budget.spent).toEqual({ kind: "not_reported" });
    expect(page.communities.map((c) => c.name?.text)).toEqual(["Roma", "Ashkali"]);
    expect(page.supporting).toHaveLength(2);
    const indicator = page.indicators[0]!;
    expect(indicator.actuals).toEqual({ kind: "not_reported" });
    expect(indicator.baselineLabel).toBe("1,200");
    expect(indicator.targets.map((t) => t.year)).toEqual([2017, 2018, 2019, 2020, 2021]);
    expect(indicator.disaggregation).toEqual(["Roma", "Ashkali"]);
    expect(indicator.chart?.svg).toContain("<svg");
    expect(page.implementing.map((m) => m.municipality.name).sort()).toEqual(["Fushë Kosovë", "Gjakovë", "Prizren"]);
  });

  it("add the local action plan to the municipality page, rolled up by national measure", async () => {
    const page = await call(municipalityLoader, "/sr/municipalities/20-prizren", {
      lang: "sr",
      municipality: "20-prizren",
    });
    // The plans module's section of the municipality page, handed to it by the host (decision 049).
    expect(page.sections.map((section) => section.kind)).toEqual(["local-plans"]);
    const section = page.sections[0]!;
    expect(section.plans).toHaveLength(1);
    const plan = section.plans[0]!;
    expect(plan.groups.map((g) => g.national?.code)).toEqual(["1.1.2", "2.1.2", "4.1.1"]);
    expect(plan.progress).toEqual({ kind: "not_reported", text: "Još nije prijavljeno" });
    const none = await call(municipalityLoader, "/en/municipalities/38-mitrovice-e-veriut", {
      lang: "en",
      municipality: "38-mitrovice-e-veriut",
    }).catch(() => null);
    if (none) {
      expect(none.sections[0]!.plans).toEqual([]);
      expect(none.sections[0]!.intro.kind).toBe("none");
    }
  });

  it("run the same number of queries for a 600-measure plan as for the demo plan", async () => {
    // The strategy figures are kept until a write (decision 044): the first request after one (the
    // 600-measure plan is one) computes them in exactly one more statement; the next ones do not.
    const count = async (fn: () => Promise<unknown>) => {
      const first = (await withQueryStats(fn)).stats.queries;
      const next = (await withQueryStats(fn)).stats.queries;
      expect(first - next, "the first request after a write pays at most one statement more").toBeGreaterThanOrEqual(0);
      expect(first - next, "the first request after a write pays at most one statement more").toBeLessThanOrEqual(1);
      return next;
    };
    const demoMeasure = await nationalMeasureId("1.1.1");
    const small = {
      strategy: await count(() => call(strategyLoader, `/en/strategies/${SLUG}`, { lang: "en", slug: SLUG })),
      plan: await count(() =>
        call(planLoader, `/en/strategies/${SLUG}/plans/RA-2017-2021`, { lang: "en", slug: SLUG, code: "RA-2017-2021" }),
      ),
      measure: await count(() =>
        call(measureLoader, `/en/measures/${demoMeasure}`, { lang: "en", id: String(demoMeasure) }),
      ),
      list: await count(() => call(indexLoader, "/en/strategies", { lang: "en" })),
    };
    const big = await generateStrategyPlanInTransaction(
      handle.db,
      createRandom(7),
      { measures: 600, indicatorsPerMeasure: 3, localPlans: 4, localMeasures: 15 },
      "test",
    );
    const large = {
      strategy: await count(() => call(strategyLoader, `/en/strategies/${big.slug}`, { lang: "en", slug: big.slug })),
      plan: await count(() =>
        call(planLoader, `/en/strategies/${big.slug}/plans/${big.nationalPlanCode}`, {
          lang: "en",
          slug: big.slug,
          code: big.nationalPlanCode,
        }),
      ),
      measure: await count(() =>
        call(measureLoader, `/en/measures/${big.firstMeasureId}`, { lang: "en", id: String(big.firstMeasureId) }),
      ),
      list: await count(() => call(indexLoader, "/en/strategies", { lang: "en" })),
    };
    expect(large).toEqual(small);
    expect(small.strategy).toBeLessThanOrEqual(5);
    const page = await call(strategyLoader, `/en/strategies/${big.slug}`, { lang: "en", slug: big.slug });
    expect(page.measures.total).toBe(600);
    expect(page.measures.rows).toHaveLength(50);
    // 60 objectives: listed one sector at a time, with a link and a count per sector.
    expect(page.objectives).toEqual([]);
    expect(page.objectivesChoice).toMatchObject({ totalLabel: "60" });
    expect(page.objectivesChoice?.sectors.map((c) => c.href)).toContain("?sector=health#objectives-heading");
    const health = await call(strategyLoader, `/en/strategies/${big.slug}?sector=health`, {
      lang: "en",
      slug: big.slug,
    });
    expect(health.objectivesChoice).toBeNull();
    expect(health.objectives.length).toBe(
      Number(page.objectivesChoice?.sectors.find((c) => c.code === "health")?.countLabel),
    );
    expect(health.objectives.every((o) => o.sectorCode === "health")).toBe(true);
    // The small demo plan lists all its objectives at once.
    expect(
      (await call(strategyLoader, `/en/strategies/${SLUG}`, { lang: "en", slug: SLUG })).objectivesChoice,
    ).toBeNull();
    await clearGeneratedStrategies(handle.db);
    expect((await call(indexLoader, "/en/strategies", { lang: "en" })).strategies.map((s) => s.slug)).toEqual([SLUG]);
    expect(
      await handle.db.selectFrom("measure").select("id").where("action_plan_id", "=", big.nationalPlanId).execute(),
    ).toEqual([]);
  });
});

describe("downloads", () => {
  it("give the strategy list as CSV that parses back, in the reader's language", async () => {
    const response = (await call(downloadStrategies, "/sq/downloads/strategies?format=csv", {
      lang: "sq",
    })) as Response;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="strategies.csv"');
    const rows = parseCsv(await response.text(), { bom: true }) as string[][];
    expect(rows[0]?.[1]).toBe("Strategjia");
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe(SLUG);
    expect(rows[1]?.[10]).toBe("Ende e paraportuar");
  });

  it("give a plan's measures as XLSX that parses back with numbers as numbers", async () => {
    const response = (await call(downloadMeasures, "/en/downloads/plans/RA-2017-2021/measures?format=xlsx", {
      lang: "en",
      code: "RA-2017-2021",
    })) as Response;
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="RA-2017-2021-measures.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(11);
    expect(sheet.getRow(1).getCell(1).value).toBe("Code");
    expect(sheet.getRow(2).getCell(1).value).toBe("1.1.1");
    expect(typeof sheet.getRow(2).getCell(9).value).toBe("number");
    expect(sheet.getRow(2).getCell(10).value).toBe("Not yet reported");
  });

  it("give a measure's indicators as CSV, one row per target year", async () => {
    const id = await nationalMeasureId("1.1.1");
    const response = (await call(downloadIndicators, `/en/downloads/measures/${id}/indicators?format=csv`, {
      lang: "en",
      id: String(id),
    })) as Response;
    const rows = parseCsv(await response.text(), { bom: true }) as string[][];
    expect(rows.slice(1).map((r) => `${r[0]}:${r[6]}`)).toEqual([
      ...[2017, 2018, 2019, 2020, 2021].map((y) => `1.1.1-a:${y}`),
      ...[2017, 2018, 2019, 2020, 2021].map((y) => `1.1.1-b:${y}`),
    ]);
    expect(rows[1]?.[8]).toBe("Not yet reported");
  });

  it("refuse unknown formats with 400 and drafts with 404", async () => {
    expect(await statusThrown(call(downloadStrategies, "/en/downloads/strategies?format=pdf", { lang: "en" }))).toBe(
      400,
    );
    expect(
      await statusThrown(
        call(downloadMeasures, "/en/downloads/plans/DRAFT-1/measures", { lang: "en", code: "DRAFT-1" }),
      ),
    ).toBe(404);
    expect(
      await statusThrown(
        call(downloadIndicators, `/en/downloads/measures/${draftMeasureId}/indicators`, {
          lang: "en",
          id: String(draftMeasureId),
        }),
      ),
    ).toBe(404);
  });

  it("neutralise formulas in text cells (CSV injection)", () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula("+1")).toBe("'+1");
    expect(neutraliseFormula("-2")).toBe("'-2");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("Roma")).toBe("Roma");
    const table: DownloadTable = {
      fileName: "x",
      sheetName: "x",
      headers: ["a", "b"],
      rows: [
        ["=1+1", -5],
        ['say "hi", ok', null],
      ],
    };
    const csv = toCsv(table);
    expect(parseCsv(csv, { bom: true })).toEqual([
      ["a", "b"],
      ["'=1+1", "-5"],
      ['say "hi", ok', ""],
    ]);
  });
});

describe("/api/v1 strategies and measures", () => {
  const get = (path: string) => app.fetch(new Request(`http://localhost${path}`));

  it("lists public strategies with a summary of their plans", async () => {
    const body = (await (await get("/api/v1/strategies")).json()) as {
      data: {
        slug: string;
        plans: {
          code: string;
          kind: string;
          kasCode: string | null;
          measureCount: number;
          progress: { kind: string };
        }[];
      }[];
    };
    expect(body.data.map((s) => s.slug)).toEqual([SLUG]);
    const plans = body.data[0]!.plans;
    expect(plans.map((p) => p.kind)).toEqual(["national", "local", "local", "local"]);
    expect(plans.every((p) => p.progress.kind === "not_reported")).toBe(true);
    expect(plans[0]?.measureCount).toBe(10);
  });

  it("filters measures by sector, municipality and institution and pages through them", async () => {
    const all = (await (await get("/api/v1/measures")).json()) as {
      data: { id: number; sector: string; kasCode: string | null; status: { kind: string } }[];
      total: number;
    };
    expect(all.total).toBe(19);
    expect(all.data.every((m) => m.status.kind === "not_reported")).toBe(true);
    const health = (await (await get("/api/v1/measures?sector=health")).json()) as typeof all;
    expect(health.data.map((m) => m.sector)).toEqual(["health", "health"]);
    const gjakove = (await (await get("/api/v1/measures?municipality=02")).json()) as typeof all;
    expect(gjakove.total).toBe(3);
    expect(gjakove.data.every((m) => m.kasCode === "02")).toBe(true);
    const moh = await organisationIdBySlug(handle.db, "ministry-of-health");
    const byMoh = (await (await get(`/api/v1/measures?institution=${moh}&sector=health`)).json()) as typeof all;
    expect(byMoh.total).toBe(2);
    const page = (await (await get("/api/v1/measures?page=2&pageSize=5")).json()) as typeof all & { page: number };
    expect(page.data.map((m) => m.id)).toEqual(all.data.slice(5, 10).map((m) => m.id));
    expect(all.data.map((m) => m.id)).not.toContain(draftMeasureId);
  });

  it("answers 400 with the reasons for malformed filters", async () => {
    await expectInvalidRequests(get, "/api/v1/measures", [
      "sector=Health!",
      "municipality=39",
      "municipality=abc",
      "institution=-1",
      "institution=x",
      "page=0",
      "pageSize=10000",
    ]);
  });

  it("keeps the OpenAPI document valid with the new endpoints", async () => {
    const document = (await (await get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/strategies", "/measures"]));
  });
});

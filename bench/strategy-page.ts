// `npx tsx bench/strategy-page.ts`: server time and SQL query count of the strategy pages for a
// plan of --measures measures (default 2,000) with --indicators indicators each (default 3, so
// 6,000), next to the demo strategy, through the real Hono app and the production build.
// Options: --measures 2000 --indicators 3 --requests 30 --warmup 5 --seed 1 --no-approved (by default
// every measure has an approved report of one annual cycle, so progress and spending are computed).
// DATABASE_URL: measure on that PostgreSQL database (earlier generated strategies are replaced);
// otherwise an embedded database in a temporary folder. Reports figures only.
import "./production-env.ts";
import fs from "node:fs";
import { sql } from "kysely";
import { parseBenchArgs } from "./bench-args.ts";
import { migrateWithDemoContent, openBenchDatabase } from "./demo-database.ts";
import { createBenchApp, loadProductionBuild, timeRequests } from "./in-process-app.ts";
import { clearGeneratedStrategies, generateStrategyPagePlan } from "./generators/strategy-plans.ts";
import { approveGeneratedPlan } from "./generators/strategy-reports.ts";
import { formatTable, median, percentile } from "./stats.ts";

const values = parseBenchArgs({
  defaults: { measures: "2000", indicators: "3", requests: "30", warmup: "5", seed: "1" },
  flags: ["no-approved"],
});
const measures = Number(values.measures);
const indicators = Number(values.indicators);
const requests = Number(values.requests);
const warmup = Number(values.warmup);
if (!(measures > 0) || !(indicators >= 0) || !(requests > 0) || !(warmup >= 0))
  throw new Error("--measures, --indicators, --requests and --warmup must be positive numbers.");

async function main(): Promise<void> {
  const build = await loadProductionBuild();
  const { handle, dir } = await openBenchDatabase("cap-bench-strategy-");
  try {
    const { db } = handle;
    await migrateWithDemoContent(db);
    await clearGeneratedStrategies(db);
    const started = performance.now();
    const generated = await generateStrategyPagePlan(db, Number(values.seed), measures, indicators);
    // One approved cycle (unless --no-approved), so pages compute and show real progress and spending.
    if (!values["no-approved"]) await approveGeneratedPlan(db, generated.nationalPlanId);
    await sql`analyze`.execute(db);
    const counts = await db
      .selectFrom("measure")
      .select([
        (eb) => eb.fn.countAll<number>().as("measures"),
        sql<number>`(select count(*) from indicator i join measure m on m.id = i.measure_id where m.action_plan_id = ${generated.nationalPlanId})`.as(
          "indicators",
        ),
      ])
      .where("action_plan_id", "=", generated.nationalPlanId)
      .executeTakeFirstOrThrow();
    console.log(
      `Generated on ${handle.kind}: ${counts.measures} measures and ${counts.indicators} indicators in one national plan (+3 local plans)${values["no-approved"] ? "" : ", every measure with an approved report"} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );

    const app = createBenchApp(db, dir, build);
    const demoMeasure = await db
      .selectFrom("measure")
      .select("id")
      .where("code", "=", "1.1.2")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const lastPage = Math.ceil(measures / 50);
    const pages: [string, string][] = [
      ["strategies list", "/en/strategies"],
      ["demo strategy (9 measures)", "/en/strategies/roma-ashkali-inclusion-2017-2021"],
      [`strategy (${measures} measures)`, `/en/strategies/${generated.slug}`],
      [`strategy, last page (${lastPage})`, `/en/strategies/${generated.slug}?page=${lastPage}`],
      ["strategy, one sector", `/en/strategies/${generated.slug}?sector=health`],
      ["national plan page", `/en/strategies/${generated.slug}/plans/${generated.nationalPlanCode}`],
      ["local plan page", `/en/strategies/${generated.slug}/plans/${generated.localPlanCodes[0]}`],
      ["measure (3 indicators)", `/en/measures/${generated.firstMeasureId}`],
      ["demo measure", `/en/measures/${demoMeasure.id}`],
      ["API measures (100)", "/api/v1/measures?sector=health"],
      [`CSV of ${measures} measures`, `/en/downloads/plans/${generated.nationalPlanCode}/measures?format=csv`],
      [`XLSX of ${measures} measures`, `/en/downloads/plans/${generated.nationalPlanCode}/measures?format=xlsx`],
    ];
    const rows: (string | number)[][] = [];
    for (const [label, url] of pages) {
      const fetchPage = (address: string) =>
        app.fetch(new Request(`http://localhost${address}`, { headers: { "Accept-Encoding": "gzip" } }));
      const samples = (await timeRequests(fetchPage, url, { warmup, requests })).map((s) => ({
        ...s,
        app: s.app ?? Number.NaN,
        db: s.db ?? Number.NaN,
        queries: s.queries ?? Number.NaN,
      }));
      const q = samples.map((s) => s.queries);
      rows.push([
        label,
        Math.max(...samples.map((s) => s.status)),
        Math.min(...q) === Math.max(...q) ? String(q[0]) : `${Math.min(...q)}–${Math.max(...q)}`,
        median(samples.map((s) => s.db)),
        median(samples.map((s) => s.app)),
        percentile(
          samples.map((s) => s.app),
          95,
        ),
        median(samples.map((s) => s.total)),
        median(samples.map((s) => s.bytes)) / 1024,
      ]);
    }
    console.log(`\n${requests} requests per URL after ${warmup} warm-up, on ${handle.kind}; ms, medians unless stated`);
    console.log(
      formatTable(
        ["page", "status", "queries", "db ms p50", "app ms p50", "app ms p95", "total ms p50", "KB sent"],
        rows,
        [undefined, undefined, undefined, 1, 1, 1, 1, 1],
      ),
    );
    await clearGeneratedStrategies(db);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

// `DATABASE_URL=… npx tsx bench/strategy-page-profile.ts`: where the strategy page's server time
// goes, for a plan of --measures measures: each query of the loader on its own, the whole loader
// (queries + view model), and the view model alone (the pure part, from data already loaded).
// Rendering is measured by bench/strategy-page.ts (app time − loader time). Reports figures only.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { loadStrategyFigures, planFiguresOf } from "#app/modules/plans/progress.server.ts";
import { strategyPage } from "#app/modules/plans/strategies/strategies.pages.server.ts";
import { getPublicStrategy, listMeasureRows, listPlanMeasures } from "#app/modules/plans/strategies.queries.server.ts";
import { migrateWithDemoContent, openBenchDatabase } from "./demo-database.ts";
import { clearGeneratedStrategies, generateStrategyPagePlan } from "./generators/strategy-plans.ts";
import { approveGeneratedPlan } from "./generators/strategy-reports.ts";
import { formatTable, median, percentile } from "./stats.ts";

const { values } = parseArgs({
  options: {
    measures: { type: "string", default: "2000" },
    requests: { type: "string", default: "30" },
    approved: { type: "boolean", default: true },
    keep: { type: "boolean", default: false },
  },
});
const measures = Number(values.measures);
const requests = Number(values.requests);

async function timeIt(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return samples;
}

const { handle, dir } = await openBenchDatabase("cap-bench-strategy-profile-");
try {
  const { db } = handle;
  await migrateWithDemoContent(db);
  await clearGeneratedStrategies(db);
  const generated = await generateStrategyPagePlan(db, 1, measures, 3);
  if (values.approved) await approveGeneratedPlan(db, generated.nationalPlanId);
  await sql`analyze`.execute(db);
  const strategy = await getPublicStrategy(db, generated.slug);
  const planIds = strategy!.plans.map((p) => p.id);
  const id = generated.nationalPlanId;
  const firstPage = planFiguresOf(await loadStrategyFigures(db, planIds), id)
    .order.slice(0, 50)
    .map((m) => m.id);
  const steps: [string, () => Promise<unknown>][] = [
    ["getPublicStrategy", () => getPublicStrategy(db, generated.slug)],
    // Kept until a write (decision 044): the generation only; the bump makes the next call compute them.
    ["loadStrategyFigures (kept)", () => loadStrategyFigures(db, planIds)],
    [
      "loadStrategyFigures (after a write)",
      async () => {
        await sql`update strategy_figures_generation set generation = generation + 1`.execute(db);
        return loadStrategyFigures(db, planIds);
      },
    ],
    ["listMeasureRows (page 1)", () => listMeasureRows(db, firstPage)],
    ["listPlanMeasures (every measure: the download)", () => listPlanMeasures(db, id)],
    ["strategyPage (loader: queries + view)", () => strategyPage(db, "en", generated.slug, { page: 1 })],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, work] of steps) {
    const s = await timeIt(work);
    rows.push([label, median(s), percentile(s, 95)]);
  }
  const payload = JSON.stringify(await strategyPage(db, "en", generated.slug, { page: 1 }));
  console.log(
    `${handle.kind}, ${measures} measures${values.approved ? " (one approved cycle)" : ""}; loader payload ${(payload.length / 1024).toFixed(1)} KB; ${requests} runs; loadavg ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`,
  );
  console.log(formatTable(["step", "ms p50", "ms p95"], rows, [undefined, 1, 1]));
  if (!values.keep) await clearGeneratedStrategies(db);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

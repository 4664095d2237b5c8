/**
 * `npx tsx bench/workspace-pages.ts [--scales 1,10] [--runs 7] [--explain-over 5] [--only <regexp>]
 * [--keep]`: the workspace pages of issue 18 (decision 047) loaded in-process, statement by
 * statement, on a throwaway PostgreSQL 15 holding the whole-platform dataset at each scale.
 *
 * Per scale: a database of its own in one throwaway cluster (migrations, demo content, bench/data.ts,
 * VACUUM ANALYZE); then each page's loader runs `runs` times as the signed-in person bench:load uses
 * (the demo coordinator, donor and focal point's grants, on a user of their own). It prints, per page,
 * the loader's median and p95 time, its statements and the size of its data (JSON), and per statement
 * its median time; with --explain-over N, the EXPLAIN ANALYZE of every statement whose median is over
 * N ms at the largest scale. With --keep it leaves the cluster running and prints its URL (stop it with
 * Ctrl-C). Figures are the loader's (no rendering, no HTTP): bench:load gives whole requests.
 */
import "./production-env.ts";
import { parseArgs } from "node:util";
import pg from "pg";
import { sql } from "kysely";
import { openDatabase, type Db, type DatabaseHandle } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import type { Role } from "#app/services/authorization.ts";
import * as dashboard from "#app/modules/workspace/routes/dashboard.tsx";
import * as casesIndex from "#app/modules/needs/workspace/routes/cases-index.tsx";
import * as caseDetail from "#app/modules/needs/workspace/routes/case-detail.tsx";
import * as reportingIndex from "#app/modules/reporting/routes/reporting-index.tsx";
import * as cycleBoard from "#app/modules/reporting/routes/cycle-board.tsx";
import * as task from "#app/modules/reporting/routes/task.tsx";
import * as planDetail from "#app/modules/planning/routes/plan-detail.tsx";
import * as workspaceProjects from "#app/modules/projects/routes/workspace-projects.tsx";
import { createTestUser, outcome, workspaceContext } from "../tests/support/workspace-actors.ts";
import { generatePlatform } from "./data.ts";
import { BENCH_STRATEGY_PREFIX } from "./generators/strategy-plans.ts";
import { formatTable, median, percentile } from "./stats.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";

const { values: args } = parseArgs({
  options: {
    scales: { type: "string", default: "1,10" },
    runs: { type: "string", default: "7" },
    "explain-over": { type: "string" },
    only: { type: "string" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const SCALES = args.scales.split(",").map(Number);
const RUNS = Number(args.runs);
const EXPLAIN_OVER = args["explain-over"] === undefined ? null : Number(args["explain-over"]);
const ONLY = args.only ? new RegExp(args.only) : null;

// --- every statement, with its text, parameters and time ------------------------------------------

interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}
let recording: Statement[] | null = null;
const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...a: unknown[]) {
  const config = a[0] as { text?: string; values?: unknown[] } | string;
  const text = typeof config === "string" ? config : (config.text ?? "");
  const values = typeof config === "string" ? ((a[1] as unknown[]) ?? []) : (config.values ?? []);
  const began = performance.now();
  const result = originalQuery.apply(this, a);
  const target = recording;
  if (target && result && typeof (result as Promise<unknown>).then === "function") {
    return (result as Promise<unknown>).then((r) => {
      target.push({ text, values, ms: performance.now() - began });
      return r;
    });
  }
  return result;
};

// --- the pages ------------------------------------------------------------------------------------

type Loader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
type Who = "coordinator" | "donor" | "focal point";
interface Ids {
  caseId: number;
  cycleId: number;
  taskId: number;
  planId: number;
}
const PAGES: { name: string; who: Who; loader: Loader; path: (ids: Ids) => string; params: (ids: Ids) => Record<string, string> }[] = [
  { name: "coordinator dashboard", who: "coordinator", loader: dashboard.loader as Loader, path: () => "/en/workspace", params: () => ({}) },
  { name: "coordinator needs queue", who: "coordinator", loader: casesIndex.loader as Loader, path: () => "/en/workspace/needs", params: () => ({}) },
  { name: "coordinator a case", who: "coordinator", loader: caseDetail.loader as Loader, path: (ids) => `/en/workspace/needs/${ids.caseId}`, params: (ids) => ({ id: String(ids.caseId) }) },
  { name: "coordinator reporting", who: "coordinator", loader: reportingIndex.loader as Loader, path: () => "/en/workspace/reporting", params: () => ({}) },
  { name: "coordinator reporting board", who: "coordinator", loader: cycleBoard.loader as Loader, path: (ids) => `/en/workspace/reporting/cycles/${ids.cycleId}`, params: (ids) => ({ cycleId: String(ids.cycleId) }) },
  { name: "coordinator plan editor", who: "coordinator", loader: planDetail.loader as Loader, path: (ids) => `/en/workspace/plans/${ids.planId}`, params: (ids) => ({ planId: String(ids.planId) }) },
  { name: "coordinator project list", who: "coordinator", loader: workspaceProjects.loader as Loader, path: () => "/en/workspace/projects", params: () => ({}) },
  { name: "donor dashboard", who: "donor", loader: dashboard.loader as Loader, path: () => "/en/workspace", params: () => ({}) },
  { name: "donor project list", who: "donor", loader: workspaceProjects.loader as Loader, path: () => "/en/workspace/projects", params: () => ({}) },
  { name: "focal point dashboard", who: "focal point", loader: dashboard.loader as Loader, path: () => "/en/workspace", params: () => ({}) },
  { name: "focal point needs queue", who: "focal point", loader: casesIndex.loader as Loader, path: () => "/en/workspace/needs", params: () => ({}) },
  { name: "focal point a task form", who: "focal point", loader: task.loader as Loader, path: (ids) => `/en/workspace/reporting/tasks/${ids.taskId}`, params: (ids) => ({ taskId: String(ids.taskId) }) },
];

/** The same pages and people as bench/load.ts (its `targetsOf` and the demo accounts). */
async function prepare(db: Db) {
  const strategy = await db.selectFrom("strategy").select("id").where("slug", "like", `${BENCH_STRATEGY_PREFIX}%`).executeTakeFirstOrThrow();
  const national = await db.selectFrom("action_plan").select("id").where("strategy_id", "=", strategy.id).where("kind", "=", "national").executeTakeFirstOrThrow();
  const needCase = await db.selectFrom("need_case").select("id").where("reference", "like", "BENCH-%").where("status", "=", "in_review").orderBy("id").executeTakeFirstOrThrow();
  const cycle = await db.selectFrom("reporting_cycle").select("id").where("action_plan_id", "=", national.id).orderBy("period_start", "desc").executeTakeFirstOrThrow();
  const org = async (slug: string) => (await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const labour = await org("ministry-of-labour-and-social-welfare");
  const focalTask = await db.selectFrom("reporting_task").select("id").where("organisation_id", "=", labour).orderBy("id", "desc").executeTakeFirstOrThrow();
  const ids: Ids = { caseId: needCase.id, cycleId: cycle.id, taskId: focalTask.id, planId: national.id };
  const grants: Record<Who, { role: Role; organisationId?: number | null }[]> = {
    coordinator: [{ role: "coordinator", organisationId: await org("office-for-community-affairs") }],
    donor: [{ role: "donor", organisationId: await org("embassy-of-switzerland-in-kosovo") }],
    "focal point": [{ role: "focal_point", organisationId: labour }],
  };
  const actors = {
    coordinator: await createTestUser(db, grants.coordinator, { twoFactor: true, name: "Coordinator" }),
    donor: await createTestUser(db, grants.donor, { name: "Donor" }),
    "focal point": await createTestUser(db, grants["focal point"], { name: "Focal point" }),
  };
  return { ids, actors };
}

interface PageFigures {
  medianMs: number;
  p95Ms: number;
  statements: number;
  dataKb: number;
  perStatement: { text: string; values: unknown[]; medianMs: number }[];
}

async function measureScale(url: string, scale: number): Promise<{ handle: DatabaseHandle; pages: Map<string, PageFigures>; rows: string }> {
  const handle = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const db = handle.db;
  const began = performance.now();
  await migrateToLatest(db);
  await seedDemoContent(db);
  await generatePlatform(db, { scale, seed: Number(args.seed) });
  await sql`vacuum analyze`.execute(db);
  const counts = await sql<{ cases: number; projects: number; measures: number; organisations: number }>`select
      (select count(*) from need_case) as cases, (select count(*) from project) as projects,
      (select count(*) from measure) as measures, (select count(*) from organisation) as organisations`.execute(db);
  const c = counts.rows[0]!;
  const rows = `${c.cases} cases, ${c.projects} projects, ${c.measures} measures, ${c.organisations} organisations (${Math.round((performance.now() - began) / 1000)} s)`;
  console.log(`×${scale}: ${rows}`);
  const { ids, actors } = await prepare(db);
  const pages = new Map<string, PageFigures>();
  for (const page of PAGES) {
    const name = page.name;
    if (ONLY && !ONLY.test(name)) continue;
    const times: number[] = [];
    const runs: Statement[][] = [];
    let dataKb = 0;
    for (let run = 0; run < RUNS + 1; run++) {
      const statements: Statement[] = [];
      recording = statements;
      const t0 = performance.now();
      const answer = await outcome(page.loader({ request: new Request(`http://localhost${page.path(ids)}`), params: { lang: "en", ...page.params(ids) }, context: workspaceContext(db, actors[page.who]) }));
      const ms = performance.now() - t0;
      recording = null;
      if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}.`);
      if (run === 0) {
        dataKb = Buffer.byteLength(JSON.stringify(answer.data)) / 1024;
        continue; // the first run warms the caches
      }
      times.push(ms);
      runs.push(statements);
    }
    const first = runs[0] ?? [];
    const perStatement = first.map((s, i) => ({ text: s.text, values: s.values, medianMs: median(runs.map((r) => r[i]?.ms ?? 0)) }));
    pages.set(name, { medianMs: median(times), p95Ms: percentile(times, 95), statements: first.length, dataKb, perStatement });
  }
  return { handle, pages, rows };
}

const shorten = (text: string) => text.replace(/\s+/g, " ").slice(0, 150);

async function main(): Promise<void> {
  const cluster = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const results: { scale: number; pages: Map<string, PageFigures>; handle: DatabaseHandle; url: string; rows: string }[] = [];
  try {
    for (const scale of SCALES) {
      const name = `ws_x${String(scale).replace(/\W/g, "_")}`;
      await admin.query(`create database ${name}`);
      const url = cluster.url.replace(/\/postgres$/, `/${name}`);
      const measured = await measureScale(url, scale);
      results.push({ scale, url, ...measured });
    }
    console.log(`\nLoad average ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")}; ${RUNS} runs per page after one warm-up.`);
    for (const r of results) console.log(`×${r.scale}: ${r.rows}`);
    const head = ["page", ...results.flatMap((r) => [`×${r.scale} median`, `×${r.scale} p95`, `×${r.scale} stmts`, `×${r.scale} KB`])];
    const names = [...results[0]!.pages.keys()];
    const table = names.map((n) => [n, ...results.flatMap((r) => {
      const f = r.pages.get(n)!;
      return [f.medianMs.toFixed(1), f.p95Ms.toFixed(1), String(f.statements), f.dataKb.toFixed(1)];
    })]);
    if (results.length > 1) {
      head.push("ratio median");
      names.forEach((n, i) => table[i]!.push((results.at(-1)!.pages.get(n)!.medianMs / results[0]!.pages.get(n)!.medianMs).toFixed(2)));
    }
    console.log(formatTable(head, table));
    const largest = results.at(-1)!;
    console.log(`\nStatements at ×${largest.scale} (median ms):`);
    for (const n of names) {
      console.log(`\n${n}`);
      for (const s of largest.pages.get(n)!.perStatement) console.log(`  ${s.medianMs.toFixed(2).padStart(8)}  ${shorten(s.text)}`);
    }
    if (EXPLAIN_OVER !== null) {
      const client = new pg.Client({ connectionString: largest.url });
      await client.connect();
      for (const n of names) {
        for (const s of largest.pages.get(n)!.perStatement.filter((x) => x.medianMs > EXPLAIN_OVER)) {
          const plan = await client.query({ text: `explain (analyze, buffers) ${s.text}`, values: s.values });
          console.log(`\n--- ${n}: ${s.medianMs.toFixed(1)} ms\n${s.text}\n${JSON.stringify(s.values).slice(0, 300)}\n${plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n")}`);
        }
      }
      await client.end();
    }
    if (args.keep) {
      for (const r of results) console.log(`×${r.scale}: ${r.url}`);
      console.log("Cluster kept running; Ctrl-C to stop it.");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
    }
  } finally {
    for (const r of results) await r.handle.close();
    await admin.end();
    cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

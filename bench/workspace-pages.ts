/**
 * `npx vite-node --config vitest.config.ts bench/workspace-pages.ts -- [--scales 1,10] [--runs 7] [--explain-over 5] [--only <regexp>]
 * [--before <folder>] [--keep]`: the workspace pages of issue 18 (decision 047) loaded in-process,
 * statement by statement, on a throwaway PostgreSQL 15 holding the whole-platform dataset at each scale.
 * With --before, a copy of an earlier version of the code (e.g. `git archive <commit> | tar -x -C dir`,
 * with node_modules linked) is measured first on the same data: its migrations, demo content and
 * dataset, then its pages; then this version's migrations are applied and its pages measured.
 *
 * Per scale: a database of its own in one throwaway cluster (migrations, demo content, bench/data.ts,
 * VACUUM ANALYZE); then each page's loader runs `runs` times as the signed-in person bench:load uses
 * (the demo coordinator, donor and focal point's grants, on a user of their own). It prints, per page,
 * the loader's median and p95 time, its statements and the size of its data (JSON), and per statement
 * its median time; with --explain-over N, the EXPLAIN ANALYZE of every statement whose median is over
 * N ms at the largest scale. With --keep it leaves the cluster running and prints its URL (stop it with
 * Ctrl-C). With --database-url, an already filled database (e.g. a copy of the ×10 dataset made with
 * `createdb -T`) is measured instead, as the one scale given: no cluster, no generation; migrations are applied.
 * Figures are the loader's (no rendering, no HTTP): bench:load gives whole requests. It runs
 * under Vite (vite-node), not tsx: the catalogs are gathered with `import.meta.glob`.
 */
import "./production-env.ts";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { sql } from "kysely";
import { openDatabase, type Db, type DatabaseHandle } from "#app/db/client.server.ts";
import type { Role } from "#app/services/authorization.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { ROOT } from "./build.ts";
import { findBenchStrategy } from "./generators/strategy-plans.ts";
import { formatTable, median, percentile } from "./stats.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";
import { FOCAL_POINT_MINISTRY, findWorkspaceSubjects, type WorkspaceSubjects } from "./workspace-subjects.ts";

const args = parseBenchArgs({
  defaults: { scales: "1,10", runs: "7", seed: "1" },
  optional: ["explain-over", "only", "before", "database-url"],
  flags: ["keep"],
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
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...a: unknown[]
) {
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
/** The ids the pages' addresses take; every page has its record (the focal point's task too). */
type Ids = WorkspaceSubjects & { taskId: number };

/**
 * Each route measured: its file, how a page of it is named after the person, its address below
 * /en/workspace, and the id that fills the address's one parameter (`:name`), if it has one.
 */
type MeasuredRoute = readonly [file: string, label: string, path: string, id?: keyof Ids];
const ROUTES = {
  dashboard: ["app/modules/workspace/routes/dashboard.tsx", "dashboard", ""],
  queue: ["app/modules/needs/workspace/routes/cases-index.tsx", "needs queue", "/needs"],
  case: ["app/modules/needs/workspace/routes/case-detail.tsx", "a case", "/needs/:id", "caseId"],
  reporting: ["app/modules/reporting/routes/reporting-index.tsx", "reporting", "/reporting"],
  board: ["app/modules/reporting/routes/cycle-board.tsx", "reporting board", "/reporting/cycles/:cycleId", "cycleId"],
  task: ["app/modules/reporting/routes/task.tsx", "a task form", "/reporting/tasks/:taskId", "taskId"],
  plan: ["app/modules/plans/planning/routes/plan-detail.tsx", "plan editor", "/plans/:planId", "planId"],
  projects: ["app/modules/projects/routes/workspace-projects.tsx", "project list", "/projects"],
} as const satisfies Record<string, MeasuredRoute>;
type RouteKey = keyof typeof ROUTES;

/** Who opens which routes, in the order they are measured. */
const OPENED: [Who, RouteKey[]][] = [
  ["coordinator", ["dashboard", "queue", "case", "reporting", "board", "plan", "projects"]],
  ["donor", ["dashboard", "projects"]],
  ["focal point", ["dashboard", "queue", "task"]],
];
/** The pages measured, each named "<who> <route's label>". */
const PAGES = OPENED.flatMap(([who, routes]) =>
  routes.map((key) => {
    const [, label, below, id]: MeasuredRoute = ROUTES[key];
    const address = `/en/workspace${below}`;
    const param = address.match(/:(\w+)$/)?.[1];
    return {
      name: `${who} ${label}`,
      who,
      route: key,
      path: (ids: Ids) => (id && param ? address.replace(`:${param}`, String(ids[id])) : address),
      params: (ids: Ids): Record<string, string> => (id && param ? { [param]: String(ids[id]) } : {}),
    };
  }),
);

/** One version of the code (this one, or the copy given with --before), imported from its folder. */
interface Version {
  label: string;
  migrateToLatest: (db: Db) => Promise<unknown>;
  seedDemoContent: (db: Db) => Promise<void>;
  generatePlatform: (db: Db, options: { scale: number; seed?: number }) => Promise<unknown>;
  createTestUser: (
    db: Db,
    grants: { role: Role; organisationId?: number | null }[],
    options?: { name?: string; twoFactor?: boolean },
  ) => Promise<unknown>;
  outcome: (promise: Promise<unknown>) => Promise<{ status: number; data: unknown }>;
  workspaceContext: (db: Db, actor: never) => unknown;
  loaders: Record<RouteKey, Loader>;
}

async function loadVersion(root: string, label: string): Promise<Version> {
  const from = async <T>(file: string) => (await import(pathToFileURL(path.join(root, file)).href)) as T;
  const loaders = {} as Record<RouteKey, Loader>;
  for (const [key, [file]] of Object.entries(ROUTES))
    loaders[key as RouteKey] = (await from<{ loader: Loader }>(file)).loader;
  const actors = await from<Pick<Version, "createTestUser" | "outcome" | "workspaceContext">>(
    "tests/support/workspace-actors.ts",
  );
  return {
    label,
    migrateToLatest: (await from<Pick<Version, "migrateToLatest">>("app/db/migrate.server.ts")).migrateToLatest,
    seedDemoContent: (await from<Pick<Version, "seedDemoContent">>("app/modules.server.ts")).seedDemoContent,
    generatePlatform: (await from<Pick<Version, "generatePlatform">>("bench/data.ts")).generatePlatform,
    createTestUser: actors.createTestUser,
    outcome: actors.outcome,
    workspaceContext: actors.workspaceContext,
    loaders,
  };
}

/** The same pages and people as bench/load.ts (its `targetsOf` and the demo accounts). */
async function prepare(db: Db, version: Version) {
  const { national } = await findBenchStrategy(db);
  const subjects = await findWorkspaceSubjects(db, national.id);
  const { taskId } = subjects;
  if (taskId === null) throw new Error("The dataset has no reporting task of the focal point's ministry.");
  const ids: Ids = { ...subjects, taskId };
  const org = async (slug: string) =>
    (await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const grants: Record<Who, { role: Role; organisationId?: number | null }[]> = {
    coordinator: [{ role: "coordinator", organisationId: await org("office-for-community-affairs") }],
    donor: [{ role: "donor", organisationId: await org("embassy-of-switzerland-in-kosovo") }],
    "focal point": [{ role: "focal_point", organisationId: await org(FOCAL_POINT_MINISTRY) }],
  };
  const actors: Record<Who, unknown> = {
    coordinator: await version.createTestUser(db, grants.coordinator, { twoFactor: true, name: "Coordinator" }),
    donor: await version.createTestUser(db, grants.donor, { name: "Donor" }),
    "focal point": await version.createTestUser(db, grants["focal point"], { name: "Focal point" }),
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

async function measurePages(db: Db, version: Version): Promise<Map<string, PageFigures>> {
  const { ids, actors } = await prepare(db, version);
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
      const context = version.workspaceContext(db, actors[page.who] as never);
      const answer = await version.outcome(
        version.loaders[page.route]({
          request: new Request(`http://localhost${page.path(ids)}`),
          params: { lang: "en", ...page.params(ids) },
          context,
        }),
      );
      const ms = performance.now() - t0;
      recording = null;
      if (answer.status !== 200) throw new Error(`${version.label}: ${name} answered ${answer.status}.`);
      if (run === 0) {
        dataKb = Buffer.byteLength(JSON.stringify(answer.data)) / 1024;
        continue; // the first run warms the caches
      }
      times.push(ms);
      runs.push(statements);
    }
    const first = runs[0] ?? [];
    const perStatement = first.map((st, i) => ({
      text: st.text,
      values: st.values,
      medianMs: median(runs.map((r) => r[i]?.ms ?? 0)),
    }));
    pages.set(name, {
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      statements: first.length,
      dataKb,
      perStatement,
    });
  }
  return pages;
}

interface Measured {
  scale: number;
  url: string;
  rows: string;
  /** By version label. */
  pages: Map<string, Map<string, PageFigures>>;
}

async function measureScale(
  url: string,
  scale: number,
  versions: Version[],
): Promise<{ handle: DatabaseHandle; measured: Measured }> {
  const handle = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const db = handle.db;
  const began = performance.now();
  const first = versions[0]!;
  await first.migrateToLatest(db);
  if (!args["database-url"]) {
    await first.seedDemoContent(db);
    await first.generatePlatform(db, { scale, seed: Number(args.seed) });
    await sql`vacuum analyze`.execute(db);
  }
  const counts = await sql<{ cases: number; projects: number; measures: number; organisations: number }>`select
      (select count(*) from need_case) as cases, (select count(*) from project) as projects,
      (select count(*) from measure) as measures, (select count(*) from organisation) as organisations`.execute(db);
  const c = counts.rows[0]!;
  const rows = `${c.cases} cases, ${c.projects} projects, ${c.measures} measures, ${c.organisations} organisations (${Math.round((performance.now() - began) / 1000)} s)`;
  console.log(`×${scale}: ${rows}`);
  const pages = new Map<string, Map<string, PageFigures>>();
  for (const version of versions) {
    if (version !== first) {
      await version.migrateToLatest(db);
      await sql`analyze`.execute(db);
    }
    pages.set(version.label, await measurePages(db, version));
    console.log(`×${scale}: ${version.label} measured`);
  }
  return { handle, measured: { scale, url, rows, pages } };
}

const shorten = (text: string) => text.replace(/\s+/g, " ").slice(0, 160);

async function main(): Promise<void> {
  const versions = [
    ...(args.before ? [await loadVersion(path.resolve(args.before), "before")] : []),
    await loadVersion(ROOT, args.before ? "after" : "this"),
  ];
  const given = args["database-url"];
  const cluster = given ? null : await startThrowawayPostgres();
  const admin = cluster ? new pg.Client({ connectionString: cluster.url }) : null;
  await admin?.connect();
  const handles: DatabaseHandle[] = [];
  const results: Measured[] = [];
  try {
    if (given) {
      const { handle, measured } = await measureScale(given, SCALES.at(-1)!, versions);
      handles.push(handle);
      results.push(measured);
    }
    for (const scale of cluster && admin ? SCALES : []) {
      const name = `ws_x${String(scale).replace(/\W/g, "_")}`;
      await admin!.query(`create database ${name}`);
      const url = cluster!.url.replace(/\/postgres$/, `/${name}`);
      const { handle, measured } = await measureScale(url, scale, versions);
      handles.push(handle);
      results.push(measured);
    }
    console.log(
      `\nLoad average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}; ${RUNS} runs per page after one warm-up; loader time in ms (no rendering, no HTTP).`,
    );
    for (const r of results) console.log(`×${r.scale}: ${r.rows}`);
    const names = [...results[0]!.pages.get(versions[0]!.label)!.keys()];
    const head = ["page"];
    for (const version of versions)
      for (const r of results) head.push(`${version.label} ×${r.scale} median`, `p95`, `stmts`, `KB`);
    if (results.length > 1)
      for (const version of versions) head.push(`${version.label} ×${results.at(-1)!.scale}/×${results[0]!.scale}`);
    const table = names.map((n) => {
      const row = [n];
      for (const version of versions) {
        for (const r of results) {
          const f = r.pages.get(version.label)!.get(n)!;
          row.push(f.medianMs.toFixed(1), f.p95Ms.toFixed(1), String(f.statements), f.dataKb.toFixed(1));
        }
      }
      if (results.length > 1)
        for (const version of versions)
          row.push(
            (
              results.at(-1)!.pages.get(version.label)!.get(n)!.medianMs /
              results[0]!.pages.get(version.label)!.get(n)!.medianMs
            ).toFixed(2),
          );
      return row;
    });
    console.log(formatTable(head, table));
    const largest = results.at(-1)!;
    for (const version of versions) {
      console.log(`\nStatements of ${version.label} at ×${largest.scale} (median ms):`);
      for (const n of names) {
        console.log(`\n${n}`);
        for (const st of largest.pages.get(version.label)!.get(n)!.perStatement)
          console.log(`  ${st.medianMs.toFixed(2).padStart(8)}  ${shorten(st.text)}`);
      }
    }
    if (EXPLAIN_OVER !== null) {
      const client = new pg.Client({ connectionString: largest.url });
      await client.connect();
      const last = versions.at(-1)!;
      for (const n of names) {
        for (const st of largest.pages
          .get(last.label)!
          .get(n)!
          .perStatement.filter((x) => x.medianMs > EXPLAIN_OVER)) {
          const plan = await client.query({ text: `explain (analyze, buffers) ${st.text}`, values: st.values });
          console.log(
            `\n--- ${n}: ${st.medianMs.toFixed(1)} ms\n${st.text}\n${JSON.stringify(st.values).slice(0, 300)}\n${plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n")}`,
          );
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
    for (const handle of handles) await handle.close();
    await admin?.end();
    cluster?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

/**
 * `npm run bench:load -- [--scales 1,10] [--concurrency 1,8,32] [--duration 10] [--warmup 3]
 * [--soak 0] [--instances 1] [--seed 1] [--only <regexp>] [--floor-rounds 3]
 * [--database-url URL --scales N [--accounts FILE]]`: the HTTP load benchmark of issue 18.
 *
 * Per scale: a throwaway PostgreSQL 15 cluster; the real production server started once on it
 * (migrations, demo content and demo accounts), stopped; the whole-platform dataset at that scale
 * (bench/data.ts); the server started again (NODE_ENV=production, SERVER_TIMING=true, the node flags
 * of `npm start`) — one or two instances on the one database — and driven over HTTP with keep-alive
 * connections by `concurrency` clients for `duration` seconds per URL: every public page type in
 * English, every API list, and the workspace pages of a signed-in coordinator (two-factor with the
 * demo account's TOTP secret), donor and focal point (signed in through the real form). Then a bare
 * node:http + pg server issuing the SQL the app issued for three API lists (bench/floor-server.ts)
 * is compared with the app on those lists in rounds: both warmed the same way, then per concurrency
 * `--floor-rounds` rounds of one app run and one floor run of the same duration (app first in odd
 * rounds, floor first in even ones), the server not being driven idle; the medians and the spread of
 * the rounds' ratios are reported. An optional soak (at the largest scale only: the memory target is about the
 * most data) runs 8 clients over the public pages sampling the server's RSS every 10 s.
 *
 * `--database-url URL` drives a database already filled (e.g. a copy of the ×10 dataset: `createdb -T`):
 * no cluster and no generation, one scale (`--scales N` only labels it); the demo accounts' passwords come from
 * `--accounts FILE` (needed only when workspace pages are driven). The server migrates it as at any start.
 *
 * Settings that differ from a default deployment, and why (the report prints them):
 * - CLIENT_MAX_ACTIVE_REQUESTS / CLIENT_MAX_WAITING_REQUESTS are raised (decision 041's per-client
 *   gate would otherwise answer 429 to a benchmark that is one client with 32 connections);
 * - TRUST_PROXY=1 and every request carries its own X-Forwarded-For address, so that per-client
 *   limits (searches: 30 a minute) see many visitors, as a public site does, not one flooding client;
 * - SEED_DEMO and SEED_DEMO_ACCOUNTS are on (PostgreSQL in production has neither by default), so
 *   the demo accounts can sign in.
 *
 * Writes bench/results/load-<time>.json and prints Markdown tables.
 */
import "./production-env.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Hono } from "hono";
import pg from "pg";
import pino from "pino";
import { openDatabase, type Db } from "#app/db/client.server.ts";
import { createApi } from "../server/api.ts";
import {
  findFreePort,
  PRODUCTION_NODE_FLAGS,
  startServer,
  stopServer,
  waitUntilHealthy,
  type ServerProcess,
} from "../tests/e2e/support/server-process.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { ensureBuild, ROOT } from "./build.ts";
import { countTables, generatePlatform } from "./data.ts";
import { readDemoAccounts, signInOverHttp } from "./demo-sign-in.ts";
import { SYNTHETIC_NEWS_NOTE } from "./generators/news-items.ts";
import { BENCH_SLUG_PREFIX } from "./generators/platform.ts";
import { SYNTHETIC_PROJECT_PREFIX } from "./generators/projects.ts";
import { findBenchStrategyPages } from "./generators/strategy-plans.ts";
import { formatTable, median, parseServerTiming, percentile } from "./stats.ts";
import { childrenCpuMs, ownCpuMs, parentPid, processCpuMs } from "./process-cpu.ts";
import { findWorkspaceSubjects } from "./workspace-subjects.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";

const args = parseBenchArgs({
  defaults: {
    scales: "1,10",
    concurrency: "1,8,32",
    duration: "10",
    warmup: "3",
    soak: "0",
    instances: "1",
    seed: "1",
    "floor-rounds": "3",
  },
  optional: ["only", "database-url", "accounts"],
});
const SCALES = args.scales.split(",").map(Number);
const CONCURRENCY = args.concurrency.split(",").map(Number);
const DURATION_MS = Number(args.duration) * 1000;
const WARMUP = Number(args.warmup);
const SOAK_S = Number(args.soak);
const INSTANCES = Number(args.instances);
const ONLY = args.only ? new RegExp(args.only) : null;
const FLOOR_ROUNDS = Number(args["floor-rounds"]);
const DATABASE_URL = args["database-url"];
if (
  SCALES.some((s) => !(s > 0)) ||
  CONCURRENCY.some((c) => !(c >= 1)) ||
  !(DURATION_MS > 0) ||
  ![1, 2].includes(INSTANCES) ||
  !(Number.isInteger(FLOOR_ROUNDS) && FLOOR_ROUNDS >= 1)
) {
  throw new RangeError(
    "--scales and --concurrency take positive numbers, --duration seconds, --instances 1 or 2, --floor-rounds a whole number from 1.",
  );
}
if (DATABASE_URL && SCALES.length !== 1)
  throw new RangeError("--database-url drives one database: give its scale alone (--scales 10), which labels it.");

/** The per-client gate raised for the benchmark (decision 041 sets 4 active, 64 waiting). */
const GATE = { CLIENT_MAX_ACTIVE_REQUESTS: "256", CLIENT_MAX_WAITING_REQUESTS: "1024" };
const LOCALE = "en";

type Group = "public" | "api" | "coordinator" | "donor" | "focal point";
interface Target {
  group: Group;
  name: string;
  path: string;
}

interface Sample {
  ms: number;
  status: number;
  bytes: number;
  queries: number | null;
  dbMs: number | null;
  appMs: number | null;
}

interface UrlResult {
  group: Group | "floor";
  name: string;
  path: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  queries: [number, number] | null;
  dbMs: number;
  appP50: number;
  appP95: number;
  kb: number;
}

// --- HTTP driving -------------------------------------------------------------------------------

let addressCounter = 0;
/** A fresh client address per request (10.0.0.0/8), for the per-client limits behind TRUST_PROXY=1. */
function nextAddress(): string {
  addressCounter = (addressCounter + 1) % 16_777_214;
  const n = addressCounter + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function request(agent: http.Agent, baseUrl: string, pathname: string, cookie: string | undefined): Promise<Sample> {
  const url = new URL(pathname, baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        agent,
        headers: { "accept-encoding": "gzip", "x-forwarded-for": nextAddress(), ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => {
          const timing = parseServerTiming((res.headers["server-timing"] as string | undefined) ?? null);
          resolve({
            ms: performance.now() - started,
            status: res.statusCode ?? 0,
            bytes,
            queries: timing.queries,
            dbMs: timing.dbMs,
            appMs: timing.appMs,
          });
        });
        res.on("error", () =>
          resolve({ ms: performance.now() - started, status: 0, bytes, queries: null, dbMs: null, appMs: null }),
        );
      },
    );
    req.on("error", () =>
      resolve({ ms: performance.now() - started, status: 0, bytes: 0, queries: null, dbMs: null, appMs: null }),
    );
    req.end();
  });
}

/** `concurrency` clients, each sending its next request when the last answer has been read, for `durationMs`; client i talks to base URL i mod n. */
async function drive(
  baseUrls: readonly string[],
  pathname: string,
  concurrency: number,
  durationMs: number,
  cookie?: string,
): Promise<{ samples: Sample[]; seconds: number }> {
  const agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: concurrency }));
  try {
    for (let i = 0; i < WARMUP; i++)
      await request(agents[i % agents.length]!, baseUrls[i % baseUrls.length]!, pathname, cookie);
    const samples: Sample[] = [];
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, client) => {
        const agent = agents[client % agents.length]!;
        const base = baseUrls[client % baseUrls.length]!;
        while (performance.now() < deadline) samples.push(await request(agent, base, pathname, cookie));
      }),
    );
    return { samples, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

function summarise(
  target: { group: UrlResult["group"]; name: string; path: string },
  concurrency: number,
  run: { samples: Sample[]; seconds: number },
): UrlResult {
  const { samples } = run;
  const ms = samples.map((s) => s.ms);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
  const queries = samples.map((s) => s.queries).filter((q): q is number => q !== null);
  const app = samples.map((s) => s.appMs).filter((q): q is number => q !== null);
  return {
    ...target,
    concurrency,
    requests: samples.length,
    rps: samples.length / run.seconds,
    p50: median(ms),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    errors: samples.filter((s) => s.status < 200 || s.status > 299).length,
    statuses,
    queries:
      queries.length > 0
        ? queries.reduce<[number, number]>(([lo, hi], q) => [Math.min(lo, q), Math.max(hi, q)], [Infinity, -Infinity])
        : null,
    dbMs: median(samples.map((s) => s.dbMs).filter((q): q is number => q !== null)),
    appP50: median(app),
    appP95: percentile(app, 95),
    kb: median(samples.map((s) => s.bytes)) / 1024,
  };
}

// --- the server -----------------------------------------------------------------------------------

function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return line ? Number(line[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function startApp(databaseUrl: string, dataDir: string, exclude: number[] = []): Promise<ServerProcess> {
  const port = await findFreePort(exclude);
  const server = startServer({
    port,
    dataDir,
    entry: "main",
    env: {
      DATABASE_URL: databaseUrl,
      SERVER_TIMING: "true",
      SEED_DEMO: "true",
      SEED_DEMO_ACCOUNTS: "true",
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
      ...GATE,
    },
  });
  await waitUntilHealthy(server, 180_000);
  return server;
}

// --- what to request ------------------------------------------------------------------------------

async function targetsOf(db: Db): Promise<Target[]> {
  const one = async <T>(query: Promise<T | undefined>, what: string): Promise<T> => {
    const row = await query;
    if (row === undefined) throw new Error(`The dataset has no ${what}.`);
    return row;
  };
  const { strategy, national, local, measure } = await findBenchStrategyPages(db);
  const project = await one(
    db
      .selectFrom("project")
      .select("id")
      .where("iati_identifier", "like", `${SYNTHETIC_PROJECT_PREFIX}bg-%`)
      .where("validation_status", "=", "validated")
      .orderBy("id")
      .executeTakeFirst(),
    "validated project",
  );
  const document = await one(
    db
      .selectFrom("library_document")
      .select("slug")
      .where("slug", "like", `${BENCH_SLUG_PREFIX}doc-%`)
      .where("status", "=", "published")
      .orderBy("id")
      .executeTakeFirst(),
    "published document",
  );
  const news = await one(
    db
      .selectFrom("news_item")
      .select("slug")
      .where("source_note", "=", SYNTHETIC_NEWS_NOTE)
      .where("published_at", "is not", null)
      .orderBy("published_at", "desc")
      .executeTakeFirst(),
    "news item",
  );
  const event = await one(
    db
      .selectFrom("event")
      .select("slug")
      .where("slug", "like", `${BENCH_SLUG_PREFIX}event-%`)
      .orderBy("starts_at", "desc")
      .executeTakeFirst(),
    "event",
  );
  const subjects = await findWorkspaceSubjects(db, national.id);
  const l = `/${LOCALE}`;
  const w = `${l}/workspace`;
  return [
    { group: "public", name: "home", path: `${l}/` },
    { group: "public", name: "about (layout only)", path: `${l}/about` },
    { group: "public", name: "strategies", path: `${l}/strategies` },
    { group: "public", name: "a strategy (national plan)", path: `${l}/strategies/${strategy.slug}` },
    { group: "public", name: "a national plan", path: `${l}/strategies/${strategy.slug}/plans/${national.code}` },
    { group: "public", name: "a local plan", path: `${l}/strategies/${strategy.slug}/plans/${local.code}` },
    { group: "public", name: "a measure", path: `${l}/measures/${measure.id}` },
    { group: "public", name: "municipalities", path: `${l}/municipalities` },
    { group: "public", name: "a municipality", path: `${l}/municipalities/20-prizren` },
    { group: "public", name: "projects", path: `${l}/projects` },
    { group: "public", name: "3W", path: `${l}/projects/3w` },
    { group: "public", name: "a project", path: `${l}/projects/${project.id}` },
    { group: "public", name: "needs statistics", path: `${l}/needs` },
    { group: "public", name: "needs submission form", path: `${l}/needs/new` },
    { group: "public", name: "tracking page", path: `${l}/needs/track` },
    { group: "public", name: "library", path: `${l}/library` },
    { group: "public", name: "a document", path: `${l}/library/${document.slug}` },
    { group: "public", name: "news", path: `${l}/news` },
    { group: "public", name: "a news item", path: `${l}/news/${news.slug}` },
    { group: "public", name: "events", path: `${l}/events` },
    { group: "public", name: "an event", path: `${l}/events/${event.slug}` },
    { group: "public", name: "recommendations", path: `${l}/recommendations` },
    { group: "public", name: "services", path: `${l}/services` },
    { group: "public", name: "opportunities", path: `${l}/opportunities` },
    { group: "public", name: "directory", path: `${l}/organizations` },
    { group: "public", name: "search", path: `${l}/search?q=roma%20school` },
    { group: "api", name: "communities", path: "/api/v1/communities" },
    { group: "api", name: "sectors", path: "/api/v1/sectors" },
    { group: "api", name: "organisation types", path: "/api/v1/organisation-types" },
    { group: "api", name: "municipalities", path: "/api/v1/municipalities" },
    { group: "api", name: "strategies", path: "/api/v1/strategies" },
    { group: "api", name: "measures", path: "/api/v1/measures" },
    { group: "api", name: "projects ×100", path: "/api/v1/projects?pageSize=100" },
    { group: "api", name: "needs statistics", path: "/api/v1/needs/stats" },
    { group: "api", name: "events", path: "/api/v1/events" },
    { group: "api", name: "services", path: "/api/v1/services" },
    { group: "api", name: "opportunities", path: "/api/v1/opportunities" },
    { group: "api", name: "search", path: "/api/v1/search?q=roma%20school" },
    { group: "coordinator", name: "dashboard", path: w },
    { group: "coordinator", name: "needs queue", path: `${w}/needs` },
    { group: "coordinator", name: "a case", path: `${w}/needs/${subjects.caseId}` },
    { group: "coordinator", name: "reporting", path: `${w}/reporting` },
    { group: "coordinator", name: "reporting board", path: `${w}/reporting/cycles/${subjects.cycleId}` },
    { group: "coordinator", name: "plan editor", path: `${w}/plans/${national.id}` },
    { group: "coordinator", name: "project list", path: `${w}/projects` },
    { group: "donor", name: "dashboard", path: w },
    { group: "donor", name: "project list", path: `${w}/projects` },
    { group: "focal point", name: "dashboard", path: w },
    { group: "focal point", name: "needs queue", path: `${w}/needs` },
    ...(subjects.taskId
      ? [{ group: "focal point" as const, name: "a task form", path: `${w}/reporting/tasks/${subjects.taskId}` }]
      : []),
  ];
}

// --- the floor ------------------------------------------------------------------------------------

/** The API lists the floor server answers, by floor path. */
const FLOOR = [
  { floor: "/projects", api: "/api/v1/projects?pageSize=100", name: "projects ×100" },
  { floor: "/municipalities", api: "/api/v1/municipalities", name: "municipalities" },
  { floor: "/services", api: "/api/v1/services", name: "services" },
] as const;

/**
 * The SQL the app issues for each floor API list: the app's own API (server/api.ts) answers each
 * URL in this process (a first request: nothing kept yet) on a pg pool whose clients record every
 * statement with its parameters.
 */
async function captureFloorStatements(
  databaseUrl: string,
): Promise<Record<string, { text: string; values: unknown[] }[]>> {
  const recorded: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  // Recording only while this function runs; restored below.
  pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
    const [config, values] = params;
    if (typeof config === "string") recorded.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === "object" && "text" in config)
      recorded.push({
        text: String((config as { text: string }).text),
        values: ((config as { values?: unknown[] }).values ?? (Array.isArray(values) ? values : [])) as unknown[],
      });
    return (original as (...a: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  const handle = await openDatabase({ databaseUrl });
  try {
    const app = new Hono();
    app.use("*", async (c, next) => {
      c.set(
        "ctx" as never,
        {
          db: handle.db,
          logger: pino({ level: "silent" }),
          actor: { kind: "anonymous" },
          clientAddress: "127.0.0.1",
        } as never,
      );
      await next();
    });
    app.route("/api/v1", createApi() as unknown as Hono);
    const out: Record<string, { text: string; values: unknown[] }[]> = {};
    for (const f of FLOOR) {
      recorded.length = 0;
      const response = await app.fetch(new Request(`http://localhost${f.api}`));
      if (response.status !== 200)
        throw new Error(`${f.api} answered ${response.status} in process: ${await response.text()}`);
      // The list's own SQL: a kept list's generation check (decisions 062, 078) is the app's saving, not the floor's cost.
      out[f.floor] = recorded
        .filter((r) => !/\bfrom "?(?:reference|service|project)_generation\b/.test(r.text))
        .map((r) => ({ text: r.text, values: JSON.parse(JSON.stringify(r.values)) as unknown[] }));
    }
    return out;
  } finally {
    pg.Client.prototype.query = original;
    await handle.close();
  }
}

async function startFloor(
  databaseUrl: string,
  statementsFile: string,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench", "floor-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, FLOOR_STATEMENTS: statementsFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The floor server exited (${code}).`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/** The app and its floor on one API list at one concurrency, run by run (decision 073). */
interface FloorRounds {
  name: string;
  /** The floor's path and the app's URL. */
  path: string;
  api: string;
  concurrency: number;
  /** Requests/s of each round's app run and floor run, and their ratio, in round order. */
  appRps: number[];
  floorRps: number[];
  ratios: number[];
  /** Which of the two ran first in each round. */
  first: ("app" | "floor")[];
  /** CPU ms a request, per round, of the app's and the floor's runs: their server, PostgreSQL and this driver. */
  appCpu: CpuPerRequest[];
  floorCpu: CpuPerRequest[];
}

/** CPU time (user + system, ms) a request of one run, from /proc: the server driven, the database's backends, the driver. */
interface CpuPerRequest {
  server: number;
  database: number;
  driver: number;
}

/** The processes whose CPU a floor comparison reads: the app's servers, the floor, the cluster's postmaster (null when remote). */
interface CpuWatch {
  app: number[];
  floor: number;
  postmaster: number | null;
}

/** `run()`'s CPU per request, split by process (NaN for the database when its cluster is not on this machine). */
async function measuredCpu(
  servers: readonly number[],
  postmaster: number | null,
  run: () => Promise<{ samples: Sample[]; seconds: number }>,
): Promise<{ run: { samples: Sample[]; seconds: number }; cpu: CpuPerRequest }> {
  const serverCpu = () => servers.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const databaseCpu = () => (postmaster === null ? Number.NaN : childrenCpuMs(postmaster));
  const before = { server: serverCpu(), database: databaseCpu(), driver: ownCpuMs() };
  const result = await run();
  const n = Math.max(1, result.samples.length);
  return {
    run: result,
    cpu: {
      server: (serverCpu() - before.server) / n,
      database: (databaseCpu() - before.database) / n,
      driver: (ownCpuMs() - before.driver) / n,
    },
  };
}

/** The postmaster of the cluster behind `databaseUrl` when it runs on this machine (a backend's parent), else null. */
async function localPostmaster(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    const parent = parentPid(rows[0]!.pid);
    if (parent === null) return null;
    return fs.readFileSync(`/proc/${parent}/comm`, "utf8").trim() === "postgres" ? parent : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Several runs of one URL as one result: latencies over all their samples, requests/s the median of the runs'. */
function summariseRuns(
  target: { group: UrlResult["group"]; name: string; path: string },
  concurrency: number,
  runs: readonly { samples: Sample[]; seconds: number }[],
): UrlResult {
  const merged = summarise(target, concurrency, {
    samples: runs.flatMap((run) => run.samples),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
  });
  return { ...merged, rps: median(runs.map((run) => run.samples.length / run.seconds)) };
}

/**
 * The app against its floor on one API list, measured so that the machine's noise does not decide the ratio
 * (decision 073). Both servers are warmed the same way (a run of up to 2 s at the largest concurrency, not
 * counted); then, per concurrency, `--floor-rounds` rounds, each one app run and one floor run of the same
 * duration and warm-up, the app first in odd rounds and the floor first in even ones (a drift of the load, or
 * whatever the first run of a pair pays, falls on both alike). Only one server is driven at a time; the other
 * is idle. Each round gives a ratio; the report shows their median and range.
 */
async function compareWithFloor(
  appUrls: readonly string[],
  floorUrl: string,
  list: (typeof FLOOR)[number],
  watch: CpuWatch,
): Promise<{ app: UrlResult[]; floor: UrlResult[]; rounds: FloorRounds[] }> {
  const warmMs = Math.min(DURATION_MS, 2000);
  const widest = Math.max(...CONCURRENCY);
  await drive(appUrls, list.api, widest, warmMs);
  await drive([floorUrl], list.floor, widest, warmMs);
  const app: UrlResult[] = [];
  const floor: UrlResult[] = [];
  const rounds: FloorRounds[] = [];
  for (const concurrency of CONCURRENCY) {
    const appRuns: { samples: Sample[]; seconds: number }[] = [];
    const floorRuns: { samples: Sample[]; seconds: number }[] = [];
    const first: FloorRounds["first"] = [];
    const appCpu: CpuPerRequest[] = [];
    const floorCpu: CpuPerRequest[] = [];
    for (let round = 0; round < FLOOR_ROUNDS; round++) {
      const runApp = async () => {
        const measured = await measuredCpu(watch.app, watch.postmaster, () =>
          drive(appUrls, list.api, concurrency, DURATION_MS),
        );
        appRuns.push(measured.run);
        appCpu.push(measured.cpu);
      };
      const runFloor = async () => {
        const measured = await measuredCpu([watch.floor], watch.postmaster, () =>
          drive([floorUrl], list.floor, concurrency, DURATION_MS),
        );
        floorRuns.push(measured.run);
        floorCpu.push(measured.cpu);
      };
      if (round % 2 === 0) {
        first.push("app");
        await runApp();
        await runFloor();
      } else {
        first.push("floor");
        await runFloor();
        await runApp();
      }
    }
    const rps = (run: { samples: Sample[]; seconds: number }) => run.samples.length / run.seconds;
    const appRps = appRuns.map(rps);
    const floorRps = floorRuns.map(rps);
    rounds.push({
      name: list.name,
      path: list.floor,
      api: list.api,
      concurrency,
      appRps,
      floorRps,
      ratios: appRps.map((a, i) => a / floorRps[i]!),
      first,
      appCpu,
      floorCpu,
    });
    app.push(summariseRuns({ group: "api", name: list.name, path: list.api }, concurrency, appRuns));
    floor.push(summariseRuns({ group: "floor", name: list.name, path: list.floor }, concurrency, floorRuns));
  }
  return { app, floor, rounds };
}

// --- one scale ------------------------------------------------------------------------------------

interface ScaleResult {
  scale: number;
  /** `given` (`--database-url`): a database filled beforehand, not generated by this run (ms is then 0). */
  generation: { ms: number; tables: Record<string, number>; database?: "generated" | "given" };
  rss: { startMb: number[]; endMb: number[] };
  results: UrlResult[];
  /** The floor on each compared list and concurrency: latencies over its rounds' runs, requests/s their median. */
  floor: UrlResult[];
  /** The app measured in the same rounds as its floor (the same form). */
  floorApp?: UrlResult[];
  /** Every round of the comparison: each run's requests/s and the round's ratio. */
  floorRounds?: FloorRounds[];
  floorStatements: Record<string, number>;
  soak: { seconds: number; rssMb: { at: number; mb: number[] }[]; requests: number; errors: number } | null;
  loadavg: { before: number[]; after: number[] };
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function runScale(scale: number): Promise<ScaleResult> {
  const loadBefore = os.loadavg();
  const postgres = DATABASE_URL ? null : await startThrowawayPostgres();
  const databaseUrl = DATABASE_URL ?? postgres!.url;
  const dataDirs: string[] = [];
  const servers: ServerProcess[] = [];
  let floor: ChildProcess | undefined;
  try {
    const mkdir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-load-"));
      dataDirs.push(dir);
      return dir;
    };
    const firstDir = mkdir();
    log(
      postgres
        ? `×${scale}: PostgreSQL ${postgres.version}; first start (migrations, demo content and accounts)`
        : `×${scale}: the given database; first start (migrations)`,
    );
    const first = await startApp(databaseUrl, firstDir);
    await stopServer(first);

    if (postgres) log(`×${scale}: generating the whole-platform dataset`);
    const handle = await openDatabase({ databaseUrl });
    let generation: ScaleResult["generation"];
    let targets: Target[];
    try {
      if (postgres) {
        const report = await generatePlatform(handle.db, { scale, seed: Number(args.seed) });
        generation = { ms: report.ms, tables: await countTables(handle.db), database: "generated" };
      } else {
        generation = { ms: 0, tables: await countTables(handle.db), database: "given" };
      }
      targets = await targetsOf(handle.db);
    } finally {
      await handle.close();
    }
    log(
      `×${scale}: ${postgres ? `generated in ${(generation.ms / 1000).toFixed(1)} s` : "as given"} (${generation.tables.need_case} cases, ${generation.tables.project} projects, ${generation.tables.measure} measures)`,
    );
    if (ONLY) targets = targets.filter((t) => ONLY.test(`${t.group} ${t.name}`));

    const floorStatements = await captureFloorStatements(databaseUrl);
    const statementsFile = path.join(mkdir(), "floor-statements.json");
    fs.writeFileSync(statementsFile, JSON.stringify(floorStatements));

    for (let i = 0; i < INSTANCES; i++) {
      const dir = i === 0 ? firstDir : mkdir();
      const created = path.join(firstDir, "demo-accounts.json");
      if (i > 0 && fs.existsSync(created)) fs.copyFileSync(created, path.join(dir, "demo-accounts.json"));
      servers.push(
        await startApp(
          databaseUrl,
          dir,
          servers.map((s) => s.port),
        ),
      );
    }
    const baseUrls = servers.map((s) => s.baseUrl);
    const rssStart = servers.map((s) => rssMb(s.child.pid));
    const cookies: Partial<Record<Group, string>> = {};
    // Only the people whose pages are driven sign in; a given database's passwords come from --accounts.
    const signedIn = (["coordinator", "donor", "focal point"] as const).filter((g) =>
      targets.some((t) => t.group === g),
    );
    const accounts =
      signedIn.length > 0 ? readDemoAccounts(args.accounts ?? path.join(firstDir, "demo-accounts.json")) : null;
    const demo = (local: string) => {
      const account = accounts?.get(`${local}@demo.cap.example.org`);
      if (!account) throw new Error(`No demo account ${local}.`);
      return account;
    };
    for (const [group, local] of [
      ["coordinator", "coordinator"],
      ["donor", "donor"],
      ["focal point", "focal.point"],
    ] as const) {
      if (!signedIn.includes(group)) continue;
      const account = demo(local);
      cookies[group] = await signInOverHttp(baseUrls[0]!, `${local}@demo.cap.example.org`, account, {
        locale: LOCALE,
        headers: () => ({ "x-forwarded-for": nextAddress() }),
      });
    }

    // A warm server before the first measurement: every URL once round at the largest concurrency, not
    // counted. Without it the first URL measured (home) also paid the JIT's first compilations and the
    // pool's first connections (its p95 at 1 client was twice the next page's).
    const warmUpMs = Math.min(1_000, DURATION_MS);
    for (const target of targets)
      await drive(baseUrls, target.path, Math.max(...CONCURRENCY), warmUpMs, cookies[target.group]);
    log(`×${scale}: warmed up (${targets.length} URLs, ${warmUpMs} ms each, not counted)`);

    const results: UrlResult[] = [];
    for (const target of targets) {
      for (const concurrency of CONCURRENCY) {
        const run = await drive(baseUrls, target.path, concurrency, DURATION_MS, cookies[target.group]);
        const result = summarise(target, concurrency, run);
        results.push(result);
        log(
          `×${scale} c${concurrency} ${target.group}/${target.name}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, ${result.errors} errors`,
        );
      }
    }

    // The lists `--only` keeps (as "api <name>"); all three without it.
    const floorLists = FLOOR.filter((f) => !ONLY || ONLY.test(`api ${f.name}`));
    const floorResults: UrlResult[] = [];
    const floorApp: UrlResult[] = [];
    const floorRounds: FloorRounds[] = [];
    if (floorLists.length > 0) {
      log(`×${scale}: the app against its floor, ${FLOOR_ROUNDS} rounds per list and concurrency`);
      const floorServer = await startFloor(databaseUrl, statementsFile);
      floor = floorServer.child;
      const watch: CpuWatch = {
        app: servers.map((s) => s.child.pid!),
        floor: floor.pid!,
        postmaster: await localPostmaster(databaseUrl),
      };
      for (const f of floorLists) {
        const compared = await compareWithFloor(baseUrls, floorServer.baseUrl, f, watch);
        floorResults.push(...compared.floor);
        floorApp.push(...compared.app);
        floorRounds.push(...compared.rounds);
        for (const r of compared.rounds)
          log(
            `×${scale} c${r.concurrency} floor/${f.name}: app/floor ${median(r.ratios).toFixed(2)} (${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)}), app ${median(r.appRps).toFixed(0)} req/s, floor ${median(r.floorRps).toFixed(0)} req/s; CPU ms a request app ${median(r.appCpu.map((c) => c.server)).toFixed(2)} + PG ${median(r.appCpu.map((c) => c.database)).toFixed(2)}, floor ${median(r.floorCpu.map((c) => c.server)).toFixed(2)} + PG ${median(r.floorCpu.map((c) => c.database)).toFixed(2)}`,
          );
      }
      floor.kill("SIGTERM");
      floor = undefined;
    }

    let soak: ScaleResult["soak"] = null;
    if (SOAK_S > 0 && scale === Math.max(...SCALES)) {
      log(`×${scale}: soak, ${SOAK_S} s at 8 clients over the public pages`);
      const publicPaths = targets.filter((t) => t.group === "public").map((t) => t.path);
      const samples: { at: number; mb: number[] }[] = [{ at: 0, mb: servers.map((s) => rssMb(s.child.pid)) }];
      const started = performance.now();
      const timer = setInterval(
        () =>
          samples.push({
            at: Math.round((performance.now() - started) / 1000),
            mb: servers.map((s) => rssMb(s.child.pid)),
          }),
        10_000,
      );
      let requests = 0;
      let errors = 0;
      const agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: 8 }));
      await Promise.all(
        Array.from({ length: 8 }, async (_, client) => {
          let i = client;
          while (performance.now() - started < SOAK_S * 1000) {
            const sample = await request(
              agents[client % agents.length]!,
              baseUrls[client % baseUrls.length]!,
              publicPaths[i++ % publicPaths.length]!,
              undefined,
            );
            requests++;
            if (sample.status < 200 || sample.status > 299) errors++;
          }
        }),
      );
      clearInterval(timer);
      for (const agent of agents) agent.destroy();
      samples.push({ at: SOAK_S, mb: servers.map((s) => rssMb(s.child.pid)) });
      soak = { seconds: SOAK_S, rssMb: samples, requests, errors };
    }
    const rssEnd = servers.map((s) => rssMb(s.child.pid));
    return {
      scale,
      generation,
      rss: { startMb: rssStart, endMb: rssEnd },
      results,
      floor: floorResults,
      floorApp,
      floorRounds,
      floorStatements: Object.fromEntries(Object.entries(floorStatements).map(([k, v]) => [k, v.length])),
      soak,
      loadavg: { before: loadBefore, after: os.loadavg() },
    };
  } finally {
    floor?.kill("SIGTERM");
    for (const server of servers) await stopServer(server);
    postgres?.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- report ---------------------------------------------------------------------------------------

function report(scales: ScaleResult[]): string {
  const lines: string[] = [];
  const r1 = (n: number) => (Number.isFinite(n) ? n : Number.NaN);
  for (const s of scales) {
    lines.push(
      `\n### ×${s.scale}: ${s.generation.tables.need_case} cases, ${s.generation.tables.project} projects, ${s.generation.tables.measure} measures (${s.generation.database === "given" ? "a given database" : `generated in ${(s.generation.ms / 1000).toFixed(0)} s`}); load average ${s.loadavg.before.map((l) => l.toFixed(1)).join(" ")} before, ${s.loadavg.after.map((l) => l.toFixed(1)).join(" ")} after\n`,
    );
    lines.push(
      `Server RSS: ${s.rss.startMb.map((m) => m.toFixed(0)).join(" + ")} MB at start, ${s.rss.endMb.map((m) => m.toFixed(0)).join(" + ")} MB at the end (${INSTANCES} instance${INSTANCES > 1 ? "s" : ""}).\n`,
    );
    lines.push("```");
    lines.push(
      formatTable(
        ["who", "URL", "c", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "queries", "db ms", "app p95", "KB"],
        s.results.map((r) => [
          r.group,
          r.name,
          r.concurrency,
          r1(r.rps),
          r1(r.p50),
          r1(r.p95),
          r1(r.p99),
          r.errors === 0
            ? "0"
            : `${r.errors} (${Object.keys(r.statuses)
                .filter((k) => !k.startsWith("2"))
                .join(",")})`,
          r.queries ? (r.queries[0] === r.queries[1] ? String(r.queries[0]) : `${r.queries[0]}–${r.queries[1]}`) : "–",
          r1(r.dbMs),
          r1(r.appP95),
          r1(r.kb),
        ]),
        [undefined, undefined, 0, 1, 0, 0, 0, undefined, undefined, 1, 1, 1],
      ),
    );
    lines.push("```\n");
    if (s.floor.length > 0) {
      lines.push(
        `Floor (bare node:http + pg, the same SQL as the app's API list), against the app in ${FLOOR_ROUNDS} alternating round${FLOOR_ROUNDS > 1 ? "s" : ""} of ${DURATION_MS / 1000} s each (decision 073): median requests/s of the runs, app/floor the median of the rounds' ratios, and their range:\n`,
      );
      lines.push("```");
      lines.push(
        formatTable(
          ["API list", "statements", "c", "floor req/s", "app req/s", "app/floor", "range", "floor p50", "app p50"],
          s.floor.map((f) => {
            const same = (r: { name: string; concurrency: number }) =>
              r.name === f.name && r.concurrency === f.concurrency;
            const app = s.floorApp?.find(same);
            const ratios = s.floorRounds?.find(same)?.ratios ?? [];
            return [
              f.name,
              s.floorStatements[f.path] ?? 0,
              f.concurrency,
              f.rps,
              app?.rps ?? Number.NaN,
              ratios.length > 0 ? median(ratios) : Number.NaN,
              ratios.length > 0 ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : "–",
              f.p50,
              app?.p50 ?? Number.NaN,
            ];
          }),
          [undefined, 0, 0, 1, 1, 2, undefined, 1, 1],
        ),
      );
      lines.push("```");
      const rounds = (s.floorRounds ?? []).filter((r) => r.appCpu?.length);
      if (rounds.length > 0) {
        lines.push(
          "\nWhose CPU a request of those runs took (user + system from /proc, ms a request, median of the rounds): the server driven, PostgreSQL's backends, and this benchmark's own driver:\n",
        );
        lines.push("```");
        const cpu = (runs: CpuPerRequest[], key: keyof CpuPerRequest) => median(runs.map((c) => c[key]));
        lines.push(
          formatTable(
            [
              "API list",
              "c",
              "app",
              "floor",
              "PG (app)",
              "PG (floor)",
              "driver (app)",
              "driver (floor)",
              "total app/floor",
            ],
            rounds.map((r) => {
              const total = (runs: CpuPerRequest[]) => median(runs.map((c) => c.server + c.database + c.driver));
              return [
                r.name,
                r.concurrency,
                cpu(r.appCpu, "server"),
                cpu(r.floorCpu, "server"),
                cpu(r.appCpu, "database"),
                cpu(r.floorCpu, "database"),
                cpu(r.appCpu, "driver"),
                cpu(r.floorCpu, "driver"),
                total(r.appCpu) / total(r.floorCpu),
              ];
            }),
            [undefined, 0, 2, 2, 2, 2, 2, 2, 2],
          ),
        );
        lines.push("```");
      }
    }
    if (s.soak)
      lines.push(
        `\nSoak: ${s.soak.seconds} s at 8 clients, ${s.soak.requests} requests, ${s.soak.errors} errors; RSS (MB) every 10 s: ${s.soak.rssMb.map((x) => x.mb.map((m) => m.toFixed(0)).join("+")).join(", ")}`,
      );
  }
  if (scales.length >= 2) {
    const [low, high] = [scales[0]!, scales[scales.length - 1]!];
    lines.push(
      `\n### ×${high.scale}/×${low.scale} per URL (concurrency ${CONCURRENCY[0]}): ratio of the server's own time (app p50 from Server-Timing), of the latency and of the queries\n`,
    );
    lines.push("```");
    lines.push(
      formatTable(
        ["who", "URL", `app ms ×${low.scale}`, `app ms ×${high.scale}`, "app ratio", "p50 ratio", "queries"],
        high.results
          .filter((r) => r.concurrency === CONCURRENCY[0])
          .map((r) => {
            const base = low.results.find(
              (b) => b.group === r.group && b.name === r.name && b.concurrency === r.concurrency,
            );
            const q = (x: UrlResult | undefined) => (x?.queries ? String(x.queries[1]) : "–");
            return [
              r.group,
              r.name,
              base?.appP50 ?? Number.NaN,
              r.appP50,
              base ? r.appP50 / base.appP50 : Number.NaN,
              base ? r.p50 / base.p50 : Number.NaN,
              `${q(base)} → ${q(r)}`,
            ];
          }),
        [undefined, undefined, 1, 1, 2, 2, undefined],
      ),
    );
    lines.push("```");
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const build = ensureBuild();
  if (build.built) log(`built the app in ${(build.ms / 1000).toFixed(0)} s`);
  const scales: ScaleResult[] = [];
  for (const scale of SCALES) scales.push(await runScale(scale));
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
    } catch {
      return "?";
    }
  })();
  const output = {
    kind: "load",
    at: new Date().toISOString(),
    commit,
    node: process.version,
    nodeFlags: PRODUCTION_NODE_FLAGS,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    settings: {
      concurrency: CONCURRENCY,
      durationS: DURATION_MS / 1000,
      warmup: WARMUP,
      instances: INSTANCES,
      gate: GATE,
      trustProxy: 1,
      addressPerRequest: true,
      seed: Number(args.seed),
      floorRounds: FLOOR_ROUNDS,
      givenDatabase: DATABASE_URL !== undefined,
    },
    scales,
  };
  const dir = path.join(ROOT, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `load-${output.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(output, null, 2));
  console.log(report(scales));
  console.log(
    `\n${os.cpus().length} CPUs (${output.cpuModel}), Node ${process.version}, commit ${commit}; CLIENT_MAX_ACTIVE_REQUESTS=${GATE.CLIENT_MAX_ACTIVE_REQUESTS} (raised for the benchmark), TRUST_PROXY=1 with an address per request.`,
  );
  console.log(`Results: ${path.relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

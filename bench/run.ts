// `npm run bench`: page and API response times and SQL query counts at "Kosovo ×N" data sizes,
// measured in-process through the real Hono app and the production build. Reports figures only.
// Options: --scale 1,20  --requests 50  --warmup 5  --seed 1. DATABASE_URL: measure on PostgreSQL
// (its earlier generated rows are replaced); --throwaway-postgres: on a PostgreSQL 15 cluster started
// for the run in a temporary folder and removed after it; otherwise an embedded database in a
// temporary folder.
import "./production-env.ts";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ServerBuild } from "react-router";
import { parseBenchArgs } from "./bench-args.ts";
import { ROOT } from "./build.ts";
import { migrateWithDemoContent, openBenchDatabase } from "./demo-database.ts";
import { createBenchApp, loadProductionBuild, timeRequests } from "./in-process-app.ts";
import { clearGenerated, generateKosovo, type GenerateReport } from "./generate.ts";
import { SYNTHETIC_NEWS_NOTE } from "./generators/news-items.ts";
import { formatTable, median, percentile } from "./stats.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

/** One measured URL at one scale. */
export interface PageResult {
  label: string;
  url: string;
  status: number;
  queries: { min: number; max: number } | null;
  dbMs: { median: number; p95: number } | null;
  appMs: { median: number; p95: number } | null;
  /** Until the last byte of the body was read (includes streaming the rendered page). */
  totalMs: { median: number; p95: number };
  /** Response size as sent (gzip when the app compresses it). */
  bytes: number;
}

export interface ScaleResult {
  scale: number;
  database: "pglite" | "postgres";
  newsItems: number;
  generation: GenerateReport;
  pages: PageResult[];
}

const values = parseBenchArgs({
  defaults: { scale: "1,20", requests: "50", warmup: "5", seed: "1" },
  flags: ["throwaway-postgres"],
});
const scales = values.scale.split(",").map(Number);
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const seed = Number(values.seed);
if (scales.some((s) => !(s > 0)) || !(requests > 0) || !(warmup >= 0))
  throw new Error("--scale, --requests and --warmup must be positive numbers.");
let databaseUrl = process.env.DATABASE_URL || undefined;

function stat(samples: number[]): { median: number; p95: number } {
  return { median: median(samples), p95: percentile(samples, 95) };
}

async function measure(fetchPage: (url: string) => Promise<Response>, label: string, url: string): Promise<PageResult> {
  const timings = await timeRequests(fetchPage, url, { warmup, requests });
  const numbers = (pick: (t: (typeof timings)[number]) => number | null) =>
    timings.map(pick).filter((n): n is number => n !== null);
  const queries = numbers((t) => t.queries);
  const db = numbers((t) => t.db);
  const app = numbers((t) => t.app);
  const statuses = [...new Set(timings.map((t) => t.status))];
  return {
    label,
    url,
    status: statuses.length === 1 ? statuses[0]! : Math.max(...statuses),
    queries: queries.length ? { min: Math.min(...queries), max: Math.max(...queries) } : null,
    dbMs: db.length ? stat(db) : null,
    appMs: app.length ? stat(app) : null,
    totalMs: stat(timings.map((t) => t.total)),
    bytes: Math.round(median(timings.map((t) => t.bytes))),
  };
}

async function runScale(scale: number, build: ServerBuild): Promise<ScaleResult> {
  const { handle, dir } = await openBenchDatabase("cap-bench-", databaseUrl);
  try {
    const { db } = handle;
    await migrateWithDemoContent(db);
    if (handle.kind === "postgres") await clearGenerated(db);
    process.stdout.write(`Generating Kosovo ×${scale} on ${handle.kind}… `);
    const generation = await generateKosovo(db, { scale, seed });
    console.log(
      `${generation.entities.map((e) => `${e.rows} ${e.name}`).join(", ")} in ${(generation.ms / 1000).toFixed(1)} s`,
    );

    const app = createBenchApp(db, dir, build);
    const fetchPage = async (url: string) =>
      app.fetch(
        new Request(`http://localhost${url}`, { headers: { "Accept-Encoding": "gzip", "Accept-Language": "en" } }),
      );

    const newsItems = Number(
      (
        await db
          .selectFrom("news_item")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const lastPage = Math.max(1, Math.ceil(newsItems / 12));
    const sample = await db
      .selectFrom("news_item")
      .select("slug")
      .where("source_note", "=", SYNTHETIC_NEWS_NOTE)
      .orderBy("published_at", "desc")
      .offset(Math.floor(generation.entities.find((e) => e.name === "news_item")!.rows / 2))
      .limit(1)
      .executeTakeFirstOrThrow();

    const pages: [string, string][] = [
      ["home (sq)", "/sq/"],
      ["municipalities", "/en/municipalities"],
      ["municipality", "/en/municipalities/20-prizren"],
      ["news, page 1", "/en/news"],
      ["news, page 50", "/en/news?page=50"],
      [`news, last page (${lastPage})`, `/en/news?page=${lastPage}`],
      ["news item", `/en/news/${sample.slug}`],
      ["about", "/en/about"],
      ["needs statistics", "/en/needs"],
      ["needs statistics CSV", "/en/needs/statistics.csv"],
      ["projects", "/en/projects"],
      ["projects, page 20", "/en/projects?page=20"],
      ["projects, filtered", "/en/projects?sector=education"],
      ["projects 3W", "/en/projects/3w"],
      ["API municipalities", "/api/v1/municipalities"],
      ["API projects ×100", "/api/v1/projects?pageSize=100"],
      ["API needs statistics", "/api/v1/needs/stats"],
      ["health", "/healthz"],
    ];
    const results: PageResult[] = [];
    for (const [label, url] of pages) results.push(await measure(fetchPage, label, url));
    return { scale, database: handle.kind, newsItems, generation, pages: results };
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printScale(result: ScaleResult): void {
  const ms = (s: { median: number; p95: number } | null, key: "median" | "p95") => (s ? s[key] : Number.NaN);
  console.log(
    `\nKosovo ×${result.scale} on ${result.database}: ${result.newsItems} news items; ${requests} requests per URL after ${warmup} warm-up`,
  );
  console.log(
    formatTable(
      ["page", "status", "queries", "db ms p50", "app ms p50", "app ms p95", "total ms p50", "total ms p95", "KB sent"],
      result.pages.map((p) => [
        p.label,
        p.status,
        p.queries
          ? p.queries.min === p.queries.max
            ? String(p.queries.min)
            : `${p.queries.min}–${p.queries.max}`
          : "–",
        ms(p.dbMs, "median"),
        ms(p.appMs, "median"),
        ms(p.appMs, "p95"),
        p.totalMs.median,
        p.totalMs.p95,
        p.bytes / 1024,
      ]),
      [undefined, 0, undefined, 1, 1, 1, 1, 1, 1],
    ),
  );
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const build = await loadProductionBuild();

  let cluster: ThrowawayPostgres | null = null;
  if (values["throwaway-postgres"]) {
    cluster = await startThrowawayPostgres();
    databaseUrl = cluster.url;
    console.log(`PostgreSQL ${cluster.version} (throwaway cluster).`);
  }
  const results: ScaleResult[] = [];
  try {
    for (const scale of scales) {
      const result = await runScale(scale, build);
      printScale(result);
      console.log(
        `Load average: ${os
          .loadavg()
          .map((n) => n.toFixed(2))
          .join(" ")}`,
      );
      results.push(result);
    }
  } finally {
    cluster?.stop();
  }

  const outDir = path.join(ROOT, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `run-${new Date().toISOString().replaceAll(":", "-").slice(0, 19)}.json`);
  const cpus = os.cpus();
  fs.writeFileSync(
    outFile,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        commit: gitCommit(),
        node: process.version,
        cpu: `${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: os.loadavg(),
        options: { scales, requests, warmup, seed },
        results,
      },
      null,
      2,
    ),
  );
  console.log(`\nFigures written to ${path.relative(process.cwd(), outFile)}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

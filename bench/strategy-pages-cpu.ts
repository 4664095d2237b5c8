/**
 * `DATABASE_URL=<copy of the ×10 data> npx tsx bench/strategy-pages-cpu.ts [--builds DIR[,DIR…]]
 * [--requests 60] [--warmup 10] [--rounds 2]`: in-process CPU per request of the public strategy pages
 * (the generated strategy, its national plan, the local plan of Prizren, the national plan's first
 * measure) and the layout-only about page, through one or more production server builds (default
 * build/), alternated round by round so that builds compared are measured back to back under the same
 * load. Per URL and build: median CPU time of the process per request (user + system, so the database
 * server's own time is not in it), HTML size, loader data size (the `.data` request), statements.
 * Reports figures only; never writes.
 */
import "./production-env.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { openDatabase } from "#app/db/client.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { createBenchApp } from "./in-process-app.ts";
import { findBenchStrategyPages } from "./generators/strategy-plans.ts";
import { serverBuildPath } from "./build.ts";
import { formatTable, median, parseServerTiming } from "./stats.ts";

const values = parseBenchArgs({
  defaults: { requests: "60", warmup: "10", rounds: "2" },
  optional: ["builds"],
});
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const ROUNDS = Number(values.rounds);
if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a copy of the ×10 database.");

const buildDirs = values.builds ? values.builds.split(",") : [path.dirname(path.dirname(serverBuildPath()))];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-strategy-cpu-"));
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: dir });
try {
  const { db } = handle;
  const { strategy, national, local, measure } = await findBenchStrategyPages(db);
  const urls: [string, string][] = [
    ["a strategy", `/en/strategies/${strategy.slug}`],
    ["a strategy, one sector", `/en/strategies/${strategy.slug}?sector=health`],
    ["a national plan", `/en/strategies/${strategy.slug}/plans/${national.code}`],
    ["a local plan", `/en/strategies/${strategy.slug}/plans/${local.code}`],
    ["a measure", `/en/measures/${measure.id}`],
    ["about (layout only)", "/en/about"],
  ];
  const apps = [];
  for (const buildDir of buildDirs) {
    const file = path.resolve(buildDir, "server", "index.js");
    const build = (await import(pathToFileURL(file).href)) as ServerBuild;
    apps.push({ name: buildDir, app: createBenchApp(db, dir, build) });
  }
  const cpu: Map<string, number[]> = new Map();
  const info: Map<string, { html: number; data: number; queries: string }> = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, url] of urls) {
      for (const { name, app } of apps) {
        const key = `${label}\u0000${name}`;
        const samples = cpu.get(key) ?? [];
        let html = 0;
        const queries = new Set<number>();
        for (let i = 0; i < WARMUP + REQUESTS; i++) {
          const before = process.cpuUsage();
          const response = await app.fetch(new Request(`http://localhost${url}`));
          const body = await response.text();
          const used = process.cpuUsage(before);
          if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
          if (i >= WARMUP) {
            samples.push((used.user + used.system) / 1000);
            html = body.length;
            queries.add(parseServerTiming(response.headers.get("server-timing")).queries ?? -1);
          }
        }
        cpu.set(key, samples);
        const u = new URL(`http://localhost${url}`);
        const dataResponse = await app.fetch(new Request(`http://localhost${u.pathname}.data${u.search}`));
        const data = (await dataResponse.text()).length;
        info.set(key, { html, data, queries: [...queries].join("/") });
      }
    }
  }
  const rows: (string | number)[][] = [];
  for (const [label] of urls)
    for (const { name } of apps) {
      const key = `${label}\u0000${name}`;
      const i = info.get(key)!;
      rows.push([label, name, median(cpu.get(key)!), i.html / 1024, i.data / 1024, i.queries]);
    }
  console.log(
    `${REQUESTS} requests per URL and build and round after ${WARMUP} warm-up, ${ROUNDS} rounds alternated; loadavg ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`,
  );
  console.log(
    formatTable(["page", "build", "CPU ms p50", "HTML KB", "data KB", "statements"], rows, [
      undefined,
      undefined,
      1,
      1,
      1,
      undefined,
    ]),
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

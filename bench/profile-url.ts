/**
 * `npx tsx bench/profile-url.ts --url /api/v1/municipalities [--requests 2000] [--concurrency 8] [--runs 1]
 * [--postgres | --database-url URL] [--sign-in EMAIL [--accounts FILE]] [--top 30] [--keep DIR] [--cpu-only] [--first URL]`: where the server's own
 * time goes for one URL.
 *
 * Starts the production server (built first when stale) on the demo data — on the embedded database,
 * or with `--postgres` on a throwaway PostgreSQL 15 cluster — with a V8 CPU profiler, sends the URL
 * `--requests` times from `--concurrency` keep-alive clients (gzip accepted, as browsers do), stops the
 * server and prints the functions that took the most time: by self time, and by the source file they
 * belong to (node internals, each dependency, each file of ours). The profile stays in `--keep DIR`
 * (open it in Chrome's DevTools) or a temporary folder that is removed. `--database-url` profiles against a
 * database you filled yourself (e.g. a copy of the ×10 dataset: `createdb -T <filled> <copy>`) instead.
 * `--sign-in EMAIL` signs in first through the real forms (password and two-factor code) as that demo account, whose
 * password and TOTP secret come from `--accounts FILE` (default: the server's own demo-accounts.json, e.g.
 * /work/wt/_pg10/demo-accounts.json for a copy of a database seeded elsewhere), and sends the session cookie with
 * every request: workspace pages can be profiled. The server sends Server-Timing (SERVER_TIMING=true); the
 * app time's median, p95 and p99 over the measured requests are printed with the profile.
 *
 * For before/after comparisons (decisions 072, 073): `--cpu-only` runs the server without the profiler and prints
 * only its CPU time per request (utime + stime from /proc), `--runs N` repeats the measured run N times in the same
 * process (each run's figure and the median), and `--first URL` requests a URL once before the warm-up — a page,
 * for instance, whose rendering turns React's AsyncLocalStorage on for the rest of the process.
 */
import "./production-env.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startServer, stopServer, waitUntilHealthy } from "../tests/e2e/support/server-process.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { ensureBuild } from "./build.ts";
import { readDemoAccounts, signInOverHttp } from "./demo-sign-in.ts";
import { processCpuMs } from "./process-cpu.ts";
import { formatTable, parseServerTiming, percentile } from "./stats.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

const values = parseBenchArgs({
  defaults: { url: "/api/v1/municipalities", requests: "2000", concurrency: "8", top: "30", runs: "1" },
  optional: ["database-url", "keep", "sign-in", "accounts", "first"],
  flags: ["postgres", "cpu-only"],
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const TOP = Number(values.top);
const RUNS = Number(values.runs);
if (!(REQUESTS > 0) || !(CONCURRENCY > 0) || !(TOP > 0) || !(RUNS >= 1))
  throw new RangeError("--requests, --concurrency, --top and --runs take positive numbers.");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per function and per source file of a V8 CPU profile. */
export function summariseProfile(profile: CpuProfile): {
  total: number;
  functions: Map<string, number>;
  files: Map<string, number>;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const file = sourceOf(frame.url, frame.functionName);
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
    total += ms;
  }
  return { total, functions, files };
}

/** A readable source: a package name, "node:…", our file relative to the build, or a V8 category. */
function sourceOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return url;
  const build = url.indexOf("/build/");
  return build >= 0 ? url.slice(build + 1) : url.replace(/^file:\/\//, "");
}

/** Signs in as a demo account of --accounts (default: the server's own demo-accounts.json); returns the Cookie header. */
async function signInFromAccounts(baseUrl: string, email: string): Promise<string> {
  const file = values.accounts ? path.resolve(values.accounts) : path.join(dataDir, "demo-accounts.json");
  const account = readDemoAccounts(file).get(email);
  if (!account) throw new Error(`${email} is not in ${file}.`);
  return signInOverHttp(baseUrl, email, account);
}

async function drive(
  baseUrl: string,
  urlPath: string,
  cookie: string | null,
): Promise<{ ms: number; errors: number; appMs: number[]; bytes: number }> {
  let next = 0;
  let errors = 0;
  let bytes = 0;
  const appMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const response = await fetch(new URL(urlPath, baseUrl), {
          headers: { "Accept-Encoding": "gzip", ...(cookie ? { cookie } : {}) },
          redirect: "manual",
        });
        bytes = (await response.arrayBuffer()).byteLength;
        if (!response.ok) errors += 1;
        const app = parseServerTiming(response.headers.get("server-timing")).appMs;
        if (app !== null) appMs.push(app);
      }
    }),
  );
  return { ms: performance.now() - started, errors, appMs, bytes };
}

await ensureBuild();
const profileDir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), "profile-url-"));
fs.mkdirSync(profileDir, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "profile-url-data-"));
let postgres: ThrowawayPostgres | null = null;
try {
  postgres = values.postgres && !values["database-url"] ? await startThrowawayPostgres() : null;
  const server = startServer({
    port: await findFreePort(),
    dataDir,
    entry: "main",
    nodeFlags: values["cpu-only"] ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
    env: {
      LOG_LEVEL: "warn",
      SEED_DEMO: "true",
      SERVER_TIMING: "true",
      CLIENT_MAX_ACTIVE_REQUESTS: "256",
      CLIENT_MAX_WAITING_REQUESTS: "1024",
      ...(values["database-url"]
        ? { DATABASE_URL: values["database-url"] }
        : postgres
          ? { DATABASE_URL: postgres.url }
          : {}),
    },
  });
  await waitUntilHealthy(server, 600_000);
  const cookie = values["sign-in"] ? await signInFromAccounts(server.baseUrl, values["sign-in"]) : null;
  if (values.first) {
    const response = await fetch(new URL(values.first, server.baseUrl), { redirect: "manual" });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`--first ${values.first} answered ${response.status}.`);
  }
  // Warm up (first renders, caches, JIT) before the measured run; the profile covers both.
  for (let i = 0; i < 20; i += 1) {
    const response = await fetch(new URL(values.url, server.baseUrl), {
      headers: cookie ? { cookie } : {},
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${values.url} answered ${response.status}${cookie ? "" : " (--sign-in?)"}.`);
  }
  const cpuPerRequest: number[] = [];
  let run: Awaited<ReturnType<typeof drive>> | undefined;
  let ms = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const cpuBefore = processCpuMs(server.child.pid);
    run = await drive(server.baseUrl, values.url, cookie);
    cpuPerRequest.push((processCpuMs(server.child.pid) - cpuBefore) / REQUESTS);
    ms += run.ms;
  }
  await stopServer(server);
  const where = values["database-url"] ? "the given database" : postgres ? "PostgreSQL" : "embedded database";
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const cpuLine = () => {
    if (cpuPerRequest.every((cpu) => Number.isFinite(cpu)))
      console.log(
        `Server CPU (user + system, /proc): ${percentile(cpuPerRequest, 50).toFixed(2)} ms a request over the measured run${RUNS > 1 ? `s (median; each: ${cpuPerRequest.map((cpu) => cpu.toFixed(2)).join(", ")})` : ""}`,
      );
  };
  if (values["cpu-only"]) {
    console.log(
      `${values.url}: ${RUNS} × ${REQUESTS} requests, ${CONCURRENCY} clients, ${((RUNS * REQUESTS * 1000) / ms).toFixed(1)} req/s, ${run!.errors} errors (last run); no profiler; load average ${load}; ${where}`,
    );
    cpuLine();
  } else {
    const file = fs.readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`No profile written to ${profileDir}:\n${server.output().slice(-2000)}`);
    const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile);
    const rows = (map: Map<string, number>) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([name, ms]) => [name, ms.toFixed(0), ((100 * ms) / summary.total).toFixed(1)]);
    console.log(
      `${values.url}: ${RUNS * REQUESTS} requests, ${CONCURRENCY} clients, ${((RUNS * REQUESTS * 1000) / ms).toFixed(1)} req/s, ${run!.errors} errors; ` +
        `profile ${summary.total.toFixed(0)} ms (${(summary.total / (RUNS * REQUESTS)).toFixed(2)} ms a request, start-up included); ` +
        `load average ${load}; ${where}`,
    );
    cpuLine();
    if (run!.appMs.length > 0) {
      const sorted = run!.appMs;
      console.log(
        `Server-Timing app (ms): median ${percentile(sorted, 50).toFixed(1)}, p95 ${percentile(sorted, 95).toFixed(1)}, ` +
          `p99 ${percentile(sorted, 99).toFixed(1)}; response ${run!.bytes} bytes (gzip)`,
      );
    }
    console.log(`\nBy source:\n${formatTable(["source", "ms", "%"], rows(summary.files))}`);
    console.log(`\nBy function (self time):\n${formatTable(["function", "ms", "%"], rows(summary.functions))}`);
    if (values.keep) console.log(`\nProfile: ${path.join(profileDir, file)}`);
  }
} finally {
  postgres?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!values.keep) fs.rmSync(profileDir, { recursive: true, force: true });
}

// `npx tsx bench/hostile-uploads.ts [--url http://host:port --pid N]`: sends each availability
// attack of issue 12 to a running production server and reports, per attack, the answers, the
// server's peak resident memory growth and the slowest /healthz answer while it ran (decision 024).
// Without --url it starts one (`scripts/start.mjs`, NODE_ENV=production, its own data folder, a
// free port, the demo content and demo accounts) with TRUST_PROXY=true, so that this script can
// stand for many clients by sending X-Forwarded-For as a proxy would, and can sign in as the demo
// coordinator (password and TOTP secret from DATA_DIR/demo-accounts.json) for the two imports.
// Against another server give --pid to sample its memory; the import rows need the started server.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { Secret, TOTP } from "otpauth";
import {
  findFreePort,
  PRODUCTION_NODE_FLAGS,
  removeDirectory,
  startServer,
  stopServer,
  waitUntilHealthy,
  type ServerProcess,
} from "../tests/e2e/support/server-process.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";
import { createTrackingCode } from "../app/modules/needs/public/tracking-code.server.ts";
import { pdfDeflateBomb, xlsxWithRows, xlsxZipBomb } from "../tests/support/hostile-files.ts";

const values = parseBenchArgs({
  optional: ["url", "pid", "metrics-token", "only", "profile"],
  flags: ["postgres", "trace-gc"],
});
/** `--only sign-in,search`: run the attacks whose description contains one of these words. */
const only =
  values.only
    ?.split(",")
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean) ?? [];

interface Row {
  attack: string;
  outcome: string;
  memoryGrowthMb: number;
  /** The slowest /healthz answer as the separate prober saw it. */
  maxHealthMs: number;
  /** The server's own time for that slowest answer, and the part of it spent on SQL (Server-Timing). */
  slowestServerMs: number | null;
  slowestDbMs: number | null;
  /** The server's longest event-loop stall during the attack (prom-client's monitorEventLoopDelay). */
  eventLoopMaxMs: number | null;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

let server: ServerProcess | null = null;
let postgres: ThrowawayPostgres | null = null;
const metricsToken = values["metrics-token"] ?? randomBytes(16).toString("hex");
let baseUrl = values.url ?? "";
let pid = Number(values.pid ?? 0);
if (!baseUrl) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-uploads-"));
  const port = await findFreePort();
  // `--postgres`: the same server on a throwaway PostgreSQL 15 cluster instead of the embedded database.
  postgres = values.postgres ? await startThrowawayPostgres() : null;
  server = startServer({
    port,
    dataDir,
    entry: "start",
    // `--profile DIR`: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    // `--trace-gc`: the server logs every garbage collection; the longest pauses are summed up at the end.
    nodeFlags: [
      ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : []),
      ...(values["trace-gc"] ? ["--trace-gc"] : []),
    ],
    env: {
      TRUST_PROXY: "true",
      LOG_LEVEL: "warn",
      SEED_DEMO: "true",
      SEED_DEMO_ACCOUNTS: "true",
      SERVER_TIMING: "true",
      METRICS_TOKEN: metricsToken,
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    },
  });
  await waitUntilHealthy(server, 600_000);
  baseUrl = server.baseUrl;
  pid = server.child.pid ?? 0;
}
const origin = new URL(baseUrl).origin;

const startRss = pid ? rssOf(pid) : 0;
let overallPeak = startRss;

// The health prober runs on its own thread, as a load balancer's probe runs on another machine: a
// busy attacking loop in this script must not delay the probe's own timers and sockets.
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
let running = true;
parentPort.on("message", () => { running = false; });
(async () => {
  const samples = [];
  while (running) {
    const started = performance.now();
    const response = await fetch(workerData.url);
    await response.arrayBuffer();
    const ms = performance.now() - started;
    const timing = response.headers.get("server-timing") ?? "";
    const app = /app;dur=([0-9.]+)/.exec(timing);
    const db = /db;dur=([0-9.]+)/.exec(timing);
    samples.push({ ms, app: app ? Number(app[1]) : null, db: db ? Number(db[1]) : null });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  parentPort.postMessage(samples);
})();
`;

interface HealthSample {
  ms: number;
  app: number | null;
  db: number | null;
}

function startProber(): { stop: () => Promise<HealthSample[]> } {
  const worker = new Worker(PROBER, { eval: true, workerData: { url: `${baseUrl}/healthz` } });
  const done = new Promise<HealthSample[]>((resolve, reject) => {
    worker.once("message", (samples: HealthSample[]) => resolve(samples));
    worker.once("error", reject);
  });
  return {
    stop: async () => {
      worker.postMessage("stop");
      const samples = await done;
      await worker.terminate();
      return samples;
    },
  };
}

/** The server's longest event-loop stall since the previous call (prom-client resets it on each scrape). */
async function eventLoopMaxMs(): Promise<number | null> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
  if (!response.ok) return null;
  const value = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(await response.text())?.[1];
  return value === undefined ? null : Math.round(Number(value) * 1000);
}

/** Runs an attack while sampling the server's memory every 50 ms and /healthz from the prober. */
async function measure(attack: string, run: () => Promise<string>): Promise<Row | null> {
  if (only.length > 0 && !only.some((word) => attack.toLowerCase().includes(word))) return null;
  const baseline = pid ? rssOf(pid) : 0;
  let peak = baseline;
  let running = true;
  await eventLoopMaxMs();
  const prober = startProber();
  const sampler = (async () => {
    while (running) {
      if (pid) {
        peak = Math.max(peak, rssOf(pid));
        overallPeak = Math.max(overallPeak, peak);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const outcome = await run();
  running = false;
  await sampler;
  const samples = await prober.stop();
  const loopMax = await eventLoopMaxMs();
  const slowest = samples.reduce<HealthSample | null>(
    (worst, sample) => (worst && worst.ms >= sample.ms ? worst : sample),
    null,
  );
  const row: Row = {
    attack,
    outcome,
    memoryGrowthMb: Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10,
    maxHealthMs: Math.round(slowest?.ms ?? 0),
    slowestServerMs: slowest?.app == null ? null : Math.round(slowest.app),
    slowestDbMs: slowest?.db == null ? null : Math.round(slowest.db),
    eventLoopMaxMs: loopMax,
  };
  console.log(
    `${row.attack}: ${row.outcome} (memory +${row.memoryGrowthMb} MB, /healthz max ${row.maxHealthMs} ms of which server ${row.slowestServerMs ?? "?"} ms, SQL ${row.slowestDbMs ?? "?"} ms; event loop max ${row.eventLoopMaxMs ?? "?"} ms; ${samples.length} probes)`,
  );
  return row;
}

/** A page's cookies and hidden fields, as a browser would keep them. */
async function openForm(pathname: string, client: string): Promise<{ cookie: string; fields: Record<string, string> }> {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { "X-Forwarded-For": client } });
  const html = await response.text();
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1]!] = m[2]!.replaceAll("&amp;", "&");
  return { cookie, fields };
}

/** 1,000 requests from one client, ten at a time: their statuses. */
async function thousandInTens(send: () => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let batch = 0; batch < 1_000; batch += 10)
    statuses.push(...(await Promise.all(Array.from({ length: 10 }, send))));
  return statuses;
}

function countStatuses(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${n}×${s}`)
    .join(", ");
}

async function postForm(
  pathname: string,
  form: { cookie: string; fields: Record<string, string> },
  extra: Record<string, string>,
  files: { name: string; bytes: Buffer }[],
  client: string,
): Promise<number> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ ...form.fields, ...extra })) body.append(k, v);
  for (const f of files)
    body.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: "application/pdf" }), f.name);
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: origin, Cookie: form.cookie, "X-Forwarded-For": client },
  });
  await response.arrayBuffer();
  return response.status;
}

/** A browser's cookie jar and address, for the signed-in requests of the import rows. */
interface Session {
  client: string;
  cookies: Map<string, string>;
}

async function sessionFetch(session: Session, pathname: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("X-Forwarded-For", session.client);
  headers.set("Cookie", [...session.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  if (init.method === "POST") headers.set("Origin", origin);
  const response = await fetch(`${baseUrl}${pathname}`, { ...init, headers, redirect: "manual" });
  for (const cookie of response.headers.getSetCookie?.() ?? []) {
    const [pair] = cookie.split(";");
    const at = pair!.indexOf("=");
    session.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return response;
}

/** Posts a page's form as a browser would: its hidden fields (the CSRF token) plus `fields` and `files`. */
async function sessionPost(
  session: Session,
  pathname: string,
  fields: Record<string, string>,
  files: { field: string; name: string; bytes: Buffer; type: string }[] = [],
): Promise<Response> {
  const html = await (await sessionFetch(session, pathname)).text();
  const body = new FormData();
  for (const m of html.matchAll(/<input type="hidden" name="(_csrf)" value="([^"]*)"/g))
    body.append(m[1]!, m[2]!.replaceAll("&amp;", "&"));
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return sessionFetch(session, pathname, { method: "POST", body });
}

/** Signs the demo coordinator in (password, then a TOTP code), as the import pages require. */
async function signInCoordinator(dataDir: string): Promise<Session> {
  const email = "coordinator@demo.cap.example.org";
  const accounts = (
    JSON.parse(fs.readFileSync(path.join(dataDir, "demo-accounts.json"), "utf8")) as {
      accounts: { email: string; password: string; totpSecret: string | null }[];
    }
  ).accounts;
  const account = accounts.find((a) => a.email === email);
  if (!account?.totpSecret) throw new Error(`no demo credentials for ${email} in ${dataDir}`);
  const session: Session = { client: "198.51.100.200", cookies: new Map() };
  const first = await sessionPost(session, "/en/sign-in", { email, password: account.password });
  if (first.status !== 302) throw new Error(`sign-in answered ${first.status}`);
  const code = new TOTP({
    secret: Secret.fromBase32(account.totpSecret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  }).generate();
  const second = await sessionPost(session, "/en/sign-in/two-factor", { code });
  if (second.status !== 302) throw new Error(`the two-factor step answered ${second.status}`);
  return session;
}

/** An IATI activity file of `count` small activities (an identifier and a title each), about 100 bytes apiece. */
function iatiActivities(count: number): Buffer {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'];
  for (let n = 0; n < count; n++)
    parts.push(
      `<iati-activity><iati-identifier>XM-B-${n}</iati-identifier><title><narrative>A ${n}</narrative></title></iati-activity>\n`,
    );
  parts.push("</iati-activities>\n");
  return Buffer.from(parts.join(""), "utf8");
}

const attacker = "203.0.113.66";
const otherClient = (n: number) => `198.51.100.${n}`;
const needsPath = "/en/needs/new?municipality=20";
const needsFields = {
  category: "education",
  municipality: "20",
  description: "The school in our village has no heating this winter.",
  identity: "anonymous",
  website: "",
  intent: "submit",
};

// Forms are opened first: a person takes at least three seconds to fill one in.
const pdfForms = await Promise.all([0, 1].map(() => openForm(needsPath, attacker)));
const replayForm = await openForm(needsPath, otherClient(30));
const otherForm = await openForm(needsPath, otherClient(31));
const signInForms = await Promise.all([attacker, otherClient(40)].map((c) => openForm("/en/sign-in", c)));
const bomb1mb = await pdfDeflateBomb(1024);
const bomb100kb = await pdfDeflateBomb(100);
const millionRows = await xlsxWithRows(1_000_000);
const zipBomb = await xlsxZipBomb(1024);
await new Promise((resolve) => setTimeout(resolve, 3_500));

const rows: (Row | null)[] = [];
rows.push(
  await measure(
    `PDF bomb ${(bomb1mb.length / 1024 / 1024).toFixed(1)} MB → 1 GiB, ×5 attachments, needs form`,
    async () =>
      countStatuses([
        await postForm(
          needsPath,
          pdfForms[0]!,
          {},
          Array.from({ length: 5 }, (_, i) => ({ name: `bomb-${i}.pdf`, bytes: bomb1mb })),
          attacker,
        ),
      ]),
  ),
);
rows.push(
  await measure(`PDF bomb ${Math.round(bomb100kb.length / 1024)} KB → 100 MiB, needs form`, async () =>
    countStatuses([
      await postForm(needsPath, pdfForms[1]!, {}, [{ name: "small-bomb.pdf", bytes: bomb100kb }], attacker),
    ]),
  ),
);
rows.push(
  await measure("1,000 failed sign-ins, random e-mails, one client", async () => {
    const statuses = await thousandInTens(() =>
      postForm(
        "/en/sign-in",
        signInForms[0]!,
        { email: `${randomBytes(6).toString("hex")}@example.net`, password: "guess-guess-guess-1" },
        [],
        attacker,
      ),
    );
    const other = await postForm(
      "/en/sign-in",
      signInForms[1]!,
      { email: "someone@example.org", password: "not the password 1" },
      [],
      otherClient(40),
    );
    return `attacker ${countStatuses(statuses)}; another client ${other} (400 = asked, not locked)`;
  }),
);
rows.push(
  await measure("form token replayed 100 times", async () => {
    const first = await postForm(needsPath, replayForm, needsFields, [], otherClient(30));
    const replays: number[] = [];
    for (let i = 0; i < 100; i++)
      replays.push(await postForm(needsPath, replayForm, needsFields, [], otherClient(50 + (i % 100))));
    const other = await postForm(needsPath, otherForm, needsFields, [], otherClient(31));
    return `first ${first}; replays ${countStatuses(replays)}; another client's own form ${other}`;
  }),
);
rows.push(
  await measure("1,000 random tracking codes, one client", async () => {
    const statuses = await thousandInTens(async () => {
      // Guesses as an informed attacker makes them: well-formed codes with a valid check symbol.
      const code = createTrackingCode();
      const response = await fetch(`${baseUrl}/en/needs/track/${code}`, {
        headers: { "X-Forwarded-For": attacker },
      });
      await response.arrayBuffer();
      return response.status;
    });
    const other = await fetch(`${baseUrl}/en/needs/track/${createTrackingCode()}`, {
      headers: { "X-Forwarded-For": otherClient(60) },
    });
    return `attacker ${countStatuses(statuses)}; another client ${other.status}`;
  }),
);
rows.push(
  await measure("500 searches, one client", async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 500; batch += 10) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const response = await fetch(`${baseUrl}/en/search?q=${encodeURIComponent(`shkolla ${batch + i}`)}`, {
              headers: { "X-Forwarded-For": attacker },
            });
            await response.arrayBuffer();
            return response.status;
          }),
        )),
      );
    }
    const other = await fetch(`${baseUrl}/en/search?q=shkolla`, { headers: { "X-Forwarded-For": otherClient(61) } });
    return `attacker ${countStatuses(statuses)}; another client ${other.status}`;
  }),
);
// The imports need a signed-in coordinator (two-factor authentication): over HTTP as a browser would.
if (server) {
  const session = await signInCoordinator(server.dataDir);
  const plans = await (await sessionFetch(session, "/en/workspace/plans")).text();
  const strategyPath = /href="(\/en\/workspace\/plans\/strategies\/\d+)"/.exec(plans)?.[1];
  if (!strategyPath) throw new Error("the demo coordinator sees no strategy to import a plan into");
  const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  for (const [attack, file] of [
    [
      `1,000,000-row XLSX (${(millionRows.length / 1024 / 1024).toFixed(1)} MB), plan import, signed-in coordinator`,
      millionRows,
    ],
    [
      `zip bomb XLSX ${(zipBomb.length / 1024 / 1024).toFixed(1)} MB → 1 GiB, plan import, signed-in coordinator`,
      zipBomb,
    ],
  ] as const) {
    rows.push(
      await measure(attack, async () => {
        const started = performance.now();
        const response = await sessionPost(session, strategyPath, { intent: "import" }, [
          { field: "file", name: "plan.xlsx", bytes: file, type: xlsx },
        ]);
        await response.arrayBuffer();
        return `${response.status} after ${Math.round(performance.now() - started)} ms`;
      }),
    );
  }
  const iati = iatiActivities(41_000);
  rows.push(
    await measure(
      `IATI file ${(iati.length / 1024 / 1024).toFixed(1)} MB, 41,000 activities, project import, signed-in coordinator`,
      async () => {
        const started = performance.now();
        const response = await sessionPost(session, "/en/workspace/projects/import", { intent: "upload" }, [
          { field: "file", name: "activities.xml", bytes: iati, type: "application/xml" },
        ]);
        await response.arrayBuffer();
        return `${response.status} after ${Math.round(performance.now() - started)} ms`;
      },
    ),
  );
} else {
  console.log("(the import rows need the server this script starts: run it without --url)");
}

console.log(
  `\ndatabase: ${postgres ? `PostgreSQL ${postgres.version} (throwaway cluster)` : server ? "embedded PGlite" : "that of the server at --url"}`,
);
console.log(`load average: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
if (pid)
  console.log(
    `server resident memory: ${mb(startRss)} MB when the attacks began, ${mb(overallPeak)} MB at the highest, ${mb(rssOf(pid))} MB at the end; heap limit ${server ? PRODUCTION_NODE_FLAGS.join(" ") || "Node's default" : "unknown (a server this script did not start)"}\n`,
  );
console.log("| Attack | Outcome | Peak memory growth | Max /healthz (server, SQL) | Event loop max |");
console.log("|---|---|---|---|---|");
for (const row of rows) {
  if (!row) continue;
  console.log(
    `| ${row.attack} | ${row.outcome} | ${row.memoryGrowthMb} MB | ${row.maxHealthMs} ms (${row.slowestServerMs ?? "?"}, ${row.slowestDbMs ?? "?"}) | ${row.eventLoopMaxMs ?? "?"} ms |`,
  );
}

if (server && values["trace-gc"]) {
  const pauses = new Map<string, number[]>();
  for (const m of server
    .output()
    .matchAll(
      /\b(Scavenge|Mark-Compact|Mark-Compact \(reduce\)|Minor Mark-Compact)\b[^\n]*?MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ [\d.]+ ms/g,
    )) {
    const list = pauses.get(m[1]!) ?? [];
    list.push(Number(m[2]));
    pauses.set(m[1]!, list);
  }
  for (const [kind, list] of pauses) {
    const sorted = [...list].sort((a, b) => b - a);
    console.log(
      `GC ${kind}: ${list.length} pauses, longest ${sorted
        .slice(0, 5)
        .map((ms) => ms.toFixed(1))
        .join(", ")} ms, total ${list.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
  }
}
if (server) {
  await stopServer(server);
  removeDirectory(server.dataDir);
}
postgres?.stop();

// `npx tsx bench/hostile-uploads.ts [--url http://host:port --pid N]`: sends each availability
// attack of issue 12 to a running production server and reports, per attack, the answers, the
// server's peak resident memory growth and the slowest /healthz answer while it ran (decision 024).
// Without --url it starts one (`scripts/start.mjs`, NODE_ENV=production, its own data folder, a
// free port) with TRUST_PROXY=true, so that this script can stand for many clients by sending
// X-Forwarded-For as a proxy would; against another server give --pid to sample its memory.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { inspectPlanWorkbook } from "#app/modules/planning/plan-workbook-limits.server.ts";
import { findFreePort, removeDirectory, startServer, stopServer, waitUntilHealthy, type ServerProcess } from "../tests/e2e/support/server-process.ts";
import { pdfDeflateBomb, xlsxWithRows, xlsxZipBomb } from "../tests/support/hostile-files.ts";

const { values } = parseArgs({ options: { url: { type: "string" }, pid: { type: "string" } } });

interface Row {
  attack: string;
  outcome: string;
  memoryGrowthMb: number;
  maxHealthMs: number;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

let server: ServerProcess | null = null;
let baseUrl = values.url ?? "";
let pid = Number(values.pid ?? 0);
if (!baseUrl) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-uploads-"));
  const port = await findFreePort();
  server = startServer({ port, dataDir, entry: "start", env: { TRUST_PROXY: "true", LOG_LEVEL: "warn" } });
  await waitUntilHealthy(server, 600_000);
  baseUrl = server.baseUrl;
  pid = server.child.pid ?? 0;
}
const origin = new URL(baseUrl).origin;

/** Runs an attack while sampling the server's memory and /healthz every 50 ms. */
async function measure(attack: string, run: () => Promise<string>): Promise<Row> {
  const baseline = pid ? rssOf(pid) : 0;
  let peak = baseline;
  let maxHealth = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${baseUrl}/healthz`).then((r) => r.arrayBuffer());
      maxHealth = Math.max(maxHealth, performance.now() - started);
      if (pid) peak = Math.max(peak, rssOf(pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const outcome = await run();
  running = false;
  await sampler;
  const row = { attack, outcome, memoryGrowthMb: Math.round(((peak - baseline) / 1024 / 1024) * 10) / 10, maxHealthMs: Math.round(maxHealth) };
  console.log(`${row.attack}: ${row.outcome} (memory +${row.memoryGrowthMb} MB, /healthz max ${row.maxHealthMs} ms)`);
  return row;
}

/** A page's cookies and hidden fields, as a browser would keep them. */
async function openForm(pathname: string, client: string): Promise<{ cookie: string; fields: Record<string, string> }> {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { "X-Forwarded-For": client } });
  const html = await response.text();
  const cookie = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = m[2]!.replaceAll("&amp;", "&");
  return { cookie, fields };
}

function countStatuses(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n}×${s}`).join(", ");
}

async function postForm(pathname: string, form: { cookie: string; fields: Record<string, string> }, extra: Record<string, string>, files: { name: string; bytes: Buffer }[], client: string): Promise<number> {
  const body = new FormData();
  for (const [k, v] of Object.entries({ ...form.fields, ...extra })) body.append(k, v);
  for (const f of files) body.append("attachments", new Blob([new Uint8Array(f.bytes)], { type: "application/pdf" }), f.name);
  const response = await fetch(`${baseUrl}${pathname}`, { method: "POST", body, redirect: "manual", headers: { Origin: origin, Cookie: form.cookie, "X-Forwarded-For": client } });
  await response.arrayBuffer();
  return response.status;
}

const attacker = "203.0.113.66";
const otherClient = (n: number) => `198.51.100.${n}`;
const needsPath = "/en/needs/new?municipality=20";
const needsFields = { category: "education", municipality: "20", description: "The school in our village has no heating this winter.", identity: "anonymous", website: "", intent: "submit" };

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

const rows: Row[] = [];
rows.push(
  await measure(`PDF bomb ${(bomb1mb.length / 1024 / 1024).toFixed(1)} MB → 1 GiB, ×5 attachments, needs form`, async () =>
    countStatuses([await postForm(needsPath, pdfForms[0]!, {}, Array.from({ length: 5 }, (_, i) => ({ name: `bomb-${i}.pdf`, bytes: bomb1mb })), attacker)]),
  ),
);
rows.push(
  await measure(`PDF bomb ${Math.round(bomb100kb.length / 1024)} KB → 100 MiB, needs form`, async () =>
    countStatuses([await postForm(needsPath, pdfForms[1]!, {}, [{ name: "small-bomb.pdf", bytes: bomb100kb }], attacker)]),
  ),
);
rows.push(
  await measure("1,000 failed sign-ins, random e-mails, one client", async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 1_000; batch += 10) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () => postForm("/en/sign-in", signInForms[0]!, { email: `${randomBytes(6).toString("hex")}@example.net`, password: "guess-guess-guess-1" }, [], attacker)),
        )),
      );
    }
    const other = await postForm("/en/sign-in", signInForms[1]!, { email: "someone@example.org", password: "not the password 1" }, [], otherClient(40));
    return `attacker ${countStatuses(statuses)}; another client ${other} (400 = asked, not locked)`;
  }),
);
rows.push(
  await measure("form token replayed 100 times", async () => {
    const first = await postForm(needsPath, replayForm, needsFields, [], otherClient(30));
    const replays: number[] = [];
    for (let i = 0; i < 100; i++) replays.push(await postForm(needsPath, replayForm, needsFields, [], otherClient(50 + (i % 100))));
    const other = await postForm(needsPath, otherForm, needsFields, [], otherClient(31));
    return `first ${first}; replays ${countStatuses(replays)}; another client's own form ${other}`;
  }),
);
rows.push(
  await measure("1,000 random tracking codes, one client", async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 1_000; batch += 10) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async () => {
            const code = randomBytes(20).toString("hex").toUpperCase().replace(/[^0-9A-HJKMNP-TV-Z]/g, "").padEnd(28, "A").slice(0, 28);
            const response = await fetch(`${baseUrl}/en/needs/track/${code}`, { headers: { "X-Forwarded-For": attacker } });
            await response.arrayBuffer();
            return response.status;
          }),
        )),
      );
    }
    const other = await fetch(`${baseUrl}/en/needs/track/ABCDEFGHJKMNPQRSTVWXYZ012345`, { headers: { "X-Forwarded-For": otherClient(60) } });
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
            const response = await fetch(`${baseUrl}/en/search?q=${encodeURIComponent(`shkolla ${batch + i}`)}`, { headers: { "X-Forwarded-For": attacker } });
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
// The plan import needs a signed-in plan editor with two-factor authentication; these two run the
// same inspection the import runs (inspectPlanWorkbook, before storing or parsing) in this process.
for (const [attack, file] of [
  [`1,000,000-row XLSX (${(millionRows.length / 1024 / 1024).toFixed(1)} MB), plan import check, in process`, millionRows],
  [`zip bomb XLSX ${(zipBomb.length / 1024 / 1024).toFixed(1)} MB → 1 GiB, plan import check, in process`, zipBomb],
] as const) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const refusal = await inspectPlanWorkbook(file);
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  const row = { attack, outcome: `${refusal ?? "accepted"} after ${ms} ms`, memoryGrowthMb: Math.round(((peak - before) / 1024 / 1024) * 10) / 10, maxHealthMs: NaN };
  console.log(`${row.attack}: ${row.outcome} (memory +${row.memoryGrowthMb} MB)`);
  rows.push(row);
}

console.log(`\nload average: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}\n`);
console.log("| Attack | Outcome | Peak memory growth | Max /healthz |");
console.log("|---|---|---|---|");
for (const row of rows) console.log(`| ${row.attack} | ${row.outcome} | ${row.memoryGrowthMb} MB | ${Number.isNaN(row.maxHealthMs) ? "n/a (in process)" : `${row.maxHealthMs} ms`} |`);

if (server) {
  await stopServer(server);
  removeDirectory(server.dataDir);
}

// `npx tsx bench/page-weight.ts`: what a first visit to each public page type costs a new reader, in
// Chromium (playwright-core) through the DevTools Protocol: bytes on the wire (compressed, headers
// included) and requests, with the browser cache off; then first contentful paint and load on an
// emulated 2G link (250 kbit/s down and up, 300 ms latency) at 360 px, for home, needs submission,
// a strategy page and 3W in every locale (--runs times each, median).
// Starts the production server (`npm start`: builds when the sources changed) on a free port with a
// temporary DATA_DIR and the demo content. Reports figures only; the targets (≤ 60 KB, ≤ 8 requests,
// FCP < 1.5 s, load < 3 s on 2G) are printed next to them. --weight-only skips the 2G part.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { launchBrowser } from "../tests/e2e/support/browser.ts";
import {
  findFreePort,
  removeDirectory,
  startServer,
  stopServer,
  waitUntilHealthy,
} from "../tests/e2e/support/server-process.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { formatTable, median } from "./stats.ts";

const values = parseBenchArgs({
  defaults: { runs: "3", locale: "en" },
  flags: ["weight-only"],
});
const runs = Number(values.runs);
const LOCALES = ["sq", "sr", "sr-cyrl", "en"] as const;
const BUDGET_BYTES = 60 * 1024;
const BUDGET_REQUESTS = 8;
/** Chromium's "2G" preset is 250 kbit/s with 300 ms of latency; the same in bytes per second. */
const TWO_G = {
  offline: false,
  latency: 300,
  downloadThroughput: (250 * 1000) / 8,
  uploadThroughput: (250 * 1000) / 8,
};

/** One of each kind of public page (the same list as tests/e2e/pages.test.ts), by path after the locale. */
const PAGE_TYPES: { name: string; path: string }[] = [
  { name: "home", path: "" },
  { name: "municipalities", path: "municipalities" },
  { name: "municipality", path: "municipalities/20-prizren" },
  { name: "news", path: "news" },
  { name: "about", path: "about" },
  { name: "needs statistics", path: "needs" },
  { name: "needs submission", path: "needs/new" },
  { name: "needs submission, step 2", path: "needs/new?municipality=20" },
  { name: "needs tracking", path: "needs/track" },
  { name: "strategies", path: "strategies" },
  { name: "strategy", path: "strategies/roma-ashkali-inclusion-2017-2021" },
  { name: "local action plan", path: "strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ" },
  { name: "library", path: "library" },
  { name: "library document", path: "library/law-on-the-use-of-languages" },
  { name: "search results", path: "search?q=roma" },
  { name: "events", path: "events" },
  { name: "event", path: "events/third-regional-informative-session-prizren-2025-01-29" },
  { name: "services", path: "services" },
  { name: "opportunities", path: "opportunities" },
  { name: "organisations", path: "organizations" },
  { name: "organisation", path: "organizations/office-for-community-affairs" },
  { name: "sign in", path: "sign-in" },
  { name: "projects", path: "projects" },
  { name: "projects 3W", path: "projects/3w" },
];
const SLOW_PAGES = ["home", "needs submission", "strategy", "projects 3W"];

interface Visit {
  status: number;
  bytes: number;
  requests: number;
  byType: Record<string, number>;
  fcpMs: number | null;
  loadMs: number;
}

/** Opens the page once in a fresh context (nothing cached), counting what crosses the network. */
async function visit(browser: Browser, url: string, { slow }: { slow: boolean }): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (slow) await cdp.send("Network.emulateNetworkConditions", TWO_G);
  // Counted from Playwright's own request events (every request of the page, whatever cache or
  // timing): the encoded body plus headers of each response, as the network carried them.
  const finished: Promise<void>[] = [];
  const transfers: { type: string; bytes: number }[] = [];
  page.on("requestfinished", (request) => {
    finished.push(
      request.sizes().then((size) => {
        transfers.push({ type: request.resourceType(), bytes: size.responseBodySize + size.responseHeadersSize });
      }),
    );
  });
  const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForLoadState("networkidle");
  await Promise.all(finished);
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      load: navigation ? navigation.loadEventEnd - navigation.startTime : Number.NaN,
      fcp: fcp ? fcp.startTime : null,
    };
  });
  const byType: Record<string, number> = {};
  for (const { type, bytes } of transfers) byType[type] = (byType[type] ?? 0) + bytes;
  await context.close();
  return {
    status: response?.status() ?? 0,
    bytes: transfers.reduce((sum, t) => sum + t.bytes, 0),
    requests: transfers.length,
    byType,
    fcpMs: timing.fcp,
    loadMs: timing.load,
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-weight-"));
  const port = await findFreePort();
  const started = Date.now();
  const server = startServer({ port, dataDir, entry: "start", env: { SEED_DEMO: "true" } });
  let browser: Browser | undefined;
  try {
    await waitUntilHealthy(server, 15 * 60_000);
    console.log(
      `Server ready after ${((Date.now() - started) / 1000).toFixed(1)} s; load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`,
    );
    browser = await launchBrowser();

    const weightRows: string[][] = [];
    const locale = values.locale ?? "en";
    for (const type of PAGE_TYPES) {
      const v = await visit(browser, `${server.baseUrl}/${locale}/${type.path}`, { slow: false });
      const verdict = v.bytes <= BUDGET_BYTES && v.requests <= BUDGET_REQUESTS ? "yes" : "NO";
      const parts = Object.entries(v.byType)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([t, b]) => `${t} ${kb(b)}`)
        .join(", ");
      weightRows.push([type.name, String(v.status), kb(v.bytes), String(v.requests), parts, verdict]);
    }
    console.log(`\nFirst visit, /${locale}/…, cache off, compressed bytes on the wire (headers included):`);
    console.log(formatTable(["page", "status", "KB", "requests", "KB by type", "≤ 60 KB, ≤ 8 requests"], weightRows));

    const slowRows: string[][] = [];
    for (const name of values["weight-only"] ? [] : SLOW_PAGES) {
      const type = PAGE_TYPES.find((t) => t.name === name);
      if (!type) continue;
      for (const loc of LOCALES) {
        const visits: Visit[] = [];
        for (let i = 0; i < runs; i++)
          visits.push(await visit(browser, `${server.baseUrl}/${loc}/${type.path}`, { slow: true }));
        const fcp = median(visits.map((v) => v.fcpMs ?? Number.NaN));
        const load = median(visits.map((v) => v.loadMs));
        slowRows.push([
          name,
          loc,
          kb(visits[0]?.bytes ?? 0),
          (fcp / 1000).toFixed(2),
          (load / 1000).toFixed(2),
          fcp < 1500 && load < 3000 ? "yes" : "NO",
        ]);
      }
    }
    console.log(`\nEmulated 2G (250 kbit/s, 300 ms), 360 px, cache off, median of ${runs}:`);
    console.log(formatTable(["page", "locale", "KB", "FCP s", "load s", "FCP < 1.5 s, load < 3 s"], slowRows));
    console.log(`\nLoad average at the end: ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
  } finally {
    await browser?.close();
    await stopServer(server);
    removeDirectory(dataDir);
  }
}

await main();

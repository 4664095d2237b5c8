import fs from "node:fs";
import path from "node:path";
import {
  chromium,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type Route,
} from "playwright-core";
import type { AxeResults, Result, RunOptions } from "axe-core";
import { afterAll, beforeAll, describe, type ExpectStatic, type SuiteOptions } from "vitest";
import { REPOSITORY_ROOT } from "./server-process.ts";

/**
 * The system Chromium (Debian package `chromium`); the browser tests need nothing else.
 * `CHROMIUM_PATH` points elsewhere (e.g. `/usr/bin/chromium-browser` on Ubuntu).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** True when the browser tests can run on this machine. */
export const isChromiumAvailable = fs.existsSync(CHROMIUM_PATH);

/** Printed, and used as the skip reason, when the browser tests cannot run. */
export const CHROMIUM_MISSING_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} not found; .ci/run installs it`;

/** The two ways every page is tested: as a browser with JavaScript, and one without. */
export const JAVASCRIPT_MODES = [
  { name: "JavaScript on", javaScriptEnabled: true },
  { name: "JavaScript off", javaScriptEnabled: false },
] as const;

/** The modes as `[name, javaScriptEnabled]` cases: `describe.for(JAVASCRIPT_MODE_CASES)("%s", ([name, on]) => …)`. */
export const JAVASCRIPT_MODE_CASES = JAVASCRIPT_MODES.map((mode) => [mode.name, mode.javaScriptEnabled] as const);

/** Widths at which every page is checked: a desktop, and the narrowest phone WCAG reflow asks for. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, narrow: { width: 320, height: 640 } } as const;

let clientsMade = 0;

/**
 * A documentation-range address (198.18.0.0/15) for one simulated person: unique per browser
 * context across the test processes (the process id picks the third octet's range).
 */
function nextClientAddress(): string {
  clientsMade += 1;
  const n = (process.pid % 128) * 512 + clientsMade;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * Launches the system Chromium headless, with nothing that talks to the network on its own. The
 * test server runs behind a pretend proxy (TRUST_PROXY=true, tests/e2e/global-setup.ts): every
 * browser context is one person with an address of its own in X-Forwarded-For, so the per-client
 * limits (decision 024) count each person apart, as they would on a real site.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) =>
    newContext({
      ...options,
      extraHTTPHeaders: { "X-Forwarded-For": nextClientAddress(), ...options.extraHTTPHeaders },
    });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options = {}) =>
    newPage({ ...options, extraHTTPHeaders: { "X-Forwarded-For": nextClientAddress(), ...options.extraHTTPHeaders } });
  return browser;
}

/**
 * One browser for the enclosing `describe` block: launched before its tests and closed after them.
 * Returns a getter, as the browser exists only once the block's `beforeAll` has run.
 */
export function browserForSuite(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is launched in the describe block's beforeAll");
    return browser;
  };
}

/**
 * A `describe` block of browser tests: skipped where Chromium is missing (`isChromiumAvailable`), with one browser
 * for its tests (`browserForSuite`), whose getter `body` receives.
 */
export function describeInBrowser(
  name: string,
  body: (browser: () => Browser) => void,
  options: SuiteOptions = {},
): void {
  describe.skipIf(!isChromiumAvailable)(name, options, () => body(browserForSuite()));
}

/**
 * One browser context (at the desktop width) for the enclosing `describe` block, made before its
 * tests and closed after them, in the browser of `browserForSuite`. Returns a getter, as `browserForSuite`.
 */
export function browserContextForSuite(browser: () => Browser, javaScriptEnabled: boolean): () => BrowserContext {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    context = await browser().newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop });
  });
  afterAll(async () => {
    await context?.close();
  });
  return () => {
    if (!context) throw new Error("the browser context is made in the describe block's beforeAll");
    return context;
  };
}

/** Console errors and uncaught exceptions of a page, collected from the moment it is opened. */
export interface PageErrors {
  list(): string[];
}

/**
 * Records the page's console errors and uncaught exceptions. `ignore` drops expected messages
 * (e.g. Chromium's "Failed to load resource … 404" for a page that is a 404 on purpose).
 */
export function collectPageErrors(page: Page, ignore: (message: ConsoleMessage) => boolean = () => false): PageErrors {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !ignore(message))
      errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return { list: () => [...errors] };
}

/**
 * Waits until the page's own scripts have run. Workspace pages hydrate: React's fiber sits on the
 * main landmark and the route modules have loaded. Public pages carry no framework (decision 031):
 * only the enhancement script, which marks the document when it has run; such a page must not
 * load React at all. Only meaningful with JavaScript on.
 */
export async function waitForHydration(page: Page): Promise<void> {
  const hydrates = await page.evaluate(() => "__reactRouterContext" in window);
  if (hydrates) {
    await page.waitForFunction(() => {
      const main = document.getElementById("main") ?? document.body;
      return Object.keys(main).some((key) => key.startsWith("__reactFiber$"));
    });
  } else {
    await page.waitForFunction(() => document.documentElement.dataset.enhanced === "true");
    const modules = await page.evaluate(
      () => document.querySelectorAll('script[type="module"], link[rel="modulepreload"]').length,
    );
    if (modules > 0) throw new Error(`${page.url()}: a public page loads framework modules`);
  }
  await page.waitForLoadState("networkidle");
}

const AXE_SOURCE = fs.readFileSync(path.join(REPOSITORY_ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/** WCAG 2.0 and 2.1, levels A and AA: what the platform promises. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * A browser context in which axe-core can audit pages as a reader with or without JavaScript sees
 * them. axe needs JavaScript itself (with scripting disabled its timers never fire and `axe.run`
 * never settles), so JavaScript stays on in this context:
 * - "JavaScript on": the page's CSP is bypassed, as a script injected for the audit only;
 * - "JavaScript off": every document gets an extra `script-src 'none'` policy, so none of the page's
 *   own scripts run and the DOM is the server-rendered one a browser without JavaScript shows
 *   (the one difference: `<noscript>` content would not be rendered; the platform uses none).
 */
export async function newAuditContext(browser: Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  if (javaScriptEnabled) return browser.newContext({ bypassCSP: true, viewport: VIEWPORTS.desktop });
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  await context.route("**/*", async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await fetchForRoute(route);
    if (!response) return route.abort("connectionreset");
    const policy = response.headers()["content-security-policy"];
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        "content-security-policy": policy ? `${policy}, script-src 'none'` : "script-src 'none'",
      },
    });
  });
  return context;
}

/**
 * Fetches a routed request from the server, retrying a connection reset: Playwright may reuse a
 * keep-alive connection at the moment the server closes it. Undefined when every attempt failed.
 */
async function fetchForRoute(route: Route): Promise<APIResponse | undefined> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await route.fetch();
    } catch (error) {
      if (attempt === 3)
        console.error(`audit context: ${route.request().url()} could not be fetched: ${String(error)}`);
    }
  }
  return undefined;
}

/**
 * Runs axe-core on the page for WCAG 2.1 A/AA and returns the violations. axe is evaluated through
 * the DevTools protocol, which the page's CSP does not restrict, rather than added as a `<script>`.
 */
async function findAccessibilityViolations(page: Page): Promise<Result[]> {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return results.violations;
  }, AXE_TAGS);
}

/** One line per failing element: rule, impact, selector and axe's summary, for readable failures. */
function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "?"}) at ${node.target.join(" ")}: ${node.failureSummary?.replaceAll("\n", " ") ?? violation.help}`,
    ),
  );
}

/** The page's WCAG 2.1 A/AA violations found by axe (`findAccessibilityViolations`), one line per failing element. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  return describeViolations(await findAccessibilityViolations(page));
}

declare global {
  interface Window {
    /** axe-core, once `findAccessibilityViolations` has evaluated it in the page. */
    axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
  }
}

/** The document's scroll width, after checking that the viewport is the narrow one asked for. */
export async function narrowPageWidth(page: Page): Promise<number> {
  const width = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  if (width.viewport !== VIEWPORTS.narrow.width)
    throw new Error(`${page.url()}: the viewport is ${width.viewport} px, not ${VIEWPORTS.narrow.width}`);
  return width.scroll;
}

/**
 * The accessibility audit of a page open at the desktop width: axe (WCAG 2.1 A/AA) at 1280 px, then
 * at 320 px, where the page must not scroll sideways (WCAG reflow). Soft expectations of the test's
 * own `expect` (a concurrent test passes its context's), so a loop audits every page; `label` names
 * the page (its address) in the failures. The page is left at 320 px.
 */
export async function expectAccessibleAtBothWidths(expect: ExpectStatic, page: Page, label: string): Promise<void> {
  expect.soft(await accessibilityViolations(page), `axe on ${label} at ${VIEWPORTS.desktop.width} px`).toEqual([]);
  await page.setViewportSize(VIEWPORTS.narrow);
  expect
    .soft(await narrowPageWidth(page), `page width of ${label} at ${VIEWPORTS.narrow.width} px (horizontal scrolling)`)
    .toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
  expect.soft(await accessibilityViolations(page), `axe on ${label} at ${VIEWPORTS.narrow.width} px`).toEqual([]);
}

/**
 * Audits pages as a signed-in reader without JavaScript sees them, in one audit context carrying
 * the reader's session cookies: each URL must answer 200 as itself (not a sign-in redirect), pass
 * `check` (the caller's own soft expectations on the page) and `expectAccessibleAtBothWidths`.
 */
export async function expectAccessibleAsSignedIn(
  expect: ExpectStatic,
  browser: Browser,
  reader: BrowserContext,
  urls: readonly string[],
  check: (page: Page, url: string) => Promise<void> = async () => undefined,
): Promise<void> {
  const audit = await newAuditContext(browser, false);
  await audit.addCookies(await reader.cookies([...urls]));
  for (const url of urls) {
    const page = await audit.newPage();
    const response = await page.goto(url);
    expect.soft(response?.status(), `status of ${url}`).toBe(200);
    expect.soft(page.url(), "the page itself, not a sign-in redirect").toBe(url);
    await check(page, url);
    await expectAccessibleAtBothWidths(expect, page, url);
    await page.close();
  }
  await audit.close();
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mammoth from "mammoth";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { createPlanTree, type BuiltPlan } from "../support/plan-factory.ts";
import {
  accessibilityViolations,
  isChromiumAvailable,
  launchBrowser,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";
import {
  findFreePort,
  removeDirectory,
  startServer,
  stopServer,
  waitUntilHealthy,
  type ServerProcess,
} from "./support/server-process.ts";
import { passTwoFactor } from "./support/totp.ts";
import { readDemoCredentials } from "./support/demo-credentials.ts";

/**
 * The whole reporting cycle in a browser, on this module's own routes, with three roles and CSO:
 * the coordinator opens a cycle; the ministry's focal point (JavaScript on, on a 320 px phone) and the
 * Prizren municipal officer (JavaScript off) fill in and submit; the coordinator returns one item,
 * which is fixed and approved; a CSO disputes a figure; the report compiles and downloads. The
 * plan tree is written into the database before the server starts (the strategies module, which
 * builds plans through the browser, lives in another branch). Then the coordinator publishes the
 * report to the library, and the public strategy and measure pages show the approved progress, the
 * published report and the dispute.
 */

const LOCALE = "en";
const DOMAIN = "demo.cap.example.org";
/** This file's own server generates its own demo credentials at its first start (read once it is up). */
let PASSWORD = "";
let COORDINATOR_TOTP = "";

let server: ServerProcess | null = null;
let dataDir = "";
let plan: BuiltPlan;
let browser: Browser | null = null;
let baseUrl = "";
let strategySlug = "";

beforeAll(async () => {
  if (!isChromiumAvailable) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-e2e-reporting-"));
  const handle = await openDatabase({ dataDir });
  try {
    await migrateToLatest(handle.db);
    plan = await createPlanTree(handle.db, {
      national: {
        measures: [
          {
            code: "M1",
            sector: "education",
            budget: { government: 5000 },
            indicators: [{ unit: "count", byGender: true }],
          },
          { code: "M2", sector: "health", budget: { government: 3000 } },
        ],
      },
      locals: [
        {
          kasCode: "20",
          measures: [
            { code: "P1", implements: "M1", budget: { municipality: 1000 }, indicators: [{ unit: "percent" }] },
          ],
        },
      ],
    });
    strategySlug = plan.slug;
  } finally {
    await handle.close();
  }
  const port = await findFreePort();
  // The build is made (or found current) by the e2e global setup; this server only starts it.
  server = startServer({ port, dataDir, entry: "main", env: { SEED_DEMO: "true", SEED_DEMO_ACCOUNTS: "true" } });
  await waitUntilHealthy(server, 120_000);
  const credentials = readDemoCredentials(dataDir);
  PASSWORD = credentials.password;
  COORDINATOR_TOTP = credentials.totpSecrets["coordinator@demo.cap.example.org"] ?? "";
  baseUrl = server.baseUrl;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  if (dataDir) removeDirectory(dataDir);
});

async function newContext(options: { javaScriptEnabled: boolean; narrow?: boolean }): Promise<BrowserContext> {
  if (!browser) throw new Error("no browser");
  // bypassCSP lets axe run in the pages with JavaScript; without JavaScript no script runs at all.
  return browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled,
    bypassCSP: options.javaScriptEnabled,
    viewport: options.narrow ? VIEWPORTS.narrow : VIEWPORTS.desktop,
  });
}

async function goto(page: Page, pathname: string, javaScriptEnabled: boolean): Promise<void> {
  await page.goto(`${baseUrl}${pathname}`);
  if (javaScriptEnabled) await waitForHydration(page);
}

async function click(page: Page, name: string, javaScriptEnabled: boolean): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(baseUrl)),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  await page.waitForLoadState("load");
  if (javaScriptEnabled) await page.waitForLoadState("networkidle");
}

/**
 * Presses a form's button and checks the confirmation the page then shows. With JavaScript the
 * page updates in place, so the confirmation is waited for; without, it is on the page that loaded.
 */
async function submitExpectingStatus(
  page: Page,
  button: string,
  confirmation: string,
  javaScriptEnabled: boolean,
): Promise<void> {
  await click(page, button, javaScriptEnabled);
  const shown = () => page.getByRole("status").first().textContent();
  if (javaScriptEnabled) await expect.poll(shown).toContain(confirmation);
  else expect(await shown()).toContain(confirmation);
}

async function signIn(
  context: BrowserContext,
  email: string,
  javaScriptEnabled: boolean,
  totp?: string,
): Promise<void> {
  const page = await context.newPage();
  await goto(page, `/${LOCALE}/sign-in`, javaScriptEnabled);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await click(page, "Sign in", javaScriptEnabled);
  if (totp) {
    await page.waitForURL(/\/sign-in\/two-factor/);
    if (javaScriptEnabled) await waitForHydration(page);
    await passTwoFactor(page, totp, baseUrl);
  }
  await page.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
  await page.close();
}

async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await accessibilityViolations(page), label).toEqual([]);
}

describe.skipIf(!isChromiumAvailable)("a reporting cycle from opening to the compiled report", () => {
  let coordinator: BrowserContext;
  let focal: BrowserContext;
  let officer: BrowserContext;
  let cycleUrl = "";
  const reportUrls: Record<string, string> = {};

  it("the coordinator opens a cycle and sees one task per institution", async () => {
    coordinator = await newContext({ javaScriptEnabled: true });
    await signIn(coordinator, `coordinator@${DOMAIN}`, true, COORDINATOR_TOTP);
    const page = await coordinator.newPage();
    await goto(page, `/${LOCALE}/workspace/reporting/cycles/new`, true);
    await page.locator("#actionPlanId").selectOption(String(plan.nationalPlanId));
    await page.locator("#label").fill("Annual 2018");
    await page.locator("#periodStart").fill("2018-01-01");
    await page.locator("#periodEnd").fill("2018-12-31");
    await page.locator("#deadline").fill("2030-02-28");
    await click(page, "Open the cycle and create the tasks", true);
    await page.waitForURL(/\/workspace\/reporting\/cycles\/\d+\?saved=opened/);
    cycleUrl = new URL(page.url()).pathname;
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    await expectAccessible(page, "cycle board");
    await page.close();
  }, 120_000);

  it("the focal point (JavaScript on, 320 px) is refused text in a number at the field, saves and submits", async () => {
    focal = await newContext({ javaScriptEnabled: true, narrow: true });
    await signIn(focal, `focal.point@${DOMAIN}`, true);
    const page = await focal.newPage();
    await goto(page, `/${LOCALE}/workspace/reporting`, true);
    await page.getByRole("link", { name: "Annual 2018" }).first().click();
    await page.waitForURL(/\/workspace\/reporting\/tasks\/\d+/);
    await waitForHydration(page);
    // A client-side navigation changes the URL before React has rendered the new page: wait for its links.
    await page.locator('main a[href*="/workspace/reporting/reports/"]').nth(1).waitFor();
    const links = await page
      .locator('main a[href*="/workspace/reporting/reports/"]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href") ?? ""));
    reportUrls.M1 = links[0] ?? "";
    reportUrls.M2 = links[1] ?? "";
    await goto(page, reportUrls.M1!, true);
    const indicator = plan.indicators["M1/I1"]!;
    await page.locator("#status").selectOption("completed");
    await page.locator("#achievements").fill("120 pupils received scholarships.");
    await page.locator("#achievementsLocale").selectOption("en");
    await page.locator(`#ind-${indicator}`).fill("one hundred");
    await page.locator(`#ind-${indicator}-g-female`).fill("-4");
    await click(page, "Save the draft", true);
    await expect
      .poll(() => page.locator(`#ind-${indicator}-error`).textContent())
      .toContain("Enter a number, using digits only");
    expect(await page.locator(`#ind-${indicator}-g-female-error`).textContent()).toContain(
      "A count cannot be negative.",
    );
    expect(await page.locator("#achievements").inputValue()).toBe("120 pupils received scholarships.");
    await expectAccessible(page, "measure report form with errors at 320 px");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, "no sideways scrolling at 320 px").toBeLessThanOrEqual(320);
    await page.locator(`#ind-${indicator}`).fill("120");
    await page.locator(`#ind-${indicator}-g-female`).fill("64");
    await page.locator("#spent-government").fill("4800");
    await submitExpectingStatus(page, "Save the draft", "The draft was saved.", true);
    await page.getByRole("link", { name: "Back to the task" }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await waitForHydration(page);
    await submitExpectingStatus(page, "Submit the task for review", "The task was submitted for review.", true);
    await page.close();
  }, 120_000);

  it("the municipal officer (JavaScript off) fills in and submits the Prizren task", async () => {
    officer = await newContext({ javaScriptEnabled: false });
    await signIn(officer, `municipal.officer@${DOMAIN}`, false);
    const page = await officer.newPage();
    await goto(page, `/${LOCALE}/workspace/reporting`, false);
    await page.getByRole("link", { name: "Annual 2018" }).first().click();
    await page.waitForURL(/\/tasks\/\d+/);
    reportUrls.P1 =
      (await page.locator('main a[href*="/workspace/reporting/reports/"]').first().getAttribute("href")) ?? "";
    await goto(page, reportUrls.P1, false);
    const indicator = plan.indicators["20:P1/I1"]!;
    await page.locator(`#ind-${indicator}`).fill("140");
    await click(page, "Save the draft", false);
    expect(await page.locator(`#ind-${indicator}-error`).textContent()).toContain(
      "A percentage cannot be more than 100.",
    );
    await page.locator(`#ind-${indicator}`).fill("85,5");
    await page.locator("#status").selectOption("completed");
    await submitExpectingStatus(page, "Save the draft", "The draft was saved.", false);
    await page.getByRole("link", { name: "Back to the task" }).click();
    await submitExpectingStatus(page, "Submit the task for review", "The task was submitted for review.", false);
    await page.close();
  }, 120_000);

  it("the coordinator returns M1 with a comment and approves the others; the focal point fixes M1 and it is approved", async () => {
    const page = await coordinator.newPage();
    const review = async (
      url: string,
      decision: "Approve (the data is locked)" | "Return to the institution for changes",
      comment = "",
    ) => {
      await goto(page, url, true);
      await page.getByLabel(decision).check();
      if (comment) await page.locator("#comment").fill(comment);
      await click(page, "Record the decision", true);
      await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/approved|returned/);
    };
    await review(
      reportUrls.M1!,
      "Return to the institution for changes",
      "Please give the number of girls as well as the total.",
    );
    await review(reportUrls.M2!, "Approve (the data is locked)");
    await review(reportUrls.P1!, "Approve (the data is locked)");

    const fix = await focal.newPage();
    await goto(fix, reportUrls.M1!, true);
    expect(await fix.locator("main").textContent()).toContain("Please give the number of girls as well as the total.");
    await fix.locator("#recommendations").fill("Pay scholarships in September.");
    await click(fix, "Save the draft", true);
    await fix.getByRole("link", { name: "Back to the task" }).click();
    await fix.waitForURL(/\/tasks\/\d+$/);
    await waitForHydration(fix);
    await click(fix, "Submit the task for review", true);
    await fix.close();

    await review(reportUrls.M1!, "Approve (the data is locked)");
    await goto(page, reportUrls.M1!, true);
    const history = (await page.locator("#history").locator("xpath=..").textContent()) ?? "";
    expect(history.match(/Submitted/g)?.length).toBe(2);
    expect(history).toContain("Returned");
    expect(history).toContain("Approved");
    await goto(page, cycleUrl, true);
    expect(await page.locator("main").textContent()).toContain("66.7% of measures completed (2 of 3)");
    await page.close();
  }, 180_000);

  it("a CSO member (JavaScript off) disputes a figure, with evidence", async () => {
    const cso = await newContext({ javaScriptEnabled: false });
    await signIn(cso, `cso@${DOMAIN}`, false);
    const page = await cso.newPage();
    await goto(page, `${cycleUrl}/observations`, false);
    await page.locator("#measureId").selectOption(String(plan.measures.M1));
    await page.getByLabel("Disputes").check();
    await page.locator("#indicatorId").selectOption(String(plan.indicators["M1/I1"]));
    await page.locator("#body").fill("Schools visited in Fushë Kosovë counted 70 pupils with scholarships, not 120.");
    await click(page, "Add the observation", false);
    expect(await page.locator("#evidenceUrl-error").textContent()).toContain("A dispute needs evidence");
    await page.locator("#evidenceUrl").fill("https://example.org/field-visit-2018");
    await submitExpectingStatus(page, "Add the observation", "Your observation was added.", false);
    await cso.close();
  }, 120_000);

  it("the coordinator compiles the annual report; it downloads as Word with the approved figures and the dispute", async () => {
    const page = await coordinator.newPage();
    await goto(page, cycleUrl, true);
    await page.locator("#locale").selectOption("en");
    await page.locator("#coordination").fill("Sector meeting on education, 12 March 2019 (demo)");
    await click(page, "Compile the report", true);
    await page.waitForURL(/\/workspace\/reporting\/compiled\/\d+/);
    const deadline = Date.now() + 90_000;
    while (!(await page.getByRole("link", { name: "Download the report (Word)" }).count()) && Date.now() < deadline) {
      await page.waitForTimeout(1_000);
      await page.reload();
    }
    expect(await page.locator("progress").getAttribute("value")).toBe("100");
    const href = (await page.getByRole("link", { name: "Download the report (Word)" }).getAttribute("href")) ?? "";
    const response = await coordinator.request.get(`${baseUrl}${href}`);
    expect(response.headers()["content-type"]).toContain("wordprocessingml");
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await response.body()) });
    expect(text).toContain("120 pupils received scholarships.");
    expect(text).toContain("Pay scholarships in September.");
    expect(text).toContain("Disputed by Balkan Sunflowers Kosova: Schools visited in Fushë Kosovë counted 70 pupils");
    expect(text).toContain("Sector meeting on education, 12 March 2019 (demo)");
    await click(page, "Publish the report", true);
    await page.waitForURL(/\/workspace\/reporting\/compiled\/\d+\?published=1/);
    // The URL changes before React renders the new loader data (a client-side navigation): wait for the notice.
    await expect
      .poll(() => page.getByRole("status").last().textContent(), { timeout: 15_000 })
      .toContain("Published to the public library");
    await page.close();
    await coordinator.close();
    await focal.close();
    await officer.close();
  }, 180_000);

  it("the public pages (JavaScript off) show the new progress, the published report and the dispute", async () => {
    const visitor = await newContext({ javaScriptEnabled: false });
    const page = await visitor.newPage();
    await goto(page, `/${LOCALE}/strategies/${strategySlug}`, false);
    // M1 completed, M2 approved but not completed: one of two national measures.
    expect(await page.getByRole("progressbar", { name: "Overall progress" }).getAttribute("aria-valuetext")).toBe(
      "50.0%",
    );
    expect(await page.locator("#reports-heading + ul a").first().textContent()).toContain("Annual 2018");
    await goto(page, `/${LOCALE}/measures/${plan.measures.M1}`, false);
    expect(await page.locator("main").textContent()).toContain("Completed");
    expect(await page.locator("#disputes-heading").locator("..").textContent()).toContain(
      "Schools visited in Fushë Kosovë counted 70 pupils",
    );
    await visitor.close();
  }, 120_000);
});

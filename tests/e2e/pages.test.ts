import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import {
  collectPageErrors,
  describeViolations,
  findAccessibilityViolations,
  isChromiumAvailable,
  JAVASCRIPT_MODES,
  launchBrowser,
  newAuditContext,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";

/** Every shipped locale with the `<html lang>` its pages must carry. */
const LOCALES = [
  { locale: "sq", languageTag: "sq" },
  { locale: "sr", languageTag: "sr-Latn" },
  { locale: "sr-cyrl", languageTag: "sr-Cyrl" },
  { locale: "en", languageTag: "en" },
] as const;

interface PageType {
  name: string;
  status: number;
  /** The path to visit; may look at the site first (e.g. to find a news item). */
  path(locale: string, page: Page): Promise<string>;
}

const baseUrl = inject("baseUrl");

/** The first item of the news list: whatever the demo content holds, its page is tested. */
async function firstNewsItemPath(locale: string, page: Page): Promise<string> {
  await page.goto(`${baseUrl}/${locale}/news`);
  const href = await page.locator(`main a[href^="/${locale}/news/"]`).first().getAttribute("href");
  if (!href) throw new Error(`/${locale}/news lists no news item to open.`);
  return href;
}

/** The first measure of the demo strategy's page: whatever its id, its page is tested. */
async function firstMeasurePath(locale: string, page: Page): Promise<string> {
  await page.goto(`${baseUrl}/${locale}/strategies/roma-ashkali-inclusion-2017-2021`);
  const href = await page.locator(`main a[href^="/${locale}/measures/"]`).first().getAttribute("href");
  if (!href) throw new Error("The demo strategy lists no measure to open.");
  return href;
}

/** The first project of the public list (a validated demo project). */
async function firstProjectPath(locale: string, page: Page): Promise<string> {
  await page.goto(`${baseUrl}/${locale}/projects`);
  const href = await page.locator(`main table a[href^="/${locale}/projects/"]`).first().getAttribute("href");
  if (!href) throw new Error(`/${locale}/projects lists no project to open.`);
  return href;
}

/** One of each kind of public page. */
const PAGE_TYPES: PageType[] = [
  { name: "home", status: 200, path: async (locale) => `/${locale}/` },
  { name: "municipalities", status: 200, path: async (locale) => `/${locale}/municipalities` },
  { name: "municipalities of one community", status: 200, path: async (locale) => `/${locale}/municipalities?community=roma` },
  { name: "municipality", status: 200, path: async (locale) => `/${locale}/municipalities/20-prizren` },
  { name: "news", status: 200, path: async (locale) => `/${locale}/news` },
  { name: "news item", status: 200, path: firstNewsItemPath },
  { name: "about", status: 200, path: async (locale) => `/${locale}/about` },
  { name: "needs statistics", status: 200, path: async (locale) => `/${locale}/needs` },
  { name: "needs submission, step 1", status: 200, path: async (locale) => `/${locale}/needs/new` },
  { name: "needs submission, step 2", status: 200, path: async (locale) => `/${locale}/needs/new?municipality=20` },
  { name: "needs tracking form", status: 200, path: async (locale) => `/${locale}/needs/track` },
  { name: "needs tracking, unknown code", status: 404, path: async (locale) => `/${locale}/needs/track/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345` },
  { name: "strategies", status: 200, path: async (locale) => `/${locale}/strategies` },
  { name: "strategy", status: 200, path: async (locale) => `/${locale}/strategies/roma-ashkali-inclusion-2017-2021` },
  { name: "local action plan", status: 200, path: async (locale) => `/${locale}/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ` },
  { name: "measure", status: 200, path: firstMeasurePath },
  // clearing house
  { name: "library", status: 200, path: async (locale) => `/${locale}/library` },
  { name: "library, know your rights", status: 200, path: async (locale) => `/${locale}/library/know-your-rights` },
  { name: "library document", status: 200, path: async (locale) => `/${locale}/library/law-on-the-use-of-languages` },
  { name: "search results", status: 200, path: async (locale) => `/${locale}/search?q=roma` },
  { name: "search results, corrected typo, one kind", status: 200, path: async (locale) => `/${locale}/search?q=strategjii&kind=document` },
  { name: "events", status: 200, path: async (locale) => `/${locale}/events?when=past` },
  { name: "event", status: 200, path: async (locale) => `/${locale}/events/third-regional-informative-session-prizren-2025-01-29` },
  { name: "recommendations", status: 200, path: async (locale) => `/${locale}/recommendations` },
  { name: "services", status: 200, path: async (locale) => `/${locale}/services` },
  { name: "service", status: 200, path: async (locale) => `/${locale}/services/online-diploma-verification` },
  { name: "opportunities", status: 200, path: async (locale) => `/${locale}/opportunities` },
  { name: "opportunity", status: 200, path: async (locale) => `/${locale}/opportunities/demo-internships-young-people-non-majority-communities` },
  { name: "organisations", status: 200, path: async (locale) => `/${locale}/organizations` },
  { name: "organisation", status: 200, path: async (locale) => `/${locale}/organizations/office-for-community-affairs` },
  { name: "sign in", status: 200, path: async (locale) => `/${locale}/sign-in` },
  { name: "forgot password", status: 200, path: async (locale) => `/${locale}/forgot-password` },
  { name: "projects", status: 200, path: async (locale) => `/${locale}/projects` },
  { name: "projects 3W", status: 200, path: async (locale) => `/${locale}/projects/3w` },
  { name: "projects 3W of one sector", status: 200, path: async (locale) => `/${locale}/projects/3w?sector=education` },
  { name: "project", status: 200, path: firstProjectPath },
  { name: "not found", status: 404, path: async (locale) => `/${locale}/does-not-exist` },
];

// Pages are checked concurrently (up to Vitest's maxConcurrency): most of the time goes to waiting
// for the browser and the server, not to the CPU.
describe.skipIf(!isChromiumAvailable)("public pages", { concurrent: true }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.for(JAVASCRIPT_MODES.map((mode) => [mode.name, mode.javaScriptEnabled] as const))("%s", ([, javaScriptEnabled]) => {
    /** As a reader's browser: the page's CSP applies, so a blocked script shows as a console error. */
    let readerContext: BrowserContext;
    /** For axe only (see newAuditContext). */
    let auditContext: BrowserContext;
    beforeAll(async () => {
      readerContext = await browser.newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop });
      auditContext = await newAuditContext(browser, javaScriptEnabled);
    });
    afterAll(async () => {
      await readerContext?.close();
      await auditContext?.close();
    });

    describe.for(LOCALES.map((entry) => [entry.locale, entry.languageTag] as const))("%s", ([locale, languageTag]) => {
      it.for(PAGE_TYPES.map((pageType) => [pageType.name, pageType] as const))("%s", async ([, pageType], { expect }) => {
        const page = await readerContext.newPage();
        const path = await pageType.path(locale, page);
        const url = `${baseUrl}${path}`;
        // The 404 page is meant to answer 404, which Chromium reports as a failed resource.
        const errors = collectPageErrors(page, (message) => pageType.status === 404 && message.location().url === url && message.text().includes("404"));
        const response = await page.goto(url);
        if (javaScriptEnabled) await waitForHydration(page);
        expect.soft(response?.status(), `status of ${path}`).toBe(pageType.status);
        expect.soft(await page.locator("html").getAttribute("lang"), `<html lang> of ${path}`).toBe(languageTag);
        expect.soft(errors.list(), `console errors on ${path}`).toEqual([]);
        await page.close();

        const audited = await auditContext.newPage();
        await audited.goto(url);
        if (javaScriptEnabled) await waitForHydration(audited);
        expect.soft(describeViolations(await findAccessibilityViolations(audited)), `axe on ${path} at ${VIEWPORTS.desktop.width} px`).toEqual([]);

        await audited.setViewportSize(VIEWPORTS.narrow);
        const width = await audited.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        expect(width.viewport).toBe(VIEWPORTS.narrow.width);
        expect.soft(width.scroll, `page width of ${path} at ${VIEWPORTS.narrow.width} px (horizontal scrolling)`).toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
        expect.soft(describeViolations(await findAccessibilityViolations(audited)), `axe on ${path} at ${VIEWPORTS.narrow.width} px`).toEqual([]);
        await audited.close();
      });
    });
  });
});

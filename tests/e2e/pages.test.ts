import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import {
  collectPageErrors,
  describeInBrowser,
  expectAccessibleAtBothWidths,
  JAVASCRIPT_MODE_CASES,
  narrowPageWidth,
  newAuditContext,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";
import { FIRST_LOCALES } from "./support/switcher-locales.ts";

/** The locales every page type is checked in, with the `<html lang>` its pages must carry. */
const LOCALES = FIRST_LOCALES;

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
  {
    name: "municipalities of one community",
    status: 200,
    path: async (locale) => `/${locale}/municipalities?community=roma`,
  },
  { name: "municipality", status: 200, path: async (locale) => `/${locale}/municipalities/20-prizren` },
  { name: "news", status: 200, path: async (locale) => `/${locale}/news` },
  { name: "news item", status: 200, path: firstNewsItemPath },
  { name: "about", status: 200, path: async (locale) => `/${locale}/about` },
  { name: "needs statistics", status: 200, path: async (locale) => `/${locale}/needs` },
  { name: "needs submission, step 1", status: 200, path: async (locale) => `/${locale}/needs/new` },
  { name: "needs submission, step 2", status: 200, path: async (locale) => `/${locale}/needs/new?municipality=20` },
  { name: "needs tracking form", status: 200, path: async (locale) => `/${locale}/needs/track` },
  {
    name: "needs tracking, unknown code",
    status: 404,
    path: async (locale) => `/${locale}/needs/track/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345`,
  },
  { name: "strategies", status: 200, path: async (locale) => `/${locale}/strategies` },
  { name: "strategy", status: 200, path: async (locale) => `/${locale}/strategies/roma-ashkali-inclusion-2017-2021` },
  {
    name: "local action plan",
    status: 200,
    path: async (locale) => `/${locale}/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ`,
  },
  { name: "measure", status: 200, path: firstMeasurePath },
  // clearing house
  { name: "library", status: 200, path: async (locale) => `/${locale}/library` },
  { name: "library, know your rights", status: 200, path: async (locale) => `/${locale}/library/know-your-rights` },
  { name: "library document", status: 200, path: async (locale) => `/${locale}/library/law-on-the-use-of-languages` },
  { name: "search results", status: 200, path: async (locale) => `/${locale}/search?q=roma` },
  {
    name: "search results, corrected typo, one kind",
    status: 200,
    path: async (locale) => `/${locale}/search?q=strategjii&kind=document`,
  },
  { name: "events", status: 200, path: async (locale) => `/${locale}/events?when=past` },
  {
    name: "event",
    status: 200,
    path: async (locale) => `/${locale}/events/third-regional-informative-session-prizren-2025-01-29`,
  },
  { name: "recommendations", status: 200, path: async (locale) => `/${locale}/recommendations` },
  { name: "services", status: 200, path: async (locale) => `/${locale}/services` },
  { name: "service", status: 200, path: async (locale) => `/${locale}/services/online-diploma-verification` },
  { name: "opportunities", status: 200, path: async (locale) => `/${locale}/opportunities` },
  {
    name: "opportunity",
    status: 200,
    path: async (locale) => `/${locale}/opportunities/demo-internships-young-people-non-majority-communities`,
  },
  { name: "organisations", status: 200, path: async (locale) => `/${locale}/organizations` },
  {
    name: "organisation",
    status: 200,
    path: async (locale) => `/${locale}/organizations/office-for-community-affairs`,
  },
  { name: "sign in", status: 200, path: async (locale) => `/${locale}/sign-in` },
  { name: "forgot password", status: 200, path: async (locale) => `/${locale}/forgot-password` },
  { name: "projects", status: 200, path: async (locale) => `/${locale}/projects` },
  { name: "projects 3W", status: 200, path: async (locale) => `/${locale}/projects/3w` },
  { name: "projects 3W of one sector", status: 200, path: async (locale) => `/${locale}/projects/3w?sector=education` },
  { name: "project", status: 200, path: firstProjectPath },
  { name: "not found", status: 404, path: async (locale) => `/${locale}/does-not-exist` },
];

/**
 * The page type whose JavaScript-on audit runs in `locale`: the page types take the locales in turn,
 * so every page type is audited with its enhancements once and every locale about nine times.
 */
function auditedWithJavaScriptIn(pageTypeIndex: number, locale: string): boolean {
  return LOCALES[pageTypeIndex % LOCALES.length]?.locale === locale;
}

/**
 * Every public page type in every locale, as both kinds of reader see it. Public pages do not hydrate
 * (decision 031): their HTML is the same with and without JavaScript, and the one enhancement script,
 * the same in every locale, works on top of it. So:
 * - "JavaScript off" — the HTML every reader gets — is audited in full in every locale: status,
 *   `<html lang>`, no console error, axe at 1280 and 320 px, and no horizontal scrolling at 320 px;
 * - "JavaScript on" checks in every locale that the page answers, carries its language, shows no console
 *   error under its real CSP, runs its enhancements without framework modules and does not scroll
 *   sideways at 320 px once enhanced; axe audits the enhanced page at both widths in one locale per page
 *   type, the locales taken in turn (auditedWithJavaScriptIn).
 * Pages are checked concurrently (up to Vitest's maxConcurrency). On two cores the browser's page
 * loads (0.4–1 s each) and axe runs (0.3–1 s each) keep the CPU busy, so no page is loaded or audited
 * twice for the same finding.
 */
describeInBrowser(
  "public pages",
  (browser) => {
    describe.for(JAVASCRIPT_MODE_CASES)("%s", ([, javaScriptEnabled]) => {
      /** As a reader's browser with JavaScript: the page's CSP applies, so a blocked script shows as a console error. */
      let readerContext: BrowserContext | undefined;
      /** For axe (see newAuditContext); without JavaScript also the reader. */
      let auditContext: BrowserContext;
      beforeAll(async () => {
        if (javaScriptEnabled)
          readerContext = await browser().newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop });
        auditContext = await newAuditContext(browser(), javaScriptEnabled);
      });
      afterAll(async () => {
        await readerContext?.close();
        await auditContext?.close();
      });

      describe.for(LOCALES.map((entry) => [entry.locale, entry.languageTag] as const))(
        "%s",
        ([locale, languageTag]) => {
          const cases = PAGE_TYPES.map(
            (pageType, index) =>
              [
                `${pageType.name}${javaScriptEnabled && auditedWithJavaScriptIn(index, locale) ? " (with axe)" : ""}`,
                pageType,
                index,
              ] as const,
          );
          it.for(cases)("%s", async ([, pageType, index], { expect }) => {
            // Without JavaScript, the audit context is the reader: none of the page's own scripts run there.
            const page = await (readerContext ?? auditContext).newPage();
            const path = await pageType.path(locale, page);
            const url = `${baseUrl}${path}`;
            const errors = collectPageErrors(
              page,
              (message) =>
                // The 404 page is meant to answer 404, which Chromium reports as a failed resource.
                (pageType.status === 404 && message.location().url === url && message.text().includes("404")) ||
                // The audit context's own `script-src 'none'` refusing the page's scripts, as intended.
                (!javaScriptEnabled && message.text().includes("script-src 'none'")),
            );
            const response = await page.goto(url);
            if (javaScriptEnabled) await waitForHydration(page);
            expect.soft(response?.status(), `status of ${path}`).toBe(pageType.status);
            expect.soft(await page.locator("html").getAttribute("lang"), `<html lang> of ${path}`).toBe(languageTag);
            expect.soft(errors.list(), `console errors on ${path}`).toEqual([]);

            let audited = page;
            if (javaScriptEnabled) {
              await page.setViewportSize(VIEWPORTS.narrow);
              expect
                .soft(
                  await narrowPageWidth(page),
                  `page width of ${path} at ${VIEWPORTS.narrow.width} px once enhanced`,
                )
                .toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
              await page.close();
              if (!auditedWithJavaScriptIn(index, locale)) return;
              audited = await auditContext.newPage();
              await audited.goto(url);
              await waitForHydration(audited);
            }
            await expectAccessibleAtBothWidths(expect, audited, path);
            await audited.close();
          });
        },
      );
    });
  },
  { concurrent: true },
);

import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import { describeInBrowser, VIEWPORTS } from "./support/browser.ts";

const baseUrl = inject("baseUrl");

/** Every public page type that shows a table or a chart (strategy, plan, measure, 3W, projects, municipalities, needs). */
const PAGES = [
  "/en/strategies",
  "/sq/strategies/roma-ashkali-inclusion-2017-2021",
  "/sr/strategies/roma-ashkali-inclusion-2017-2021/plans/RA-2017-2021-PZ",
  "measure",
  "/sq/projects",
  "/sr-cyrl/projects/3w",
  "project",
  "/sq/municipalities",
  "/sr/municipalities/20-prizren",
  "/en/needs",
] as const;

/** Finds the first link on a list page, so the test follows whatever the demo content holds. */
async function resolve(page: Page, entry: (typeof PAGES)[number]): Promise<string> {
  if (entry.startsWith("/")) return entry;
  const [list, prefix] =
    entry === "measure"
      ? ["/en/strategies/roma-ashkali-inclusion-2017-2021", "/en/measures/"]
      : ["/en/projects", "/en/projects/"];
  await page.goto(`${baseUrl}${list}`);
  const href = await page.locator(`main a[href^="${prefix}"]:not([href$="/3w"])`).first().getAttribute("href");
  if (!href) throw new Error(`${list} links to no ${entry}`);
  return href;
}

interface Findings {
  /** Numbers, dates and codes (cells kept on one line) that wrapped anyway. */
  brokenFigures: string[];
  /** Words of a header or cell split across two lines. */
  brokenWords: string[];
  /** Elements past the right edge of the screen that are not inside a labelled, focusable scroll region. */
  overflowing: string[];
  /** Chart texts (labels, legends) drawn outside their chart. */
  cutLabels: string[];
  tables: number;
  charts: number;
}

/** Looks at every table (first 40 rows each) and every chart of the page as laid out now. */
function inspect(): Findings {
  const lineCount = (range: Range) =>
    new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  const findings: Findings = {
    brokenFigures: [],
    brokenWords: [],
    overflowing: [],
    cutLabels: [],
    tables: 0,
    charts: 0,
  };
  const main = document.getElementById("main") ?? document.body;
  for (const table of main.querySelectorAll("table")) {
    findings.tables++;
    const rows = [...table.querySelectorAll("tr")].slice(0, 41);
    for (const cell of rows.flatMap((row) => [...row.querySelectorAll<HTMLElement>("th, td")])) {
      const style = getComputedStyle(cell);
      if (style.whiteSpace === "nowrap" || cell.classList.contains("tabular-nums")) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        if (lineCount(range) > 1) findings.brokenFigures.push(cell.textContent?.trim() ?? "");
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (lineCount(range) > 1) findings.brokenWords.push(match[0]);
        }
      }
    }
  }
  const width = document.documentElement.clientWidth;
  for (const element of main.querySelectorAll<HTMLElement>("*")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.right <= width + 1) continue;
    const region = element.closest<HTMLElement>('[role="region"]');
    const labelled =
      region &&
      (region.getAttribute("aria-label") ||
        (region.getAttribute("aria-labelledby") &&
          document.getElementById(region.getAttribute("aria-labelledby") ?? "")?.textContent?.trim()));
    const scrolls =
      region &&
      ["auto", "scroll"].includes(getComputedStyle(region).overflowX) &&
      region.getBoundingClientRect().right <= width + 1;
    if (!region || !labelled || region.tabIndex !== 0 || !scrolls)
      findings.overflowing.push(`${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 40)}`);
  }
  for (const svg of main.querySelectorAll("svg")) {
    const texts = svg.querySelectorAll("text");
    if (texts.length === 0) continue;
    findings.charts++;
    const box = svg.getBoundingClientRect();
    for (const text of texts) {
      const r = text.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        findings.cutLabels.push(text.textContent ?? "");
    }
  }
  return findings;
}

describeInBrowser("tables and charts at 320 and 1280 px", (browser) => {
  it.for(PAGES.map((entry) => [entry] as const))(
    "%s: figures and words never break, nothing spills outside a labelled scroll region",
    { timeout: 120_000 },
    async ([entry]) => {
      const context = await browser().newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        const path = await resolve(page, entry);
        expect((await page.goto(`${baseUrl}${path}`))?.status(), path).toBe(200);
        const wide = await page.evaluate(inspect);
        expect(wide.tables + wide.charts, `${path} shows a table or a chart`).toBeGreaterThan(0);
        expect.soft(wide.brokenFigures, `figures broken across lines on ${path} at 1280 px`).toEqual([]);
        expect.soft(wide.brokenWords, `words broken inside on ${path} at 1280 px`).toEqual([]);
        expect.soft(wide.cutLabels, `chart labels cut off on ${path} at 1280 px`).toEqual([]);

        await page.setViewportSize(VIEWPORTS.narrow);
        const narrow = await page.evaluate(inspect);
        expect.soft(narrow.brokenFigures, `figures broken across lines on ${path} at 320 px`).toEqual([]);
        expect.soft(narrow.brokenWords, `words broken inside on ${path} at 320 px`).toEqual([]);
        expect.soft(narrow.cutLabels, `chart labels cut off on ${path} at 320 px`).toEqual([]);
        expect
          .soft(
            narrow.overflowing,
            `content past the screen edge outside a labelled scroll region on ${path} at 320 px`,
          )
          .toEqual([]);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect.soft(scroll, `page width of ${path} at 320 px`).toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
      } finally {
        await context.close();
      }
    },
  );

  it("the check itself fails on a number broken across lines and a word broken inside", async () => {
    const context = await browser().newContext({ viewport: VIEWPORTS.narrow, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.setContent(
        `<main id="main"><table style="width:60px"><tr><th style="overflow-wrap:anywhere">Budget</th><td class="tabular-nums" style="overflow-wrap:anywhere">€75,000,000</td></tr></table><div style="width:600px">wide</div></main>`,
      );
      const findings = await page.evaluate(inspect);
      expect(findings.brokenWords).toContain("Budget");
      expect(findings.brokenFigures).toContain("€75,000,000");
      expect(findings.overflowing.length).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});

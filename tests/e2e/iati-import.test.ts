import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import { browserContextForSuite, describeInBrowser, expectAccessibleAsSignedIn } from "./support/browser.ts";
import { REPOSITORY_ROOT } from "./support/server-process.ts";
import { DEMO_DOMAIN, signInAsDemo } from "./support/sign-in.ts";

/**
 * Issue 14: the IATI import's preview as the Office's coordinator sees it in a browser without
 * JavaScript — upload a file written as a bilateral donor publishes it, see per activity what it
 * will do and the organisations not in the registry, the page passing axe at 1280 and 320 px in
 * English and Serbian Cyrillic — then confirm, and find the projects in the workspace list.
 */

const baseUrl = inject("baseUrl");
const FIXTURE = path.join(REPOSITORY_ROOT, "tests", "fixtures", "iati", "01-sdc-bilateral.xml");
const IDENTIFIERS = ["CH-4-2019003421", "CH-4-2021007788"];

describeInBrowser("IATI import: preview and confirm with JavaScript off", (browser) => {
  const coordinator = browserContextForSuite(browser, false);
  let page: Page;
  let previewPath = "";

  beforeAll(async () => {
    page = await coordinator().newPage();
    await signInAsDemo(page, `coordinator@${DEMO_DOMAIN}`, {
      returnTo: "/en/workspace/projects/import",
      twoFactor: true,
    });
  }, 120_000);

  it(
    "shows what the file will do, activity by activity, and the organisations to create or link",
    { timeout: 120_000 },
    async () => {
      await page.locator("#file").setInputFiles(FIXTURE);
      await Promise.all([
        page.waitForURL(/\/en\/workspace\/projects\/import\?import=/),
        page.getByRole("button", { name: "Check the file", exact: true }).click(),
      ]);
      previewPath = new URL(page.url()).pathname + new URL(page.url()).search;
      const preview = page.locator("section[aria-labelledby=preview-heading]");
      await expect(preview.locator("h2").textContent()).resolves.toBe("What 01-sdc-bilateral.xml will do");
      const rows = preview.locator("table").first().locator("tbody tr");
      expect(await rows.count()).toBe(2);
      for (const [i, identifier] of IDENTIFIERS.entries()) {
        const row = rows.nth(i);
        await expect(row.locator("td").first().textContent()).resolves.toBe(identifier);
        await expect(row.locator("td").nth(2).textContent()).resolves.toMatch(/^(New project|Update|Unchanged)/);
      }
      await expect(rows.first().textContent()).resolves.toContain(
        "Inclusive Education for Roma, Ashkali and Egyptian Children",
      );
      // Organisations that are not in the registry are listed at once, each with a choice (create or link) and a type.
      const organisations = preview.locator("fieldset");
      expect(await organisations.locator("tbody tr").count()).toBeGreaterThan(0);
      for (const select of await organisations.locator("select[name$=_choice]").all())
        expect(await select.locator("option").count()).toBeGreaterThan(1);
      await expect(preview.getByRole("button", { name: /^Import 2 activities$/ }).count()).resolves.toBe(1);
    },
  );

  it(
    "passes axe (WCAG 2.1 A/AA) at 1280 and 320 px, in English and Serbian Cyrillic",
    { timeout: 180_000 },
    async () => {
      expect(previewPath).toMatch(/^\/en\/workspace\/projects\/import\?import=/);
      const urls = ["en", "sr-cyrl"].map((locale) => `${baseUrl}${previewPath.replace(/^\/en\//, `/${locale}/`)}`);
      await expectAccessibleAsSignedIn(expect, browser(), coordinator(), urls, async (reader, url) => {
        expect
          .soft(
            await reader.locator("section[aria-labelledby=preview-heading] tbody tr").count(),
            `activities on ${url}`,
          )
          .toBeGreaterThanOrEqual(2);
      });
    },
  );

  it("confirming writes both activities and the list shows them", { timeout: 120_000 }, async () => {
    expect(previewPath).not.toBe("");
    await page.goto(`${baseUrl}${previewPath}`);
    await Promise.all([
      page.waitForURL(/\/en\/workspace\/projects\?saved=imported/),
      page.getByRole("button", { name: /^Import 2 activities$/ }).click(),
    ]);
    const saved = new URL(page.url()).searchParams;
    expect(Number(saved.get("created")) + Number(saved.get("updated"))).toBe(2);
    // The list (most recently changed first) is the page the import lands on.
    await expect(page.locator("main").textContent()).resolves.toContain(
      "Inclusive Education for Roma, Ashkali and Egyptian Children",
    );
  });
});

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, expect, inject, it } from "vitest";
import { describeInBrowser, VIEWPORTS } from "./support/browser.ts";
import { DEMO_DOMAIN, signInAsDemo } from "./support/sign-in.ts";

/**
 * Issue 6, must show: the demo donor registers a project with its results in a browser without
 * JavaScript, the demo coordinator (two-factor) validates it, it appears on the public 3W map and
 * table, and the demo implementer (another organisation) cannot edit it.
 */

const baseUrl = inject("baseUrl");
const TITLE = `Roma school mediators in Prizren, e2e ${Date.now()}`;

describeInBrowser(
  "projects: register without JavaScript, validate, public 3W, other organisation refused",
  (browser) => {
    const contexts: BrowserContext[] = [];
    let projectId = 0;
    let linkedDocument = "";

    afterAll(async () => {
      for (const context of contexts) await context.close();
    });

    /** A new browser context without JavaScript, signed in as the demo account (with two factors when asked). */
    async function signedIn(email: string, twoFactor = false): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser().newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
      contexts.push(context);
      const page = await context.newPage();
      await signInAsDemo(page, email, { twoFactor });
      return { context, page };
    }

    async function press(page: Page, name: string): Promise<void> {
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).first().click()]);
    }

    it("the donor registers the project and its results with JavaScript off", async () => {
      const { page } = await signedIn(`donor@${DEMO_DOMAIN}`);
      await page.goto(`${baseUrl}/en/workspace/projects/new`);
      await page.locator("#titleEn").fill(TITLE);
      await page.locator("#descriptionEn").fill("Twelve school mediators for Roma, Ashkali and Egyptian children.");
      await page.locator("#activityStatus").selectOption("implementation");
      await page.locator("#plannedStart").fill("2025-01-01");
      await page.locator("#plannedEnd").fill("2027-12-31");
      await page.locator("#budget").fill("180000");
      await page.locator('input[name="sectors"][value="education"]').check();
      await page.locator('input[name="communities"][value="roma"]').check();
      await page.locator('input[name="municipalities"][value="20"]').check();
      await press(page, "Save the draft");
      const match = /\/en\/workspace\/projects\/(\d+)\?saved=created/.exec(page.url());
      expect(match, page.url()).not.toBeNull();
      projectId = Number(match![1]);

      await page.goto(`${baseUrl}/en/workspace/projects/${projectId}/results`);
      await page.locator("#kind").selectOption("outcome");
      await page.locator("#result-titleEn").fill("Children stay in school");
      await press(page, "Add");
      await page.locator("#unit").selectOption("count");
      await page.locator("#indicator-nameEn").fill("Mediators working in schools");
      await press(page, "Add the indicator");
      const indicatorForm = page.locator('form:has(input[name="intent"][value="record"])').first();
      await indicatorForm.locator('input[name="periodStart"]').fill("2025-01-01");
      await indicatorForm.locator('input[name="periodEnd"]').fill("2025-12-31");
      await indicatorForm.locator('input[name="target"]').fill("12");
      await indicatorForm.locator('input[name="actual"]').fill("9");
      await Promise.all([
        page.waitForNavigation(),
        indicatorForm.getByRole("button", { name: "Save the values as a draft" }).click(),
      ]);
      await press(page, "Submit the value");
      await press(page, "Approve the value");
      expect(await page.locator("main").textContent()).toContain("Approved");

      await page.goto(`${baseUrl}/en/workspace/projects/${projectId}`);
      // A published library document linked from the plain form.
      const choice = page.locator("#documentId option").nth(1);
      linkedDocument = ((await choice.textContent()) ?? "").replace(/ \([^)]*\)$/, "");
      expect(linkedDocument.length).toBeGreaterThan(0);
      await page.locator("#documentId").selectOption({ index: 1 });
      await press(page, "Link document");
      expect(page.url()).toContain("saved=linkDocument");
      expect(await page.locator("#library-heading").locator("xpath=..").textContent()).toContain(linkedDocument);
      await press(page, "Send to the Office");
      expect(page.url()).toContain("saved=submit");
      // Not public before the Office validates it (its own organisation still sees it).
      const anonymous = await browser().newContext({ javaScriptEnabled: false });
      contexts.push(anonymous);
      const hidden = await (await anonymous.newPage()).goto(`${baseUrl}/en/projects/${projectId}`);
      expect(hidden?.status()).toBe(404);
    });

    it("the coordinator (two-factor) validates it; it is on the public 3W map and table", async () => {
      expect(projectId).toBeGreaterThan(0);
      const { page } = await signedIn(`coordinator@${DEMO_DOMAIN}`, true);
      await page.goto(`${baseUrl}/en/workspace/projects/${projectId}`);
      await press(page, "Validate and publish");
      expect(page.url()).toContain("saved=validate");

      const reader = await browser().newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
      contexts.push(reader);
      const publicPage = await reader.newPage();
      const response = await publicPage.goto(`${baseUrl}/en/projects/3w?municipality=20&sector=education`);
      expect(response?.status()).toBe(200);
      const table = publicPage.locator("main table").filter({ hasText: TITLE });
      await expect(table.count()).resolves.toBeGreaterThan(0);
      const map = publicPage.locator("main svg").filter({ hasText: "Prizren" }).first();
      expect(await map.textContent()).toMatch(/Prizren/);
      const detail = await publicPage.goto(`${baseUrl}/en/projects/${projectId}`);
      expect(detail?.status()).toBe(200);
      expect(await publicPage.locator("main").textContent()).toContain("Mediators working in schools");
      expect(await publicPage.locator("#library-heading").locator("xpath=..").textContent()).toContain(linkedDocument);
    });

    it("the implementer, of another organisation, cannot edit it", async () => {
      expect(projectId).toBeGreaterThan(0);
      const { context, page } = await signedIn(`implementer@${DEMO_DOMAIN}`);
      await page.goto(`${baseUrl}/en/workspace/projects/${projectId}`);
      await expect(page.getByRole("button", { name: "Save changes" }).count()).resolves.toBe(0);
      // The CSRF token of the implementer's own session, from a page every signed-in person has.
      await page.goto(`${baseUrl}/en/workspace`);
      const csrf = await page.locator('input[name="_csrf"]').first().getAttribute("value", { timeout: 5_000 });
      expect(csrf).toBeTruthy();
      const attempt = await context.request.post(`${baseUrl}/en/workspace/projects/${projectId}`, {
        form: {
          _csrf: csrf!,
          intent: "save",
          version: "1",
          ownerOrganisationId: "1",
          titleEn: "Taken over",
          activityStatus: "implementation",
          plannedStart: "2025-01-01",
          plannedEnd: "2027-12-31",
          currency: "EUR",
          org_0_id: "1",
          org_0_role: "funding",
        },
        headers: { Origin: baseUrl },
        maxRedirects: 0,
      });
      expect(attempt.status()).toBe(403);
      const results = await context.request.post(`${baseUrl}/en/workspace/projects/${projectId}/results`, {
        form: { _csrf: csrf!, intent: "add-result", kind: "outcome", parentId: "", titleEn: "Not theirs" },
        headers: { Origin: baseUrl },
        maxRedirects: 0,
      });
      expect(results.status()).toBe(403);
      const publicPage = await page.goto(`${baseUrl}/en/projects/${projectId}`);
      expect(publicPage?.status()).toBe(200);
      expect(await page.locator("main h1").textContent()).toContain("Roma school mediators in Prizren");
    });
  },
);

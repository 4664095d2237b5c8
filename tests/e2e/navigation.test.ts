import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  browserContextForSuite,
  collectPageErrors,
  describeInBrowser,
  JAVASCRIPT_MODE_CASES,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";
import { DEMO_DOMAIN, signInAsDemo } from "./support/sign-in.ts";

const baseUrl = inject("baseUrl");

describeInBrowser("moving around the site", (browser) => {
  describe.for(JAVASCRIPT_MODE_CASES)("%s", ([, javaScriptEnabled]) => {
    const context = browserContextForSuite(browser, javaScriptEnabled);

    async function open(path: string): Promise<Page> {
      const page = await context().newPage();
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      if (javaScriptEnabled) await waitForHydration(page);
      return page;
    }

    /**
     * From now on, the documents the page loads (a list that fills as it goes), and a mark on the current document,
     * which is still there after a navigation on the client and gone after a new document.
     */
    async function watchDocumentLoads(page: Page): Promise<string[]> {
      const documentLoads: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "document") documentLoads.push(request.url());
      });
      await page.evaluate(() => {
        document.documentElement.dataset.e2eSameDocument = "yes";
      });
      return documentLoads;
    }

    it("the language switcher keeps the current page and its query", async () => {
      const page = await open("/sq/municipalities");
      await page.getByRole("link", { name: "English", exact: true }).click();
      await page.waitForURL(`${baseUrl}/en/municipalities`);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");

      await page.goto(`${baseUrl}/en/municipalities?community=roma`);
      await page.getByRole("link", { name: "Српски", exact: true }).click();
      await page.waitForURL(`${baseUrl}/sr-cyrl/municipalities?community=roma`);
      expect(await page.locator("html").getAttribute("lang")).toBe("sr-Cyrl");
      await page.close();
    });

    it("the skip link is the first thing the keyboard reaches, shows when focused and moves focus to #main", async () => {
      const page = await open("/en/news");
      await page.keyboard.press("Tab");
      const skipLink = await page.evaluate(() => {
        const active = document.activeElement;
        if (!(active instanceof HTMLAnchorElement)) return null;
        const box = active.getBoundingClientRect();
        return {
          href: active.getAttribute("href"),
          text: active.textContent?.trim(),
          width: box.width,
          height: box.height,
        };
      });
      expect(skipLink?.href).toBe("#main");
      expect(skipLink?.text).toBeTruthy();
      expect(skipLink?.width, "the focused skip link is visible").toBeGreaterThan(1);
      expect(skipLink?.height, "the focused skip link is visible").toBeGreaterThan(1);
      expect(await page.locator("main#main").count()).toBe(1);

      await page.keyboard.press("Enter");
      await page.waitForURL(`${baseUrl}/en/news#main`);
      await page.waitForFunction(() => document.activeElement?.id === "main");
      await page.close();
    });

    it("on a 320 px screen the sections sit behind a Menu disclosure that opens and leads to a section", async () => {
      const narrow = await browser().newContext({ javaScriptEnabled, viewport: VIEWPORTS.narrow });
      try {
        const page = await narrow.newPage();
        expect((await page.goto(`${baseUrl}/en/`))?.status()).toBe(200);
        if (javaScriptEnabled) await waitForHydration(page);
        const mainNavigation = page.getByRole("navigation", { name: "Main navigation" });
        const library = mainNavigation.getByRole("link", { name: "Library", exact: true });
        expect(await library.isVisible(), "the sections are folded away at first").toBe(false);
        await mainNavigation.getByText("Menu", { exact: true }).click();
        expect(await library.isVisible(), "the menu shows the sections").toBe(true);
        expect(await mainNavigation.getByRole("link").count(), "every section once").toBeGreaterThanOrEqual(12);
        await library.click();
        await page.waitForURL(`${baseUrl}/en/library`);
        expect(await page.locator("main h1").textContent()).toBeTruthy();
        // The page fits the screen: nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      } finally {
        await narrow.close();
      }
    });

    it.skipIf(!javaScriptEnabled)(
      "a public page link loads a new document: public pages are HTML without hydration (decision 031)",
      async () => {
        const page = await open("/en/");
        const errors = collectPageErrors(page);
        const documentLoads = await watchDocumentLoads(page);
        await page
          .getByRole("navigation", { name: "Main navigation" })
          .getByRole("link", { name: "Municipalities", exact: true })
          .click();
        await page.waitForURL(`${baseUrl}/en/municipalities`);
        await waitForHydration(page);
        expect(await page.locator("main h1").textContent()).toBeTruthy();
        expect(documentLoads).toEqual([`${baseUrl}/en/municipalities`]);
        expect(
          await page.evaluate(() => document.documentElement.dataset.e2eSameDocument),
          "a new document",
        ).toBeUndefined();
        expect(errors.list()).toEqual([]);
        await page.close();
      },
    );

    it.skipIf(!javaScriptEnabled)(
      "navigates between workspace pages on the client, without loading a new document",
      { timeout: 120_000 },
      async () => {
        const signedIn = await browser().newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop });
        try {
          const page = await signedIn.newPage();
          await signInAsDemo(page, `coordinator@${DEMO_DOMAIN}`, { twoFactor: true, javaScriptEnabled });

          const errors = collectPageErrors(page);
          const documentLoads = await watchDocumentLoads(page);

          const workspaceTitle = await page.title();
          await page.locator(`a[href="/en/workspace/organisations"]`).first().click();
          await page.waitForURL(`${baseUrl}/en/workspace/organisations`);
          await page.waitForFunction((previous) => document.title !== previous, workspaceTitle);
          const organisationsTitle = await page.title();
          expect(await page.locator("main h1").textContent()).toBeTruthy();

          await page.locator(`a[href="/en/workspace/projects"]`).first().click();
          await page.waitForURL(`${baseUrl}/en/workspace/projects`);
          await page.waitForFunction((previous) => document.title !== previous, organisationsTitle);
          expect(await page.locator("main h1").textContent()).toBeTruthy();

          await page.goBack();
          await page.waitForURL(`${baseUrl}/en/workspace/organisations`);
          await page.waitForFunction((expected) => document.title === expected, organisationsTitle);

          expect(await page.evaluate(() => document.documentElement.dataset.e2eSameDocument)).toBe("yes");
          expect(documentLoads).toEqual([]);
          expect(errors.list()).toEqual([]);
          await page.close();
        } finally {
          await signedIn.close();
        }
      },
    );
  });
});

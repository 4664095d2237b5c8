import type { Page } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import { browserContextForSuite, describeInBrowser, waitForHydration } from "./support/browser.ts";
import { demoPassword, demoTotpSecret } from "./support/demo-credentials.ts";
import { DEMO_DOMAIN } from "./support/sign-in.ts";
import { passTwoFactor } from "./support/totp.ts";

/**
 * The pages run under their real Content-Security-Policy (no `bypassCSP`) with JavaScript on, and
 * every `securitypolicyviolation` event and every "Refused to …" console message is collected: a
 * CSP report must mean something, so the platform itself must cause none (zod's `new Function`
 * probe did, on most workspace pages, until `jitless` — app/zod-config.ts). Signing in also shows
 * the header of the two-factor step: nobody is signed in yet, so no Workspace and no Sign out.
 */

const baseUrl = inject("baseUrl");
const LOCALE = "en";
/** The demo accounts' password and the coordinator's TOTP secret, generated for the test server's install. */
const PASSWORD = demoPassword();
const COORDINATOR_TOTP = demoTotpSecret(`coordinator@${DEMO_DOMAIN}`);

const WORKSPACE_PAGES = [
  "",
  "/profile",
  "/profile/password",
  "/profile/two-factor",
  "/profile/sessions",
  "/organisations",
  "/organisations/new",
  "/users",
  "/users/invite",
  "/plans",
  "/plans/strategies/new",
  "/projects",
  "/projects/new",
  "/needs",
  "/needs/briefing",
  "/needs/routing",
  "/library",
  "/library/new",
  "/reporting",
  "/reporting/cycles/new",
  "/publishing",
  "/recommendations",
  "/audit",
  "/outbox",
];

interface Violation {
  page: string;
  what: string;
}

describeInBrowser("Content-Security-Policy: the platform's own pages cause no violation", (browser) => {
  const context = browserContextForSuite(browser, true);
  const violations: Violation[] = [];

  beforeAll(async () => {
    // Runs before the page's own scripts (through the DevTools protocol, so the CSP does not apply to it).
    await context().addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(
          `${event.violatedDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`,
        ),
      );
    });
  });

  /** Watches one page: console messages about refused content, and the events the init script collected. */
  function watch(page: Page): () => Promise<void> {
    const label = () => new URL(page.url()).pathname;
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push({ page: label(), what: message.text() });
    });
    return async () => {
      const seen = await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      for (const what of seen) violations.push({ page: label(), what });
    };
  }

  it("signs the coordinator in; the two-factor step's header offers neither the workspace nor signing out", async () => {
    const page = await context().newPage();
    const collect = watch(page);
    await page.goto(`${baseUrl}/${LOCALE}/sign-in`);
    await waitForHydration(page);
    await page.locator("#email").fill(`coordinator@${DEMO_DOMAIN}`);
    await page.locator("#password").fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/sign-in\/two-factor/),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    await waitForHydration(page);
    const header = page.locator("header").first();
    expect(await header.getByRole("link", { name: "Workspace", exact: true }).count()).toBe(0);
    expect(await header.getByRole("button", { name: "Sign out", exact: true }).count()).toBe(0);
    await collect();
    await passTwoFactor(page, COORDINATOR_TOTP, baseUrl);
    await page.waitForURL(`${baseUrl}/${LOCALE}/workspace`);
    await waitForHydration(page);
    expect(await page.locator("header").first().getByRole("link", { name: "Workspace", exact: true }).count()).toBe(1);
    expect(await page.locator("header").first().getByRole("button", { name: "Sign out", exact: true }).count()).toBe(1);
    await page.close();
  });

  it(
    "visits every workspace page and the public form pages, loading and navigating with JavaScript: no violation",
    { timeout: 600_000 },
    async () => {
      let opened = 0;
      const page = await context().newPage();
      const collect = watch(page);
      for (const path of [
        ...WORKSPACE_PAGES.map((p) => `/${LOCALE}/workspace${p}`),
        `/${LOCALE}/`,
        `/${LOCALE}/needs/new`,
        `/${LOCALE}/projects`,
        `/${LOCALE}/search?q=roma`,
      ]) {
        const response = await page.goto(`${baseUrl}${path}`);
        if (response?.status() !== 200) continue;
        await waitForHydration(page);
        await collect();
        opened++;
      }
      expect(opened, "pages the coordinator can open").toBeGreaterThanOrEqual(20);
      // A client-side navigation loads further route modules (and their schemas) after hydration.
      await page.goto(`${baseUrl}/${LOCALE}/workspace`);
      await waitForHydration(page);
      await Promise.all([
        page.waitForURL(/\/workspace\/organisations/),
        page.locator(`a[href="/${LOCALE}/workspace/organisations"]`).first().click(),
      ]);
      await waitForHydration(page);
      await collect();
      await page.close();
      expect(violations).toEqual([]);
    },
  );
});

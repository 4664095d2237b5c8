import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  browserContextForSuite,
  collectPageErrors,
  describeInBrowser,
  JAVASCRIPT_MODE_CASES,
  waitForHydration,
} from "./support/browser.ts";
import { DEMO_DOMAIN, signInAsDemo } from "./support/sign-in.ts";

/**
 * A recommendation made at an event (seed 000: the informative session in Prizren) reaches the
 * owning organisation: it is on the event page and the public recommendations page, and in the
 * workspace tasks of the organisation's member, who marks it done (a plain form, with JavaScript on
 * and off); the change is audited and shows on the public page.
 */

const baseUrl = inject("baseUrl");
const LOCALE = "en";
const EVENT_SLUG = "third-regional-informative-session-prizren-2025-01-29";

/** One account per mode, each a member of an organisation that owns an open demo recommendation. */
const CASES = {
  "JavaScript on": {
    email: `focal.point@${DEMO_DOMAIN}`,
    name: "Demo Focal Point",
    text: "to reach practical work",
  },
  "JavaScript off": {
    email: `municipal.officer@${DEMO_DOMAIN}`,
    name: "Demo Municipal Officer",
    text: "Involve local institutions and civil society",
  },
} as const;

describeInBrowser("recommendations: from the event to the owner's tasks and back to the public", (browser) => {
  describe.for(JAVASCRIPT_MODE_CASES)("%s", ([modeName, javaScriptEnabled]) => {
    const account = CASES[modeName];
    const context = browserContextForSuite(browser, javaScriptEnabled);

    async function open(page: Page, path: string): Promise<void> {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      if (javaScriptEnabled) await waitForHydration(page);
    }

    it("shows the recommendation on the event page and the public page, as a task of the owner, and audits marking it done", async () => {
      const page = await context().newPage();
      const errors = collectPageErrors(page);

      await open(page, `/${LOCALE}/events/${EVENT_SLUG}`);
      const onEvent = page.locator("#recommendations ~ ul li", { hasText: account.text });
      await expect.poll(() => onEvent.count()).toBe(1);
      expect(await onEvent.innerText()).toContain("Open");

      await open(page, `/${LOCALE}/recommendations?status=open`);
      expect(await page.locator("main li", { hasText: account.text }).count()).toBe(1);

      await signInAsDemo(page, account.email, { javaScriptEnabled });

      const task = page.locator("main section[aria-labelledby='tasks-heading'] li", { hasText: account.text });
      expect(await task.count(), "the recommendation is one of my tasks").toBe(1);
      await Promise.all([page.waitForURL(/\/en\/workspace\/recommendations\/\d+$/), task.getByRole("link").click()]);
      if (javaScriptEnabled) await waitForHydration(page);
      const recommendationUrl = page.url();

      await page.locator("#status").selectOption("done");
      await page.locator("#note").fill("Done together with the employment office.");
      await Promise.all([page.waitForURL(/\?saved=1$/), page.getByRole("button", { name: "Save the status" }).click()]);
      if (javaScriptEnabled) await waitForHydration(page);
      expect(await page.locator("main [role=status]").innerText()).toContain("The status has been saved.");

      // The change is in the audit log: the record history lists it, by this person, open → done.
      const history = page.locator("main ol li", { hasText: "recommendation.status" });
      expect(await history.count()).toBe(1);
      expect(await history.innerText()).toContain(account.name);
      const changes = await history.textContent();
      expect(changes).toContain("open");
      expect(changes).toContain("done");

      await open(page, `/${LOCALE}/workspace`);
      expect(
        await page.locator("main section[aria-labelledby='tasks-heading'] li", { hasText: account.text }).count(),
        "done: no longer a task",
      ).toBe(0);

      await open(page, `/${LOCALE}/recommendations?status=done`);
      const done = page.locator("main li", { hasText: account.text });
      expect(await done.count()).toBe(1);
      expect(await done.innerText()).toContain("Done together with the employment office.");
      expect(recommendationUrl).toMatch(/\/workspace\/recommendations\/\d+$/);
      expect(errors.list()).toEqual([]);
    });
  });
});

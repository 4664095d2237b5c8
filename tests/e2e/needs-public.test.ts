import { expect, inject, it } from "vitest";
import { accessibilityViolations, describeInBrowser, newAuditContext, waitForHydration } from "./support/browser.ts";
import { sendNeed, startNeedInPrizren } from "./support/need-form.ts";

const baseUrl = inject("baseUrl");

describeInBrowser("needs: public submission and tracking", (browser) => {
  it("with JavaScript on, typing part of a settlement's name in either script narrows the list", async () => {
    const context = await browser().newContext({ javaScriptEnabled: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/sr-cyrl/needs/new?municipality=20`);
      await waitForHydration(page);
      const settlement = page.getByLabel("Насеље (град или село)");
      const all = await settlement.locator("option").count();
      expect(all).toBeGreaterThan(10);
      // Latin letters without the diacritic find the Cyrillic name (Жур, Prizren).
      await page.getByLabel("Пронађите насеље по имену").fill("zur");
      await expect.poll(() => settlement.locator("option").count()).toBeLessThan(all);
      const names = await settlement.locator("option").allTextContents();
      expect(names).toContain("Жур");
      await settlement.selectOption({ label: "Жур" });
      // The chosen settlement stays listed when the search changes.
      await page.getByLabel("Пронађите насеље по имену").fill("nothing like this");
      expect(await settlement.locator("option").allTextContents()).toContain("Жур");
      expect(await settlement.inputValue()).not.toBe("");
    } finally {
      await context.close();
    }
  });

  it(
    "an anonymous person submits in Serbian Cyrillic with JavaScript off on a 360 px screen, and follows the request with the code",
    { timeout: 120_000 },
    async () => {
      const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await startNeedInPrizren(page, "civil_registration");
      const settlement = page.getByLabel("Насеље (град или село)");
      const options = await settlement.locator("option").count();
      expect(options).toBeGreaterThan(2);
      await settlement.selectOption({ index: 1 });
      await page
        .getByLabel("Опишите потребу")
        .fill("Детету је потребан извод из матичне књиге рођених, а општина тражи документ који немамо.");
      expect(await page.getByLabel(/^Не, желим да останем/).isChecked()).toBe(true);
      const code = await sendNeed(page);

      // Later, on another visit: type the code on the tracking form.
      await page.goto(`${baseUrl}/sr-cyrl/needs/track`);
      await page.getByLabel("Код за праћење").fill(code.toLowerCase().replaceAll("-", " "));
      await page.getByRole("button", { name: "Прикажи мој захтев" }).click();
      await page.waitForURL(new RegExp(`/sr-cyrl/needs/track/${code}$`));
      expect(await page.locator("h1").textContent()).toMatch(/^Захтев N-\d{4}-\d{6}$/);
      expect(await page.locator('[data-status="received"]').textContent()).toBe("Примљено");
      const trackedUrl = page.url();

      // A forged code gets the not-found page.
      const forged = await page.goto(`${baseUrl}/sr-cyrl/needs/track/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345`);
      expect(forged?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Нема захтева са овим кодом");
      await context.close();

      // Scripts are off for the reader; axe and the width check need them, so they run in an audit context (as pages.test.ts does).
      const audit = await newAuditContext(browser(), false);
      const audited = await audit.newPage();
      await audited.setViewportSize({ width: 360, height: 740 });
      for (const url of [`${baseUrl}/sr-cyrl/needs/new?municipality=20`, trackedUrl]) {
        await audited.goto(url);
        expect(
          await audited.evaluate(() => document.documentElement.scrollWidth),
          `width of ${url}`,
        ).toBeLessThanOrEqual(361);
        expect(await accessibilityViolations(audited), `axe on ${url}`).toEqual([]);
      }
      await audit.close();
    },
  );
});

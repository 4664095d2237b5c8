import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  accessibilityViolations,
  browserContextForSuite,
  collectPageErrors,
  describeInBrowser,
  expectAccessibleAtBothWidths,
  narrowPageWidth,
  newAuditContext,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";
import { NEW_LOCALES, SWITCHER_LOCALES } from "./support/switcher-locales.ts";

/*
 * Turkish, Bosnian and Romani (issue 15 item 6, decision 043) on the public journeys: home, needs
 * submission and tracking with the receipt, services and opportunities, and the translation status,
 * with JavaScript off (every page in every locale: full axe audit at 1280 and 320 px) and on (every
 * page in one locale, taken in turn: status, lang, no console error, no sideways scrolling, axe). The language switcher reaches every
 * locale from a 320 px screen without JavaScript; the unreviewed-translation note shows.
 */

const baseUrl = inject("baseUrl");

const PAGES = [
  { name: "home", path: "/" },
  { name: "needs submission, step 1", path: "/needs/new" },
  { name: "needs submission, step 2", path: "/needs/new?municipality=20" },
  { name: "needs tracking form", path: "/needs/track" },
  { name: "services", path: "/services" },
  { name: "service", path: "/services/online-diploma-verification" },
  { name: "opportunities", path: "/opportunities" },
  { name: "opportunity", path: "/opportunities/demo-internships-young-people-non-majority-communities" },
  { name: "translation status", path: "/translations" },
] as const;

describeInBrowser("Turkish, Bosnian and Romani", (browser) => {
  const reader = browserContextForSuite(browser, true);
  let audit: BrowserContext;
  beforeAll(async () => {
    audit = await newAuditContext(browser(), false);
  });
  afterAll(async () => {
    await audit?.close();
  });

  describe("JavaScript off: the HTML every reader gets, audited at 1280 and 320 px", { concurrent: true }, () => {
    const cases = NEW_LOCALES.flatMap(({ locale, languageTag }) =>
      PAGES.map((p) => [`${locale} ${p.name}`, locale, languageTag, p.path] as const),
    );
    it.for(cases)("%s", async ([, locale, languageTag, path], { expect }) => {
      const page = await audit.newPage();
      const url = `${baseUrl}/${locale}${path}`;
      const errors = collectPageErrors(page, (message) => message.text().includes("script-src 'none'"));
      const response = await page.goto(url);
      expect.soft(response?.status(), `status of ${url}`).toBe(200);
      expect.soft(await page.locator("html").getAttribute("lang")).toBe(languageTag);
      expect.soft(errors.list()).toEqual([]);
      // Not yet reviewed by a person: the note says so and links to the status page.
      const note = page.locator('div[role="note"]').filter({ has: page.locator(`a[href="/${locale}/translations"]`) });
      expect.soft(await note.count(), `review note on ${url}`).toBe(1);
      await expectAccessibleAtBothWidths(expect, page, url);
      await page.close();
    });
  });

  // Public pages do not hydrate (decision 031): the HTML is the one audited above, and the one
  // enhancement script is the same in every locale. So each page is checked enhanced in one locale,
  // the locales taken in turn (each three times): status, lang, no console error under the real CSP,
  // no sideways scrolling at 320 px, axe at both widths.
  describe("JavaScript on: enhanced pages, under their real CSP", { concurrent: true }, () => {
    const cases = PAGES.map((p, index) => {
      const { locale, languageTag } = NEW_LOCALES[index % NEW_LOCALES.length]!;
      return [`${locale} ${p.name}`, locale, languageTag, p.path] as const;
    });
    it.for(cases)("%s", async ([, locale, languageTag, path], { expect }) => {
      const page = await reader().newPage();
      const url = `${baseUrl}/${locale}${path}`;
      const errors = collectPageErrors(page);
      const response = await page.goto(url);
      await waitForHydration(page);
      expect.soft(response?.status(), `status of ${url}`).toBe(200);
      expect.soft(await page.locator("html").getAttribute("lang")).toBe(languageTag);
      expect.soft(errors.list(), `console errors on ${url}`).toEqual([]);
      await page.setViewportSize(VIEWPORTS.narrow);
      expect
        .soft(await narrowPageWidth(page), `width of ${url} at 320 px once enhanced`)
        .toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
      await page.close();
      const context = await newAuditContext(browser(), true);
      const audited = await context.newPage();
      await audited.goto(url);
      await waitForHydration(audited);
      await expectAccessibleAtBothWidths(expect, audited, `${url} with JavaScript`);
      await context.close();
    });
  });

  it("the switcher reaches every locale from a 320 px screen without JavaScript, and the head lists each as an alternate", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.narrow });
    const page = await context.newPage();
    for (const from of NEW_LOCALES) {
      await page.goto(`${baseUrl}/${from.locale}/services`);
      const alternates = await page
        .locator('link[rel="alternate"][hreflang]')
        .evaluateAll((links) =>
          links.map((l) => `${l.getAttribute("hreflang")} ${new URL(l.getAttribute("href") ?? "").pathname}`),
        );
      expect(alternates).toEqual([
        ...SWITCHER_LOCALES.map((l) => `${l.languageTag} /${l.locale}/services`),
        "x-default /sq/services",
      ]);
      for (const target of SWITCHER_LOCALES) {
        if (target.locale === from.locale) {
          expect(await page.locator('nav span[aria-current="true"]').textContent()).toBe(target.autonym);
          continue;
        }
        const link = page.locator(`nav a[hreflang="${target.languageTag}"]`);
        expect(await link.textContent()).toBe(target.autonym);
        expect(await link.isVisible(), `${target.autonym} visible at 320 px`).toBe(true);
        await link.click();
        await page.waitForURL(`${baseUrl}/${target.locale}/services`);
        expect(await page.locator("html").getAttribute("lang")).toBe(target.languageTag);
        await page.goto(`${baseUrl}/${from.locale}/services`);
      }
    }
    expect(await narrowPageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
    await context.close();
  });

  it(
    "a person submits a need in Romani without JavaScript on a 320 px screen, follows it with the code and saves the receipt",
    { timeout: 120_000 },
    async () => {
      const context = await browser().newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.narrow });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/rom/needs/new`);
      await page.getByLabel("Komuna").selectOption("20");
      await page.getByRole("button", { name: "Dža majdur" }).click();
      await page.waitForURL(/municipality=20/);
      await page.getByLabel("Sostar si?").selectOption("education");
      await page
        .getByLabel("Phen o trebujipe")
        .fill("E čhavorenge trebul autobusi dži ki škola, o drom si but lungo thaj phares.");
      expect(await page.getByLabel(/^Na, kamav te ačhav bi anavesqo/).isChecked()).toBe(true);
      // The form refuses answers sent faster than a person could type them; a person takes longer.
      await page.waitForTimeout(3_100);
      await page.getByRole("button", { name: "Bičhal o mangipe" }).click();
      await page.waitForLoadState();
      expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
      expect(page.url()).toMatch(/\/rom\/needs\/track\/[0-9A-Z-]+\?submitted=1$/);
      expect(await page.locator("h1").textContent()).toMatch(/^Mangipe N-\d{4}-\d{6}$/);
      expect(await page.locator("h2", { hasText: "Ćiro mangipe sas bičhaldo" }).count()).toBe(1);
      const code = (await page.locator("strong.font-mono").textContent())?.trim() ?? "";
      expect(code).toMatch(/^([0-9A-Z]{4}-){2}[0-9A-Z]{4}$/);

      // The receipt, saved as a text file, is written in Romani.
      const receipt = await page.request.get(`${baseUrl}/rom/needs/track/${code}/receipt.txt`);
      expect(receipt.status()).toBe(200);
      const text = await receipt.text();
      expect(text).toContain(`Kodi vaš dikhipe: ${code}`);
      expect(text).toContain("Dikh ćiro mangipe:");

      // Later: the code typed on the tracking form, in small letters with spaces.
      await page.goto(`${baseUrl}/rom/needs/track`);
      await page.getByLabel("Kodi vaš dikhipe").fill(code.toLowerCase().replaceAll("-", " "));
      await page.getByRole("button", { name: "Sikav mo mangipe" }).click();
      await page.waitForURL(new RegExp(`/rom/needs/track/${code}$`));
      expect(await page.locator("h1").textContent()).toMatch(/^Mangipe N-\d{4}-\d{6}$/);
      expect(await page.locator('[data-status="received"]').textContent()).toBe("Lino");
      const trackedUrl = page.url();
      await context.close();

      const audited = await audit.newPage();
      await audited.setViewportSize(VIEWPORTS.narrow);
      await audited.goto(trackedUrl);
      expect(await narrowPageWidth(audited)).toBeLessThanOrEqual(VIEWPORTS.narrow.width + 1);
      expect(await accessibilityViolations(audited)).toEqual([]);
      await audited.close();
    },
  );

  it("the translation status page gives each language's shares, and Albanian pages carry no review note", async () => {
    const page = await audit.newPage();
    await page.goto(`${baseUrl}/en/translations`);
    const rows = await page
      .locator("main table")
      .first()
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent?.trim() ?? "")),
      );
    expect(rows.map((r) => r[0])).toEqual([
      "Albanian (Shqip)",
      "Serbian (Srpski)",
      "English (English)",
      "Turkish (Türkçe)",
      "Bosnian (Bosanski)",
      "Romani (Romani)",
    ]);
    expect(rows.find((r) => r[0]?.startsWith("Turkish"))?.[1]).toBe("100.0%");
    expect(rows.find((r) => r[0]?.startsWith("Turkish"))?.[3]).toBe("0.0%");
    expect(rows.find((r) => r[0]?.startsWith("Albanian"))?.[3]).toBe("Original language of the platform");
    await page.goto(`${baseUrl}/sq/`);
    expect(await page.locator(`a[href="/sq/translations"]`).count()).toBe(1);
    expect(
      await page
        .locator('div[role="note"]')
        .filter({ has: page.locator('a[href="/sq/translations"]') })
        .count(),
    ).toBe(0);
    await page.close();
  });
});

import { randomUUID } from "node:crypto";
import { expect, inject, it } from "vitest";
import { browserContextForSuite, describeInBrowser, expectAccessibleAsSignedIn, VIEWPORTS } from "./support/browser.ts";
import { sendNeed, startNeedInPrizren } from "./support/need-form.ts";
import { DEMO_DOMAIN, signInAsDemo, submitForm } from "./support/sign-in.ts";

/**
 * The whole life of a need, each person in their own browser without JavaScript: an anonymous
 * person submits on a 360 px phone in Serbian Cyrillic and gets a tracking code; the demo
 * coordinator finds the case in the triage queue and refers it to the demo focal point's ministry;
 * the focal point accepts it and resolves it with a public note (the coordinator also leaves an
 * internal note); the person opens the tracking page with the code and sees the resolution and the
 * public note, never the internal one. Then axe checks the workspace case pages at 1280 and 320 px.
 */

const baseUrl = inject("baseUrl");
const COORDINATOR = `coordinator@${DEMO_DOMAIN}`;
const FOCAL_POINT = `focal.point@${DEMO_DOMAIN}`;
const FOCAL_POINT_MINISTRY = "Ministry of Labour and Social Welfare";

describeInBrowser("needs: from submission to resolution, with JavaScript off", (browser) => {
  const coordinator = browserContextForSuite(browser, false);
  /** Workspace paths (after the locale) that the axe check visits as the coordinator. */
  const workspacePaths: string[] = [];

  it(
    "a person submits, the Office refers, the institution resolves, the person sees the resolution with the code",
    { timeout: 180_000 },
    async () => {
      const marker = `флоу${randomUUID().slice(0, 8)}`;
      const publicNote = `Извод је издат и чека вас у матичној служби (${marker}).`;
      const internalNote = `Internal: checked with the registry office by phone (${marker}).`;

      // 1. The person, on a phone without JavaScript, in Serbian Cyrillic.
      const person = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
      const phone = await person.newPage();
      await startNeedInPrizren(phone, "social_assistance");
      await phone.getByLabel("Насеље (град или село)").selectOption({ index: 1 });
      await phone
        .getByLabel("Опишите потребу")
        .fill(`Самохрана мајка са двоје деце не прима социјалну помоћ већ три месеца. ${marker}`);
      await phone.getByLabel("Да, наводим своје име или контакт").check();
      await phone.getByLabel("Адреса е-поште").fill(`mother-${marker.slice(-8)}@example.org`);
      await phone.getByLabel("Пристајем да ме Канцеларија контактира у вези са овим захтевом").check();
      expect(
        await phone.evaluate(() => document.documentElement.scrollWidth),
        "width of the form at 360 px",
      ).toBeLessThanOrEqual(361);
      const code = await sendNeed(phone);
      const reference = (await phone.locator("h1").textContent())?.replace(/^Захтев /, "").trim() ?? "";
      expect(reference).toMatch(/^N-\d{4}-\d{6}$/);
      await person.close();

      // 2. The coordinator finds the case in the triage queue and refers it to the focal point's ministry.
      const office = await coordinator().newPage();
      await signInAsDemo(office, COORDINATOR, { returnTo: "/en/workspace/needs", twoFactor: true });
      workspacePaths.push("/workspace/needs", "/workspace/needs/briefing");
      await office.locator("#q").fill(marker);
      await office.getByRole("button", { name: "Filter", exact: true }).click();
      await office.waitForURL(/[?&]q=/);
      await office.getByRole("link", { name: reference, exact: true }).click();
      await office.waitForURL(/\/en\/workspace\/needs\/\d+$/);
      const casePath = new URL(office.url()).pathname;
      workspacePaths.push(casePath.replace(/^\/en/, ""));
      expect(await office.locator("h1").textContent()).toContain(reference);
      // The case page while its handling forms (status, referral with a suggestion, merge…) are shown, and the filtered queue.
      await expectAccessibleAsSignedIn(expect, browser(), coordinator(), [office.url()]);
      await expectAccessibleAsSignedIn(expect, browser(), coordinator(), [
        `${baseUrl}/en/workspace/needs?q=${encodeURIComponent(marker)}`,
      ]);
      // The institution is typed (decision 056): "ministry" matches several, offered as radio buttons; one is chosen.
      await office.locator("#refer-organisationId").fill("ministry");
      await office.locator("#refer-message").fill("Please check the social assistance payments of this family.");
      const several = await submitForm(office, "Refer the case");
      expect(several.status()).toBe(400);
      expect(await office.locator("#refer-organisationId-error").textContent()).toContain("Several institutions match");
      await office.getByLabel(FOCAL_POINT_MINISTRY, { exact: false }).first().check();
      const referred = await submitForm(office, "Refer the case");
      expect(referred.status()).toBe(302);
      await office.waitForURL(/\?saved=referred$/);
      expect(await office.locator(".rounded.border.border-slate-300 p.font-semibold").first().textContent()).toContain(
        FOCAL_POINT_MINISTRY,
      );
      await office.locator("#noteInternal-body").fill(internalNote);
      await submitForm(office, "Add the internal note");
      await office.waitForURL(/\?saved=noteInternal$/);

      // 3. The focal point accepts the referral, then resolves the case with a public note.
      const institution = await browser().newContext({ javaScriptEnabled: false, viewport: VIEWPORTS.desktop });
      const focal = await institution.newPage();
      await signInAsDemo(focal, FOCAL_POINT, { returnTo: casePath });
      // Internal notes are for the Office and the institutions handling the case (decision 017); the submitter never sees them.
      expect(await focal.locator("main").textContent()).toContain(internalNote);
      // The institution's view, with the form to answer the referral.
      await expectAccessibleAsSignedIn(expect, browser(), institution, [focal.url()]);
      await focal.getByLabel("Accept: we handle the case").check();
      await submitForm(focal, "Send the answer");
      await focal.waitForURL(/\?saved=referral$/);
      expect(await focal.locator("main").textContent()).toContain("accepted");
      await focal.getByLabel("Respond: the case is settled").check();
      await focal.locator("#referral-outcome").selectOption("resolved");
      await focal.locator("#referral-response").fill("The payments were restored from this month.");
      await focal.locator("#referral-publicNote").fill(publicNote);
      await submitForm(focal, "Send the answer");
      await focal.waitForURL(/\?saved=referral$/);
      expect(await focal.locator("main").textContent()).toContain("responded");
      await institution.close();

      // 4. The person, later, types the code on the tracking page and sees the resolution and the public note only.
      const later = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
      const track = await later.newPage();
      await track.goto(`${baseUrl}/sr-cyrl/needs/track`);
      await track.getByLabel("Код за праћење").fill(code);
      await track.getByRole("button", { name: "Прикажи мој захтев" }).click();
      await track.waitForURL(new RegExp(`/sr-cyrl/needs/track/${code}$`));
      expect(await track.locator("[data-status]").getAttribute("data-status")).toBe("resolved");
      expect(await track.locator('[data-status="resolved"]').textContent()).toBe("Решено");
      const main = (await track.locator("main").textContent()) ?? "";
      expect(main).toContain(publicNote);
      expect(main).not.toContain(internalNote);
      expect(main).not.toContain("The payments were restored");
      await later.close();
    },
  );

  it(
    "the workspace case pages pass axe (WCAG 2.1 A/AA) with JavaScript off at 1280 and 320 px",
    { timeout: 300_000 },
    async () => {
      expect(workspacePaths).toHaveLength(3);
      const urls = ["en", "sr-cyrl", "sq"].flatMap((locale) =>
        workspacePaths.map((path) => `${baseUrl}/${locale}${path}`),
      );
      await expectAccessibleAsSignedIn(expect, browser(), coordinator(), urls, async (page, url) => {
        expect.soft(await page.locator("h1").count(), `one heading on ${url}`).toBe(1);
      });
    },
  );
});

import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { expect, inject, it } from "vitest";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { importPlanWorkbook } from "#app/modules/plans/planning/plan-import.server.ts";
import { loadCanonicalPlanTree, type CanonicalPlanTree } from "#app/modules/plans/plan-tree.server.ts";
import { createStrategy } from "#app/modules/plans/planning.commands.server.ts";
import { StrategyCreateSchema } from "#app/modules/plans/planning.schema.ts";
import {
  browserContextForSuite,
  collectPageErrors,
  describeInBrowser,
  expectAccessibleAtBothWidths,
  newAuditContext,
  VIEWPORTS,
  waitForHydration,
} from "./support/browser.ts";
import { DEMO_DOMAIN, signInAsDemo, submitForm } from "./support/sign-in.ts";
import { organisationIdBySlug } from "../support/organisation-ids.ts";
import { signedInActor } from "../support/signed-in-actor.ts";

/**
 * The demo coordinator builds a small action plan through the workspace forms in a browser with
 * JavaScript off (strategy → plan → sector → objective → measure with budget and communities →
 * indicator with targets), downloads it as XLSX and adopts it; the downloaded file imported into
 * an empty database gives back exactly the plan the public API serves.
 */

const baseUrl = inject("baseUrl");

describeInBrowser("planning: a coordinator builds a plan with JavaScript off", (browser) => {
  const context = browserContextForSuite(browser, false);
  /** The workspace pages the journey passed through (paths after the locale), for the accessibility checks. */
  const visited: string[] = [];

  /** Chooses the first option of a select whose text contains `text` (its value is an id not known here). */
  async function chooseOption(page: Page, select: string, text: string): Promise<void> {
    const value = await page.locator(`${select} option`, { hasText: text }).first().getAttribute("value");
    if (!value) throw new Error(`no option "${text}" in ${select}`);
    await page.locator(select).selectOption(value);
  }

  // A journey of some twenty forms, two of them waiting for a fresh two-factor step: minutes on a busy machine.
  it(
    "builds, exports, adopts, and the export imports into an empty database identically",
    { timeout: 240_000 },
    async () => {
      const unique = randomUUID().slice(0, 8);
      const page = await context().newPage();

      // Sign in with the password and a two-factor code.
      await signInAsDemo(page, `coordinator@${DEMO_DOMAIN}`, { returnTo: "/en/workspace/plans", twoFactor: true });

      // A strategy.
      await page.getByRole("link", { name: "Add a strategy" }).click();
      await page.waitForURL(/\/plans\/strategies\/new$/);
      await page.locator("#titleEn").fill(`E2E strategy ${unique}`);
      await page.locator("#titleSq").fill(`Strategjia E2E ${unique}`);
      await page.locator("#summaryEn").fill("Built in the browser without JavaScript.");
      await page.locator("#periodStartYear").fill("2024");
      await page.locator("#periodEndYear").fill("2026");
      await chooseOption(page, "#ownerOrganisationId", "Office for Community Affairs");
      await submitForm(page, "Create the strategy");
      await page.waitForURL(/\/plans\/strategies\/\d+\?saved=created$/);
      visited.push(new URL(page.url()).pathname);

      // A national plan; first a wrong code, answered with 400 and the messages in English.
      await page.locator("#plan-code").fill("bad code!");
      const refused = await submitForm(page, "Create the plan");
      expect(refused.status()).toBe(400);
      expect(await page.locator('main [role="alert"]').first().textContent()).toContain(
        "Use letters, digits, dots and dashes only.",
      );
      expect(await page.title()).toMatch(/^Error:/);
      await page.locator("#plan-code").fill(`E2E-${unique}`);
      await page.locator("#plan-titleEn").fill(`Action plan ${unique}`);
      await submitForm(page, "Create the plan");
      await page.waitForURL(/\/workspace\/plans\/\d+\?saved=created$/);
      const planId = Number(new URL(page.url()).pathname.split("/").pop());
      visited.push(new URL(page.url()).pathname);

      // A sector and an objective.
      await page.locator("#sector-sectorCode").selectOption("education");
      await submitForm(page, "Add the sector");
      await page.locator("#objective-code").fill("1.1");
      await page.locator("#objective-titleEn").fill("More children in school");
      await page.locator("#objective-titleSr").fill("Više dece u školi");
      await submitForm(page, "Add the objective");
      expect(await page.locator("#sectors").textContent()).toContain("1.1 More children in school");

      // A measure with institutions, dates, communities and a budget.
      await page.getByRole("link", { name: "Add a measure to objective 1.1" }).click();
      await page.waitForURL(/\/measures\/new\?objective=\d+$/);
      await page.locator("#code").fill("1.1.1");
      await page.locator("#titleEn").fill("Scholarships for Roma and Ashkali pupils");
      await page.locator("#titleSq").fill("Bursa për nxënësit romë dhe ashkali");
      await chooseOption(page, "#responsibleOrganisationId", "Ministry of Education");
      await chooseOption(page, "#supportingOrganisationIds", "Office for Community Affairs");
      await page.locator("#startDate").fill("2024-09-01");
      await page.locator("#endDate").fill("2026-06-30");
      await page.getByLabel("Roma", { exact: true }).check();
      await page.getByLabel("Ashkali", { exact: true }).check();
      await page.locator("#budget-2024-government").fill("12000");
      await page.locator("#budget-2025-donor").fill("4500.50");
      await submitForm(page, "Add the measure");
      await page.waitForURL(/\/measures\/\d+\?saved=created$/);

      // An indicator with a baseline and targets.
      await page.getByRole("link", { name: "Add an indicator" }).click();
      await page.locator("#code").fill("I1");
      await page.locator("#nameEn").fill("Pupils receiving a scholarship");
      await page.locator("#unit").selectOption("count");
      await page.locator("#direction").selectOption("increase");
      await page.locator("#baselineValue").fill("40");
      await page.locator("#baselineYear").fill("2023");
      await page.locator("#target-2024").fill("60");
      await page.locator("#target-2025").fill("80");
      await page.getByLabel("Community", { exact: true }).check();
      const indicatorForm = new URL(page.url()).pathname;
      await submitForm(page, "Add the indicator");
      await page.waitForURL(/\/measures\/\d+\?saved=indicatorCreated/);
      const measurePath = new URL(page.url()).pathname;
      const indicatorPath = await page
        .getByRole("link", { name: "I1 Pupils receiving a scholarship" })
        .getAttribute("href");
      visited.push(
        measurePath,
        indicatorForm,
        indicatorPath ?? "",
        `${measurePath.replace(/\/measures\/\d+$/, "/measures/new")}`,
      );
      expect(await page.locator("main").textContent()).toContain("I1 Pupils receiving a scholarship");

      // Download the plan as XLSX, then adopt it.
      const download = await context().request.get(`${baseUrl}/en/workspace/plans/${planId}/export.xlsx`);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toContain("spreadsheetml");
      const bytes = new Uint8Array(await download.body());
      await page.goto(`${baseUrl}/en/workspace/plans/${planId}`);
      await submitForm(page, "Adopt the plan");
      expect(await page.locator('[role="status"]').textContent()).toContain("Revision 1");
      const objectiveLink = await page.getByRole("link", { name: "1.1 More children in school" }).getAttribute("href");
      visited.push(
        objectiveLink ?? "",
        `/en/workspace/plans/${planId}/revisions`,
        `/en/workspace/plans/${planId}/revisions/1`,
        "/en/workspace/plans",
        "/en/workspace/plans/strategies/new",
      );

      const api = await context().request.get(`${baseUrl}/api/v1/action-plans/${planId}`);
      expect(api.status()).toBe(200);
      const served = ((await api.json()) as { data: CanonicalPlanTree }).data;
      const expected: CanonicalPlanTree = { plan: served.plan, sectors: served.sectors };
      expect(expected.sectors[0]?.objectives[0]?.measures[0]).toMatchObject({
        code: "1.1.1",
        communities: ["ashkali", "roma"],
        budget: [
          { year: 2024, source: "government", amount: "12000" },
          { year: 2025, source: "donor", amount: "4500.5" },
        ],
      });

      // The export imported into an empty database gives the same plan.
      const empty = await openDatabase({ memory: {} });
      try {
        await migrateToLatest(empty.db);
        const userId = randomUUID();
        await empty.db
          .insertInto("app_user")
          .values({ id: userId, email: "importer@example.org", name: "Importer", email_verified_at: new Date() })
          .execute();
        const actor = signedInActor([{ role: "coordinator", organisationId: null, kasCode: null }], {
          userId,
          name: "Importer",
          email: "importer@example.org",
        });
        const ownerId = await organisationIdBySlug(empty.db, "office-for-community-affairs");
        const strategy = await createStrategy(
          empty.db,
          { actor, requestId: "e2e" },
          StrategyCreateSchema.parse({
            titleEn: "Strategy",
            periodStartYear: "2024",
            periodEndYear: "2026",
            ownerOrganisationId: String(ownerId),
            status: "draft",
          }),
        );
        if (!strategy.ok) throw new Error(JSON.stringify(strategy));
        const imported = await importPlanWorkbook(
          empty.db,
          { actor, requestId: "e2e" },
          { strategyId: strategy.id, planId: null, bytes, version: null, reason: null },
        );
        if (!imported.ok) throw new Error(JSON.stringify(imported));
        expect(await loadCanonicalPlanTree(empty.db, imported.planId)).toEqual(expected);
      } finally {
        await empty.close();
      }
      await page.close();
    },
  );

  it("passes axe (WCAG 2.1 A/AA) on every workspace page type at 1280 and 320 px, in every locale, with and without JavaScript", async () => {
    const paths = [...new Set(visited.filter(Boolean).map((p) => p.replace(/^\/en\//, "/")))];
    expect(paths.length).toBeGreaterThanOrEqual(9);
    const cookies = await context().cookies(baseUrl);
    for (const javaScriptEnabled of [false, true]) {
      // Without JavaScript the audit context is also the reader: none of the page's own scripts run there.
      const reader = javaScriptEnabled
        ? await browser().newContext({ javaScriptEnabled, viewport: VIEWPORTS.desktop })
        : null;
      const audit = await newAuditContext(browser(), javaScriptEnabled);
      await reader?.addCookies(cookies);
      await audit.addCookies(cookies);
      for (const locale of javaScriptEnabled ? ["en"] : ["sq", "sr", "sr-cyrl", "en"]) {
        for (const path of paths) {
          const url = `${baseUrl}/${locale}${path}`;
          const page = await (reader ?? audit).newPage();
          // The audit context's own `script-src 'none'` refusing the page's scripts is intended.
          const errors = collectPageErrors(
            page,
            (message) => !javaScriptEnabled && message.text().includes("script-src 'none'"),
          );
          const response = await page.goto(url);
          if (javaScriptEnabled) await waitForHydration(page);
          expect.soft(response?.status(), `status of ${url}`).toBe(200);
          expect.soft(errors.list(), `console errors on ${url}`).toEqual([]);
          let audited = page;
          if (reader) {
            await page.close();
            audited = await audit.newPage();
            await audited.goto(url);
            await waitForHydration(audited);
          }
          await expectAccessibleAtBothWidths(expect, audited, url);
          await audited.close();
        }
      }
      await reader?.close();
      await audit.close();
    }
  }, 600_000);
});

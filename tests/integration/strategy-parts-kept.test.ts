import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "#app/services/authorization.ts";
import {
  approveMeasureReport,
  completeAndSubmitReport,
  measureReportOf,
  openAnnualCycle,
} from "../support/plan-instances.ts";
import { EDUCATION_AND_HEALTH_PLAN, planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
import { planPage, strategyPage } from "../support/strategy-pages.ts";

/*
 * Decision 063: the strategy and plan pages render their long parts (the sectors section, the
 * objectives, the page of measures, the local plans) to static HTML once per content and language and
 * keep it, keyed by everything the part shows. What must hold: a write — through a command, by direct
 * SQL, through another database handle (a second instance) — shows in the parts at the next request;
 * each language and each sector filter has its own parts.
 */

const opened = planOnTwoInstancesForFile({
  national: EDUCATION_AND_HEALTH_PLAN,
  locals: [{ kasCode: "20", measures: [{ code: "L-1", sector: "education", implements: "EDU-1" }] }],
});

let nationalCode = "";
let localCode = "";

beforeAll(async () => {
  nationalCode = opened.plan.nationalPlanCode;
  localCode = opened.plan.localPlanCodes["20"]!;
});

describe("strategy page parts kept as HTML", () => {
  it("the loader sends the long parts as HTML, not their rows", async () => {
    const page = await strategyPage(opened.handle.db, opened.slug);
    expect(page.parts.sectors).toContain('id="sectors-heading"');
    expect(page.parts.objectives).toContain('id="objectives-heading"');
    expect(page.parts.measures).toContain("/en/measures/");
    expect(page.parts.localPlans).toContain(`/en/strategies/${opened.slug}/plans/${localCode}`);
    expect(page).not.toHaveProperty("sectors");
    expect(page).not.toHaveProperty("localPlans");
    expect(page.measures).not.toHaveProperty("rows");
    expect(page.measures.total).toBe(2);
  });

  it("a measure's and a local plan's titles written by direct SQL show in the kept parts at the next request on another instance", async () => {
    const before = await strategyPage(opened.otherInstance, opened.slug);
    expect(before.parts.measures).toContain("Measure EDU-1");
    await opened.handle.db
      .updateTable("measure")
      .set({ title: { en: "Renamed schooling measure", sq: "Masa e riemërtuar" } })
      .where("id", "=", opened.plan.measures["EDU-1"]!)
      .execute();
    await opened.handle.db
      .updateTable("action_plan")
      .set({ title: { en: "Renamed Prizren plan", sq: "Plani i riemërtuar" } })
      .where("id", "=", opened.plan.localPlanIds["20"]!)
      .execute();
    const after = await strategyPage(opened.otherInstance, opened.slug);
    expect(after.parts.measures).toContain("Renamed schooling measure");
    expect(after.parts.measures).not.toContain("Measure EDU-1");
    expect(after.parts.localPlans).toContain("Renamed Prizren plan");
    expect(before.parts.localPlans).not.toContain("Renamed Prizren plan");
    // The local plan's page shows what its national measure is now called.
    expect((await planPage(opened.otherInstance, opened.slug, localCode)).parts.measures).toContain(
      "Renamed schooling measure",
    );
    expect((await strategyPage(opened.otherInstance, opened.slug, { lang: "sq" })).parts.measures).toContain(
      "Masa e riemërtuar",
    );
  });

  it("each language and each sector filter has its own parts", async () => {
    const en = await strategyPage(opened.otherInstance, opened.slug);
    const sq = await strategyPage(opened.otherInstance, opened.slug, { lang: "sq" });
    expect(en.parts.sectors).toContain("Sectors");
    expect(sq.parts.sectors).toContain("Sektorët");
    expect(sq.parts.sectors).not.toContain("Sectors");
    expect(sq.parts.measures).toContain('href="/sq/measures/');
    expect(sq.parts.measures).not.toContain('href="/en/measures/');
    expect(sq.parts.localPlans).toContain(`/sq/strategies/${opened.slug}/plans/${localCode}`);

    const health = await strategyPage(opened.otherInstance, opened.slug, { search: "?sector=health" });
    expect(health.parts.measures).toContain("HEA-1");
    expect(health.parts.measures).not.toContain(`/en/measures/${opened.plan.measures["EDU-1"]}"`);
    expect(en.parts.measures).toContain(`/en/measures/${opened.plan.measures["EDU-1"]}"`);
    expect(en.parts.measures).toContain(`/en/measures/${opened.plan.measures["HEA-1"]}"`);

    // The national plan's page shows the same sectors, its local plan the column of national measures.
    const national = await planPage(opened.otherInstance, opened.slug, nationalCode);
    expect(national.parts.sectors).toBe(en.parts.sectors);
    expect(national.parts.measures).not.toContain(`/en/measures/${opened.plan.measures["EDU-1"]}" lang="en">EDU-1`);
    const local = await planPage(opened.otherInstance, opened.slug, localCode);
    expect(local.parts.measures).toContain(`/en/measures/${opened.plan.measures["EDU-1"]}"`);
    expect(local.parts.measures).toContain("L-1");
  });

  it("an approval through the commands shows in the kept sectors section and measures table on another instance", async () => {
    const audit = (actor: Actor) => ({ actor, requestId: "req-parts-kept" });
    const cycleId = await openAnnualCycle(opened.handle.db, audit(opened.coordinator), opened.plan.nationalPlanId);
    const report = await measureReportOf(opened.handle.db, cycleId, opened.plan.measures["EDU-1"]!);
    await completeAndSubmitReport(opened.handle.db, audit(opened.focal), report, [
      { source: "government", amount: "987" },
    ]);
    const before = await strategyPage(opened.otherInstance, opened.slug);
    expect(before.parts.sectors).not.toContain("€987");
    expect(before.parts.measures).not.toContain("€987");
    await approveMeasureReport(opened.handle.db, audit(opened.coordinator), report.id);
    const after = await strategyPage(opened.otherInstance, opened.slug);
    expect(after.parts.sectors).toContain("€987");
    expect(after.parts.measures).toContain("€987");
    expect(after.parts.measures).toContain("Completed");
    expect((await planPage(opened.otherInstance, opened.slug, nationalCode)).parts.measures).toContain("€987");
  });
});

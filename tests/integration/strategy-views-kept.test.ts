import { describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { keptChartCount } from "#app/modules/plans/strategies/strategies.charts.server.ts";
import { moveMeasureToSector } from "../support/plan-instances.ts";
import { planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
// The pages' view models, which the loaders render their long parts from (kept HTML, decision 063).
import { measurePage, planPageView, strategyPageView } from "../support/strategy-pages.ts";

/*
 * Decision 054: the strategy pages keep what they derive from a plan's kept figures (the sectors
 * section with its budget chart, the plan's progress) per generation and language, and every
 * rendered chart by its whole input. What must hold: a write through any path — direct SQL, through
 * another database handle (a second instance) — shows on the next request; two requests at one
 * generation share the kept views and draw no chart again; each language has its own.
 */

const opened = planOnTwoInstancesForFile({
  national: {
    measures: [
      { code: "EDU-1", sector: "education", budget: { government: 1000 }, indicators: [{ unit: "count" }] },
      { code: "HEA-1", sector: "health", budget: { government: 3000 } },
    ],
  },
});

const strategyPage = (db: Db, lang = "en") => strategyPageView(db, opened.slug, { lang });
const strategyPageOfSector = (db: Db, sectorCode: string) =>
  strategyPageView(db, opened.slug, { search: `?sector=${sectorCode}` });
const planPage = (db: Db, lang = "en") => planPageView(db, opened.slug, opened.plan.nationalPlanCode, { lang });

const sector = (page: { sectors: { rows: { code: string; name: string; plannedLabel: string }[] } }, code: string) =>
  page.sectors.rows.find((s) => s.code === code)!;

describe("views kept with the strategy figures", () => {
  it("two requests at one generation share the sectors section and draw no chart again", async () => {
    const first = await strategyPage(opened.otherInstance);
    const charts = keptChartCount();
    const second = await strategyPage(opened.otherInstance);
    expect(second.sectors).toBe(first.sectors);
    expect(second.national?.progress).toBe(first.national?.progress);
    expect(keptChartCount()).toBe(charts);
    expect(first.sectors.chart?.svg).toContain("<svg");
  });

  it("each language has its own sectors section", async () => {
    const en = await strategyPage(opened.otherInstance, "en");
    const sq = await strategyPage(opened.otherInstance, "sq");
    expect(sq.sectors).not.toBe(en.sectors);
    expect(sector(en, "education").name).not.toBe(sector(sq, "education").name);
    expect(sq.sectors.chart?.svg).toContain(sector(sq, "education").name);
    expect(en.sectors.chart?.svg).not.toContain(sector(sq, "education").name);
  });

  it("a budget written directly on one handle shows in the other instance's table and chart at once", async () => {
    const before = await strategyPage(opened.otherInstance);
    const beforePlan = await planPage(opened.otherInstance);
    expect(sector(before, "health").plannedLabel).toBe("€3,000");
    await opened.handle.db
      .updateTable("measure_budget")
      .set({ amount: "250000" })
      .where("measure_id", "=", opened.plan.measures["HEA-1"]!)
      .execute();
    const after = await strategyPage(opened.otherInstance);
    expect(sector(after, "health").plannedLabel).toBe("€250,000");
    expect(after.sectors.totalPlanned).toBe("€251,000");
    // The value axis now reaches 250K: the chart was drawn again from the new figures.
    expect(after.sectors.chart?.svg).not.toBe(before.sectors.chart?.svg);
    expect(after.sectors.chart?.svg).toContain("250K");
    expect(before.sectors.chart?.svg).not.toContain("250K");
    const afterPlan = await planPage(opened.otherInstance);
    expect(sector(afterPlan, "health").plannedLabel).toBe("€250,000");
    expect(afterPlan.sectors.chart?.svg).toBe(after.sectors.chart?.svg);
    expect(afterPlan.sectors.chart?.svg).not.toBe(beforePlan.sectors.chart?.svg);
  });

  it("a sector renamed directly shows in the table, the filter and the chart's legend at once", async () => {
    await strategyPage(opened.otherInstance);
    await opened.handle.db
      .updateTable("sector")
      .set({ name: { en: "Schooling and training", sq: "Shkollimi", sr: "Školovanje" } })
      .where("code", "=", "education")
      .execute();
    const page = await strategyPage(opened.otherInstance);
    expect(sector(page, "education").name).toBe("Schooling and training");
    expect(page.sectorFilter.find((s) => s.code === "education")?.name).toBe("Schooling and training");
    expect(page.sectors.chart?.svg).toContain("Schooling and training");
  });

  it("an indicator's target written directly shows in the measure page's chart at once (charts are kept by their input)", async () => {
    const id = opened.plan.measures["EDU-1"]!;
    const indicatorId = opened.plan.indicators["EDU-1/I1"]!;
    const before = await measurePage(opened.otherInstance, id);
    const chartBefore = before.indicators[0]!.chart!.svg;
    expect(before.indicators[0]!.targets).toEqual([{ year: 2018, label: "10" }]);
    // indicator_target is not among the tables that bump the figures' generation: the chart must
    // still follow, because it is kept by what it draws, not by the generation.
    await opened.handle.db
      .updateTable("indicator_target")
      .set({ value: "4000" })
      .where("indicator_id", "=", indicatorId)
      .execute();
    const after = await measurePage(opened.otherInstance, id);
    expect(after.indicators[0]!.targets).toEqual([{ year: 2018, label: "4,000" }]);
    expect(after.indicators[0]!.chart!.svg).not.toBe(chartBefore);
    expect(after.indicators[0]!.chart!.svg).toContain("4K");
    expect(chartBefore).not.toContain("4K");
  });

  it("a measure moved to another sector directly shows in that sector's measures and objectives at once (decision 059: the plan's index is kept with its figures)", async () => {
    const codes = (page: { measures: { rows: { code: string }[] } }) => page.measures.rows.map((m) => m.code);
    const healthBefore = await strategyPageOfSector(opened.otherInstance, "health");
    expect(codes(healthBefore)).toEqual(["HEA-1"]);
    expect(codes(await strategyPageOfSector(opened.otherInstance, "education"))).toEqual(["EDU-1"]);
    await moveMeasureToSector(opened.handle.db, opened.plan.nationalPlanId, opened.plan.measures["EDU-1"]!, "health");
    const health = await strategyPageOfSector(opened.otherInstance, "health");
    expect(codes(health).sort()).toEqual(["EDU-1", "HEA-1"]);
    expect(health.measures.total).toBe(2);
    expect(health.objectives.length).toBeGreaterThan(healthBefore.objectives.length);
    const education = await strategyPageOfSector(opened.otherInstance, "education");
    expect(codes(education)).toEqual([]);
    expect(education.measures.total).toBe(0);
  });
});

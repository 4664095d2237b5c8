import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import {
  approveMeasureReport,
  completeAndSubmitReport,
  expectRolledBackWriteKeepsFigures,
  figuresGeneration,
  measureReportOf,
  openAnnualCycle,
} from "../support/plan-instances.ts";
import { EDUCATION_AND_HEALTH_PLAN, planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
// The page's view model, which the loader renders its long parts from (kept HTML, decision 063).
import { strategyPageView } from "../support/strategy-pages.ts";

/*
 * The strategy figures are computed once per generation of `strategy_figures_generation` and kept
 * by each process (decision 044). What must hold: a write, through whichever instance, shows on
 * every instance's next request; drafts and submissions (which never show) do not throw the
 * figures away; and only the first request after a write pays one more statement.
 */

const opened = planOnTwoInstancesForFile({ national: EDUCATION_AND_HEALTH_PLAN });

let cycleId = 0;

const audit = (actor: Actor) => ({ actor, requestId: "req-figures-cache" });

const strategyPage = (db: Db) => strategyPageView(db, opened.slug);

async function statementsOf(db: Db): Promise<number> {
  return (await withQueryStats(() => strategyPage(db))).stats.queries;
}

const generation = () => figuresGeneration(opened.handle.db);
const reportOf = (code: string) => measureReportOf(opened.handle.db, cycleId, opened.plan.measures[code]!);

const educationSector = (page: Awaited<ReturnType<typeof strategyPage>>) =>
  page.sectors.rows.find((s) => s.code === "education")!;

beforeAll(async () => {
  cycleId = await openAnnualCycle(opened.handle.db, audit(opened.coordinator), opened.plan.nationalPlanId);
});

describe("strategy figures kept per generation", () => {
  it("drafts and submissions leave the generation as it is: they never show on a public page", async () => {
    expect((await strategyPage(opened.handle.db)).progress).toEqual({ kind: "not_reported" });
    const before = await generation();
    const edu = await reportOf("EDU-1");
    await completeAndSubmitReport(opened.handle.db, audit(opened.focal), edu, [
      { source: "government", amount: "987" },
    ]);
    expect(await generation()).toBe(before);
    expect((await strategyPage(opened.handle.db)).progress).toEqual({ kind: "not_reported" });
  });

  it("an approval through one instance shows on the other's next request, which alone pays one more statement", async () => {
    // Both instances have computed and kept the figures: their requests issue the same statements.
    await strategyPage(opened.otherInstance);
    const kept = await statementsOf(opened.otherInstance);
    expect(await statementsOf(opened.handle.db)).toBe(kept);

    const before = await generation();
    await approveMeasureReport(opened.handle.db, audit(opened.coordinator), (await reportOf("EDU-1")).id);
    expect(await generation()).not.toBe(before);

    const { result: page, stats } = await withQueryStats(() => strategyPage(opened.otherInstance));
    expect(stats.queries).toBe(kept + 1);
    // 1 completed (EDU-1) of 2 measures; by planned budget 1,000 of 4,000.
    expect(page.progress).toMatchObject({
      kind: "reported",
      shareLabel: "50.0%",
      budgetShareLabel: "25.0%",
      cycleLabel: "Annual 2018",
    });
    expect(educationSector(page).spent).toEqual({ kind: "reported", label: "€987", cycleLabel: "Annual 2018" });
    expect(await statementsOf(opened.otherInstance)).toBe(kept);
    expect((await strategyPage(opened.handle.db)).progress).toMatchObject({ kind: "reported", shareLabel: "50.0%" });
  });

  it("a planned budget, an approved report's spending or a cycle's label written directly shows at once", async () => {
    await strategyPage(opened.otherInstance);
    await opened.handle.db
      .updateTable("measure_budget")
      .set({ amount: "9000" })
      .where("measure_id", "=", opened.plan.measures["HEA-1"]!)
      .execute();
    expect((await strategyPage(opened.otherInstance)).progress).toMatchObject({
      kind: "reported",
      budgetShareLabel: "10.0%",
    });

    const edu = await reportOf("EDU-1");
    await opened.handle.db
      .updateTable("measure_spending")
      .set({ amount: "250" })
      .where("measure_report_id", "=", edu.id)
      .execute();
    expect(educationSector(await strategyPage(opened.otherInstance)).spent).toEqual({
      kind: "reported",
      label: "€250",
      cycleLabel: "Annual 2018",
    });

    await opened.handle.db
      .updateTable("reporting_cycle")
      .set({ label: "Year 2018" })
      .where("id", "=", cycleId)
      .execute();
    expect((await strategyPage(opened.otherInstance)).progress).toMatchObject({
      kind: "reported",
      cycleLabel: "Year 2018",
    });
  });

  it("a rolled-back write leaves the kept figures valid and unchanged", async () => {
    await strategyPage(opened.otherInstance);
    await expectRolledBackWriteKeepsFigures(
      opened.handle.db,
      (trx) =>
        trx
          .updateTable("measure_budget")
          .set({ amount: "1" })
          .where("measure_id", "=", opened.plan.measures["HEA-1"]!)
          .execute(),
      () => statementsOf(opened.otherInstance),
    );
    expect((await strategyPage(opened.otherInstance)).progress).toMatchObject({ budgetShareLabel: "10.0%" });
  });

  it("returning an approved report to the institution takes it off the page (the figures are computed again)", async () => {
    await strategyPage(opened.otherInstance);
    const edu = await reportOf("EDU-1");
    await opened.handle.db
      .updateTable("measure_report")
      .set({ review_state: "returned" })
      .where("id", "=", edu.id)
      .execute();
    expect((await strategyPage(opened.otherInstance)).progress).toEqual({ kind: "not_reported" });
  });
});

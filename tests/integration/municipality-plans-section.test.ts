import { describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { loader as municipalityLoader } from "#app/modules/municipalities/routes/municipality-detail.tsx";
import type { Actor } from "#app/services/authorization.ts";
import type { LocalPlansSectionView } from "#app/services/page-sections.ts";
import {
  approveMeasureReport,
  completeAndSubmitReport,
  expectRolledBackWriteKeepsFigures,
  figuresGeneration,
  measureReportOf,
  openAnnualCycle,
} from "../support/plan-instances.ts";
import { planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
import { workspaceContext } from "../support/workspace-actors.ts";

/*
 * The municipality page's local plans section is kept per generation of the strategy figures
 * (decision 058). What must hold: a write to what the section shows — through the commands, through
 * direct SQL, through another instance (its own Kysely object, so its own kept views) — shows on
 * every instance's next request; only the first request after a write pays one more statement;
 * a rolled-back write changes nothing; each language keeps its own view.
 */

const opened = planOnTwoInstancesForFile(
  {
    national: { measures: [{ code: "N-1", sector: "education", budget: { government: 1000 } }] },
    locals: [
      {
        kasCode: "20",
        measures: [
          { code: "L-1", sector: "education", implements: "N-1", budget: { municipality: 1000 } },
          { code: "L-2", sector: "education", implements: "N-1", budget: { municipality: 3000 } },
        ],
      },
    ],
  },
  (built) => built.municipalOfficeIds["20"]!,
);

let cycleId = 0;

const audit = (actor: Actor) => ({ actor, requestId: "req-municipality-section" });

async function page(db: Db, lang = "en") {
  const data = (await municipalityLoader({
    request: new Request(`http://localhost/${lang}/municipalities/20-prizren`),
    params: { lang, municipality: "20-prizren" },
    context: workspaceContext(db, null),
  } as never)) as { sections: LocalPlansSectionView[] };
  return data;
}

/** The community chart and table of the page. */
async function communities(db: Db) {
  return (await page(db)) as unknown as { chart: { svg: string }; communities: { code: string; count: number }[] };
}

/** The section's view of this test's local plan. */
async function ourPlan(db: Db, lang = "en") {
  const section = (await page(db, lang)).sections.find((s) => s.kind === "local-plans")!;
  return section.plans.find((p) => p.id === opened.plan.localPlanIds["20"])!;
}

const measureCodes = (p: Awaited<ReturnType<typeof ourPlan>>) => p.groups.flatMap((g) => g.measures.map((m) => m.code));

async function statementsOf(db: Db): Promise<number> {
  return (await withQueryStats(() => page(db))).stats.queries;
}

const generation = () => figuresGeneration(opened.handle.db);

describe("the municipality page's local plans section, kept per generation", () => {
  it("shows the plan; the next request reuses the kept view and issues one statement fewer than the first", async () => {
    const first = await statementsOf(opened.handle.db);
    const next = await statementsOf(opened.handle.db);
    expect(next).toBe(first - 1);
    expect(await statementsOf(opened.handle.db)).toBe(next);
    const shown = await ourPlan(opened.handle.db);
    expect(measureCodes(shown)).toEqual(["L-1", "L-2"]);
    expect(shown.progress).toEqual({ kind: "not_reported", text: expect.any(String) });
  });

  it("a measure written directly shows on both instances at their next request, which alone pays one more statement", async () => {
    await page(opened.otherInstance);
    const kept = await statementsOf(opened.otherInstance);
    const before = await generation();
    await opened.handle.db
      .updateTable("measure")
      .set({ code: "L-2b" })
      .where("id", "=", opened.plan.measures["20:L-2"]!)
      .execute();
    expect(await generation()).not.toBe(before);
    const { result, stats } = await withQueryStats(() => ourPlan(opened.otherInstance));
    expect(stats.queries).toBe(kept + 1);
    expect(measureCodes(result)).toEqual(["L-1", "L-2b"]);
    expect(await statementsOf(opened.otherInstance)).toBe(kept);
    expect(measureCodes(await ourPlan(opened.handle.db))).toEqual(["L-1", "L-2b"]);
  });

  it("each language keeps its own view, and both follow a write", async () => {
    const en = await ourPlan(opened.handle.db, "en");
    const sq = await ourPlan(opened.handle.db, "sq");
    expect(en.title?.text).not.toBe(sq.title?.text);
    expect((await page(opened.handle.db, "sq")).sections[0]!.heading).not.toBe(
      (await page(opened.handle.db, "en")).sections[0]!.heading,
    );
    await opened.handle.db
      .updateTable("action_plan")
      .set({ title: { en: "Renamed local plan", sq: "Plani i riemëruar" } })
      .where("id", "=", opened.plan.localPlanIds["20"]!)
      .execute();
    expect((await ourPlan(opened.otherInstance, "en")).title?.text).toBe("Renamed local plan");
    expect((await ourPlan(opened.otherInstance, "sq")).title?.text).toBe("Plani i riemëruar");
  });

  it("an approval through the reporting commands on one instance shows on the other's next request", async () => {
    await page(opened.otherInstance);
    cycleId = await openAnnualCycle(opened.handle.db, audit(opened.coordinator), opened.plan.localPlanIds["20"]!);
    const report = await measureReportOf(opened.handle.db, cycleId, opened.plan.measures["20:L-1"]!);
    await completeAndSubmitReport(opened.handle.db, audit(opened.focal), report);
    // Not approved yet: nothing to show.
    expect((await ourPlan(opened.otherInstance)).progress.kind).toBe("not_reported");
    await approveMeasureReport(opened.handle.db, audit(opened.coordinator), report.id);
    expect((await ourPlan(opened.otherInstance)).progress.kind).toBe("reported");
  });

  it("a budget written directly on the other instance shows at once; a rolled-back write changes nothing", async () => {
    await page(opened.handle.db);
    await opened.otherInstance
      .updateTable("measure_budget")
      .set({ amount: "9000" })
      .where("measure_id", "=", opened.plan.measures["20:L-2"]!)
      .execute();
    const after = await ourPlan(opened.handle.db);
    expect(after.groups[0]!.measures.find((m) => m.code === "L-2b")!.plannedLabel).toBe("€9,000");

    await expectRolledBackWriteKeepsFigures(
      opened.handle.db,
      (trx) =>
        trx.updateTable("measure").set({ code: "L-X" }).where("id", "=", opened.plan.measures["20:L-1"]!).execute(),
      () => statementsOf(opened.handle.db),
    );
    expect(measureCodes(await ourPlan(opened.handle.db))).toEqual(["L-1", "L-2b"]);
  });

  it("returning an approved report takes its progress off the page", async () => {
    await page(opened.otherInstance);
    await opened.handle.db
      .updateTable("measure_report")
      .set({ review_state: "returned" })
      .where("cycle_id", "=", cycleId)
      .where("review_state", "=", "approved")
      .execute();
    expect((await ourPlan(opened.otherInstance)).progress.kind).toBe("not_reported");
  });

  it("the communities chart, drawn once per process, follows a census figure written directly on another instance", async () => {
    const before = await communities(opened.handle.db);
    const roma = before.communities.find((c) => c.code === "roma")!;
    expect((await communities(opened.handle.db)).chart.svg).toBe(before.chart.svg);
    await opened.otherInstance
      .updateTable("municipality_population")
      .set({ population: roma.count + 50_000 })
      .where("kas_code", "=", "20")
      .where("community_code", "=", "roma")
      .where("year", "=", 2024)
      .execute();
    const after = await communities(opened.handle.db);
    expect(after.communities.find((c) => c.code === "roma")!.count).toBe(roma.count + 50_000);
    expect(after.chart.svg).not.toBe(before.chart.svg);
  });
});

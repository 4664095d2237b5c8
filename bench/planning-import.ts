/**
 * Benchmark: importing an action plan of 2,000 measures and 6,000 indicators from the XLSX
 * template on PGlite (issue 4: "under 10 s"). Builds the plan as a canonical tree, writes it as
 * the template, then imports it through `importPlanWorkbook` (read, validate every row, write in
 * one transaction, index) into a fresh embedded database, first as a new plan, then again into the
 * same plan (the update path). Prints figures; never passes or fails.
 *
 *   npx tsx bench/planning-import.ts [--measures 2000] [--indicators-per-measure 3] [--runs 2]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { createStrategy } from "#app/modules/plans/planning.commands.server.ts";
import { importPlanWorkbook } from "#app/modules/plans/planning/plan-import.server.ts";
import type { CanonicalPlanTree } from "#app/modules/plans/plan-tree.server.ts";
import { readWorkbook, writePlanWorkbook } from "#app/modules/plans/planning/plan-workbook.server.ts";
import { StrategyCreateSchema } from "#app/modules/plans/planning.schema.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { benchCoordinator } from "./bench-coordinator.ts";

const values = parseBenchArgs({ defaults: { measures: "2000", "indicators-per-measure": "3", runs: "2" } });
const MEASURES = Number(values.measures);
const INDICATORS = Number(values["indicators-per-measure"]);
const RUNS = Number(values.runs);
const SECTORS = ["education", "employment_social_welfare", "health", "housing", "civil_registration"];
const YEARS = [2022, 2023, 2024, 2025, 2026];
const COMMUNITIES = ["roma", "ashkali", "egyptian", "serb", "bosniak", "turkish", "gorani"];

/** A synthetic plan: 5 sectors × 10 objectives, measures spread evenly, 3 indicators each with 5 yearly targets. */
function syntheticPlan(organisations: string[]): CanonicalPlanTree {
  const perObjective = Math.ceil(MEASURES / (SECTORS.length * 10));
  let made = 0;
  return {
    plan: {
      code: "BENCH-NAP",
      kind: "national",
      kasCode: null,
      title: { en: "Benchmark plan", sq: "Plan për matje" },
      periodStartYear: 2022,
      periodEndYear: 2026,
    },
    sectors: SECTORS.map((sectorCode, s) => ({
      sectorCode,
      objectives: Array.from({ length: 10 }, (_, o) => ({
        code: `${s + 1}.${o + 1}`,
        title: { en: `Objective ${s + 1}.${o + 1}`, sq: `Objektivi ${s + 1}.${o + 1}` },
        description: { en: "Synthetic benchmark objective." },
        measures: Array.from({ length: Math.max(0, Math.min(perObjective, MEASURES - made)) }, (_, m) => {
          made += 1;
          const code = `${s + 1}.${o + 1}.${m + 1}`;
          return {
            code,
            title: { en: `Measure ${code}`, sq: `Masa ${code}`, sr: `Mera ${code}` },
            description: { en: `Synthetic measure ${code} of the benchmark plan.` },
            responsible: organisations[made % organisations.length] as string,
            supporting: [
              organisations[(made + 1) % organisations.length] as string,
              organisations[(made + 2) % organisations.length] as string,
            ].sort(),
            startDate: "2022-01-01",
            endDate: "2026-12-31",
            communities: [COMMUNITIES[made % 7] as string, COMMUNITIES[(made + 3) % 7] as string].sort(),
            implements: null,
            budget: YEARS.map((year) => ({
              year,
              source: "government" as const,
              amount: String(1000 + (made % 50) * 100),
            })),
            indicators: Array.from({ length: INDICATORS }, (_, i) => ({
              code: `I${i + 1}`,
              name: { en: `Indicator ${i + 1} of ${code}` },
              unit: "count" as const,
              direction: "increase" as const,
              baselineValue: String(10 + i),
              baselineYear: 2021,
              byCommunity: i === 0,
              byGender: i === 1,
              targets: YEARS.map((year, y) => ({ year, value: String(20 + y * 5 + i) })),
            })),
          };
        }),
      })),
    })),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-planning-"));
  const handle = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(handle.db);
    const organisations = await handle.db
      .selectFrom("organisation")
      .select(["id", "slug"])
      .orderBy("id")
      .limit(40)
      .execute();
    const coordinator = await benchCoordinator(handle.db, "00000000-0000-4000-8000-000000000001", "bench@example.org");
    const audit = { actor: coordinator, requestId: "bench" };
    const strategy = await createStrategy(
      handle.db,
      audit,
      StrategyCreateSchema.parse({
        titleEn: "Benchmark strategy",
        periodStartYear: "2020",
        periodEndYear: "2030",
        ownerOrganisationId: String(organisations[0]?.id),
        status: "draft",
      }),
    );
    if (!strategy.ok) throw new Error(JSON.stringify(strategy));

    const tree = syntheticPlan(organisations.map((o) => o.slug));
    const t0 = performance.now();
    const bytes = await writePlanWorkbook(
      tree,
      { sectors: [], communities: [], organisations: [], municipalities: [] },
      (key) => key,
    );
    const writeMs = performance.now() - t0;
    const rows = tree.sectors.flatMap((s) => s.objectives.flatMap((o) => o.measures));
    const indicatorCount = rows.reduce((n, m) => n + m.indicators.length, 0);
    const t1 = performance.now();
    await readWorkbook(bytes);
    const readMs = performance.now() - t1;
    console.log(
      `planning import: ${rows.length} measures, ${indicatorCount} indicators, ${indicatorCount * YEARS.length} targets, ${rows.length * YEARS.length} budget lines; file ${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
    );
    console.log(`  writing the XLSX template: ${seconds(writeMs)}; reading it alone: ${seconds(readMs)}`);

    let planId: number | null = null;
    let version: number | null = null;
    for (let run = 1; run <= RUNS; run += 1) {
      const start = performance.now();
      const result = await importPlanWorkbook(handle.db, audit, {
        strategyId: strategy.id,
        planId,
        bytes,
        version,
        reason: null,
      });
      const ms = performance.now() - start;
      if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 2000));
      planId = result.planId;
      version = (
        await handle.db.selectFrom("action_plan").select("version").where("id", "=", planId).executeTakeFirstOrThrow()
      ).version;
      console.log(
        `  run ${run} (${run === 1 ? "new plan" : "into the same plan"}): ${seconds(ms)} (read, validate, write in one transaction, index)`,
      );
    }
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

/*
 * Benchmark: compiling the annual report of a reporting cycle with 2,000 measures (a national plan
 * and the local plans of the 38 municipalities), every measure report approved, with indicator
 * values disaggregated by community and gender, spending by source and CSO observations.
 *
 *   npx tsx bench/reporting-report.ts                      # embedded PGlite in memory
 *   npx tsx bench/reporting-report.ts --measures 4000 --runs 3
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/reporting-report.ts   # a scratch PostgreSQL database
 *   npx tsx bench/reporting-report.ts --measures 80 --save /tmp/report   # also write the .docx and .xlsx there
 *
 * Prints the time of each step (load the approved data, build the Word document, build the Excel
 * annex, store both) and the sizes; it reports figures, it never passes or fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import {
  buildAnnualReportDocx,
  buildAnnualReportXlsx,
  compileAnnualReport,
  loadAnnualReportData,
} from "#app/modules/reporting/annual-report.server.ts";
import { openCycle, requestAnnualReport } from "#app/modules/reporting/reporting.commands.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { createRandom } from "./random.ts";

const args = parseBenchArgs({
  defaults: { measures: "2000", runs: "1", seed: "1" },
  optional: ["save"],
});
const MEASURES = Number(args.measures);
const RUNS = Number(args.runs);
const SECTORS = ["education", "employment_social_welfare", "health", "housing", "civil_registration"];
const SOURCES = ["government", "municipality", "donor"] as const;
const COMMUNITIES = ["roma", "ashkali", "egyptian", "serb", "bosniak", "turkish", "gorani"];
const random = createRandom(Number(args.seed));
const BATCH = 1_000;
/** Invented demo lines for the coordination chapter (a coordinator types these in the compile form). */
const COORDINATION =
  "Sector meeting on education with the Ministry of Education and municipal directorates (demo)\nSector meeting on employment and social welfare (demo)\nInformative session on the platform with civil-society organisations (demo)";

async function insertBatches<T extends Record<string, unknown>>(db: Db, table: string, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
}

/** Wall-clock milliseconds of a step, and the CPU milliseconds this process spent in it (the machine may be shared). */
async function time<T>(label: string, work: () => Promise<T>, figures: Record<string, number>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  figures[label] = Math.round(performance.now() - started);
  figures[`${label} (cpu)`] = Math.round((used.user + used.system) / 1000);
  return result;
}

/** A strategy with a national plan and 38 local plans, MEASURES measures in all, written in bulk. */
async function generatePlans(db: Db): Promise<{ nationalPlanId: number }> {
  const orgs = await db.selectFrom("organisation").select(["id", "type_code", "kas_code"]).execute();
  const ministries = orgs.filter((o) => o.type_code === "ministry").map((o) => o.id);
  const offices = new Map(
    orgs.filter((o) => o.type_code === "municipality_office" && o.kas_code).map((o) => [o.kas_code as string, o.id]),
  );
  const municipalities = (await db.selectFrom("municipality").select("kas_code").orderBy("kas_code").execute()).map(
    (m) => m.kas_code,
  );
  const owner = orgs.find((o) => o.type_code === "government_office")?.id ?? ministries[0]!;
  const strategy = await db
    .insertInto("strategy")
    .values({
      slug: `bench-${Date.now()}`,
      title: { en: "Bench strategy", sq: "Strategjia e provës" },
      period_start_year: 2018,
      period_end_year: 2021,
      owner_organisation_id: owner,
      status: "adopted",
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const localPerMunicipality = Math.floor((MEASURES * 0.4) / municipalities.length);
  const nationalCount = MEASURES - localPerMunicipality * municipalities.length;
  let nationalPlanId = 0;
  const nationalMeasureIds: number[] = [];
  for (const kas of [null, ...municipalities]) {
    const plan = await db
      .insertInto("action_plan")
      .values({
        strategy_id: strategy.id,
        kind: kas ? "local" : "national",
        kas_code: kas,
        code: `BENCH-${kas ?? "N"}-${Date.now()}`,
        title: { en: `Action plan ${kas ?? "national"}`, sq: `Plani ${kas ?? "kombëtar"}` },
        period_start_year: 2018,
        period_end_year: 2021,
        status: "adopted",
        is_demo: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!kas) nationalPlanId = plan.id;
    const sectors = await db
      .insertInto("plan_sector")
      .values(SECTORS.map((s, i) => ({ action_plan_id: plan.id, sector_code: s, sort_order: i })))
      .returning(["id"])
      .execute();
    const objectives = await db
      .insertInto("objective")
      .values(
        sectors.map((s, i) => ({
          action_plan_id: plan.id,
          plan_sector_id: s.id,
          code: `O${i + 1}`,
          title: { en: `Objective ${i + 1}: improve access for Roma, Ashkali and Egyptian communities` },
        })),
      )
      .returning("id")
      .execute();
    const count = kas ? localPerMunicipality : nationalCount;
    const measures = await (async () => {
      const rows = Array.from({ length: count }, (_, i) => ({
        action_plan_id: plan.id,
        objective_id: objectives[i % objectives.length]!.id,
        code: `${kas ? `L${kas}` : "N"}-${i + 1}`,
        title: {
          en: `Measure ${i + 1}: support for pupils, families and institutions in the municipality`,
          sq: `Masa ${i + 1}: mbështetje për nxënësit dhe familjet`,
        },
        responsible_organisation_id: kas ? (offices.get(kas) ?? ministries[0]!) : ministries[i % ministries.length]!,
        start_date: "2018-01-01",
        end_date: "2021-12-31",
        implements_measure_id:
          kas && nationalMeasureIds.length ? nationalMeasureIds[random.int(0, nationalMeasureIds.length - 1)]! : null,
        sort_order: i,
        is_demo: true,
      }));
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += BATCH)
        ids.push(
          ...(
            await db
              .insertInto("measure")
              .values(rows.slice(i, i + BATCH))
              .returning("id")
              .execute()
          ).map((r) => r.id),
        );
      return ids;
    })();
    if (!kas) nationalMeasureIds.push(...measures);
    await insertBatches(
      db,
      "measure_budget",
      measures.flatMap((id) =>
        SOURCES.filter(() => random.int(0, 2) > 0).map((source) => ({
          measure_id: id,
          year: 2018,
          source,
          amount: String(random.int(1, 500) * 100),
        })),
      ),
    );
    const indicators = measures.flatMap((id) =>
      [0, 1].map((n) => ({
        measure_id: id,
        code: `I${n + 1}`,
        name: { en: n ? "Share of children enrolled" : "Number of beneficiaries" },
        unit: n ? "percent" : "count",
        direction: "increase",
        baseline_value: "0",
        baseline_year: 2017,
        by_community: n === 0,
        by_gender: n === 0,
        sort_order: n,
      })),
    );
    for (let i = 0; i < indicators.length; i += BATCH) {
      const ids = await db
        .insertInto("indicator")
        .values(indicators.slice(i, i + BATCH) as never)
        .returning("id")
        .execute();
      await db
        .insertInto("indicator_target")
        .values(ids.map((r) => ({ indicator_id: r.id, year: 2018, value: "50" })))
        .execute();
    }
  }
  return { nationalPlanId };
}

/** Fills every measure report of the cycle with figures and approves it, in bulk. */
async function approveEverything(db: Db, cycleId: number): Promise<void> {
  const reports = await db
    .selectFrom("measure_report")
    .select(["id", "measure_id"])
    .where("cycle_id", "=", cycleId)
    .execute();
  await sql`update measure_report set review_state = 'approved', status = (array['completed','in_progress','delayed','not_started','cancelled'])[1 + (id % 5)], achievements = 'Scholarships were paid and 40 mediators worked in schools; enrolment of Roma, Ashkali and Egyptian children rose.', achievements_locale = 'en', challenges = 'Funds were transferred late and some municipalities lacked staff.', challenges_locale = 'en', recommendations = 'Plan the transfers for September.' where cycle_id = ${cycleId}`.execute(
    db,
  );
  // Most institutions submitted before the deadline, one in four after it.
  await sql`update reporting_task set status = 'approved', first_submitted_at = case when id % 4 = 0 then timestamptz '2019-03-12 10:00+01' else timestamptz '2019-02-20 10:00+01' end, submitted_at = case when id % 4 = 0 then timestamptz '2019-03-12 10:00+01' else timestamptz '2019-02-20 10:00+01' end where cycle_id = ${cycleId}`.execute(
    db,
  );
  const indicators = await db
    .selectFrom("indicator")
    .select(["id", "measure_id", "unit"])
    .where("measure_id", "in", db.selectFrom("measure_report").select("measure_id").where("cycle_id", "=", cycleId))
    .execute();
  const reportOf = new Map(reports.map((r) => [r.measure_id, r.id]));
  const values = indicators.flatMap((i) => {
    const report = reportOf.get(i.measure_id)!;
    /** A random value of the indicator between `min` and `max`: the total, or a community's or a gender's. */
    const value = (min: number, max: number, community_code: string | null = null, gender: string | null = null) => ({
      measure_report_id: report,
      indicator_id: i.id,
      community_code,
      gender,
      value: String(random.int(min, max)),
    });
    if (i.unit === "percent") return [value(0, 100)];
    return [
      value(10, 900),
      ...COMMUNITIES.slice(0, 3).map((c) => value(0, 300, c)),
      value(0, 450, null, "female"),
      value(0, 450, null, "male"),
    ];
  });
  await insertBatches(db, "indicator_value", values);
  await insertBatches(
    db,
    "measure_spending",
    reports.flatMap((r) =>
      SOURCES.filter(() => random.int(0, 1) === 1).map((source) => ({
        measure_report_id: r.id,
        source,
        amount: String(random.int(1, 400) * 100),
      })),
    ),
  );
  const cso = await db.selectFrom("organisation").select("id").where("type_code", "=", "cso").executeTakeFirstOrThrow();
  await insertBatches(
    db,
    "cso_observation",
    reports
      .filter((_, i) => i % 20 === 0)
      .map((r, i) => ({
        cycle_id: cycleId,
        measure_id: r.measure_id,
        organisation_id: cso.id,
        kind: (["confirm", "dispute", "comment"] as const)[i % 3],
        body: "Our field visits in the neighbourhood found a different number of pupils attending.",
        body_locale: "en",
      })),
  );
}

async function main(): Promise<void> {
  const handle = process.env.DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL })
    : await openDatabase({ memory: {} });
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cap-bench-report-"));
  try {
    const db = handle.db;
    const setup: Record<string, number> = {};
    await time("migrate", () => migrateToLatest(db), setup);
    const { nationalPlanId } = await time("generate plans", () => generatePlans(db), setup);
    const userId = (
      await db
        .insertInto("app_user")
        .values({ id: crypto.randomUUID(), email: `bench-${Date.now()}@example.org`, name: "Bench coordinator" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const actor: Actor = {
      kind: "user",
      userId,
      name: "Bench coordinator",
      email: "bench@example.org",
      grants: [{ role: "coordinator", organisationId: null, kasCode: null }],
      twoFactorVerified: true,
    };
    const opened = await time(
      "open cycle (command: tasks + measure reports)",
      () =>
        openCycle(
          db,
          { actor, requestId: "bench" },
          {
            actionPlanId: nationalPlanId,
            periodKind: "annual",
            periodStart: "2018-01-01",
            periodEnd: "2018-12-31",
            label: "Annual report 2018",
            deadline: "2019-02-28",
          },
        ),
      setup,
    );
    if (!opened.ok) throw new Error(`The cycle was not opened: ${JSON.stringify(opened.errors)}`);
    await time("fill and approve every report", () => approveEverything(db, opened.cycleId), setup);
    const counts = await sql<{
      measures: number;
      municipalities: number;
      values: number;
      tasks: number;
    }>`select (select count(*) from measure_report where cycle_id = ${opened.cycleId})::int as measures, (select count(distinct kas_code) from reporting_task where cycle_id = ${opened.cycleId} and kas_code is not null)::int as municipalities, (select count(*) from indicator_value)::int as values, (select count(*) from reporting_task where cycle_id = ${opened.cycleId})::int as tasks`.execute(
      db,
    );
    console.log(`Database: ${handle.kind}; cycle with ${JSON.stringify(counts.rows[0])}`);
    console.log("Set-up (ms):", setup);

    const files = createFileStore({ db, root: filesRoot, maxBytes: 500 * 1024 * 1024 });
    for (let run = 1; run <= RUNS; run += 1) {
      const steps: Record<string, number> = {};
      const data = await time(
        "load approved data",
        async () => {
          const { result, stats } = await withQueryStats(() =>
            loadAnnualReportData(db, opened.cycleId, "en", COORDINATION),
          );
          steps.queries = stats.queries;
          return result;
        },
        steps,
      );
      if (!data) throw new Error("no data");
      const docx = await time("build docx", () => buildAnnualReportDocx(data), steps);
      const xlsx = await time("build xlsx", () => buildAnnualReportXlsx(data), steps);
      const requested = await requestAnnualReport(
        db,
        { actor, requestId: "bench" },
        { cycleId: opened.cycleId, locale: "en", coordination: COORDINATION },
      );
      if (!requested.ok) throw new Error("not requested");
      await time(
        "whole job (load + docx + xlsx + store)",
        () => compileAnnualReport(db, files, requested.reportId),
        steps,
      );
      if (args.save) {
        fs.mkdirSync(args.save, { recursive: true });
        fs.writeFileSync(path.join(args.save, "annual-report.docx"), docx);
        fs.writeFileSync(path.join(args.save, "annual-report.xlsx"), xlsx);
      }
      console.log(
        `Run ${run}: ${JSON.stringify(steps)}; docx ${(docx.byteLength / 1024).toFixed(0)} KB, xlsx ${(xlsx.byteLength / 1024).toFixed(0)} KB`,
      );
    }
  } finally {
    await handle.close();
    fs.rmSync(filesRoot, { recursive: true, force: true });
  }
}

await main();

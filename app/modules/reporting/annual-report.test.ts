import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "#app/services/authorization.ts";
import { claimNextJob } from "#app/services/jobs.server.ts";
import {
  approveMeasureReport,
  measureReportOf,
  openAnnualCycle,
  submitReportTask,
} from "../../../tests/support/plan-instances.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser, organisationIdBySlug } from "../../../tests/support/workspace-actors.ts";
import { compileAnnualReport, compileReportHandlers } from "./annual-report.server.ts";
import { setUpReportingTest } from "./annual-report.test-support.ts";
import {
  addObservation,
  COMPILE_REPORT_JOB,
  publishAnnualReport,
  requestAnnualReport,
  saveMeasureReport,
  type PublishToLibrary,
} from "./reporting.commands.server.ts";
import { listDisputes } from "./reporting.queries.server.ts";
import type { MeasureReportFields } from "./reporting.schema.ts";
import { measureReportFields } from "./reporting.test-support.ts";
import { auditEntries } from "../../../tests/support/audit-entries.ts";

type SpendingLine = Parameters<typeof saveMeasureReport>[2]["spending"][number];

const setUp = setUpReportingTest(
  {
    national: {
      measures: [
        {
          code: "EDU-1",
          sector: "education",
          budget: { government: 10000, donor: 5000 },
          indicators: [{ unit: "count", byCommunity: true, byGender: true }],
          communities: ["roma", "ashkali"],
        },
        { code: "HEA-1", sector: "health", budget: { government: 8000 }, indicators: [{ unit: "percent" }] },
        { code: "HOU-1", sector: "housing", budget: { government: 20000 }, indicators: [{ unit: "count" }] },
      ],
    },
    locals: [
      {
        kasCode: "20",
        measures: [
          { code: "PZ-1", implements: "EDU-1", budget: { municipality: 3000 }, indicators: [{ unit: "count" }] },
        ],
      },
    ],
  },
  "req-annual",
);
const { handle, audit } = setUp;
const files = setUpTestFileStore(handle, "cap-annual-");
let cycleId = 0;

const fields = measureReportFields;

const report = (code: string) => measureReportOf(handle.db, cycleId, setUp.plan.measures[code]!);

/**
 * Saves the report of measure `code` as `actor`, with an English narrative, a total for its first indicator and
 * one spending line.
 */
async function saveFirstIndicatorReport(
  actor: Actor,
  code: string,
  status: MeasureReportFields["status"],
  achievements: string,
  value: string,
  spending: SpendingLine,
) {
  const saved = await report(code);
  await saveMeasureReport(handle.db, audit(actor), {
    reportId: saved.id,
    fields: fields(saved.version, { status, achievements, achievementsLocale: "en" }),
    values: [{ indicatorId: setUp.plan.indicators[`${code}/I1`]!, communityCode: null, gender: null, value }],
    spending: [spending],
  });
  return saved;
}

/** Submits a saved report's task as `actor`, then approves the report as the coordinator. */
async function submitAndApprove(actor: Actor, saved: { id: number; task_id: number }) {
  await submitReportTask(handle.db, audit(actor), saved.task_id);
  await approveMeasureReport(handle.db, audit(setUp.coordinator), saved.id);
}

beforeAll(async () => {
  const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: setUp.plan.ministryId }]);
  const officer = await createTestUser(handle.db, [
    { role: "municipal_officer", organisationId: setUp.plan.municipalOfficeIds["20"], kasCode: "20" },
  ]);
  const csoOrg = await organisationIdBySlug(handle.db, "balkan-sunflowers-kosova");
  const cso = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoOrg }]);

  cycleId = await openAnnualCycle(handle.db, audit(setUp.coordinator), setUp.plan.nationalPlanId, "Annual report 2018");

  const edu = await report("EDU-1");
  const eduInd = setUp.plan.indicators["EDU-1/I1"]!;
  await saveMeasureReport(handle.db, audit(focal), {
    reportId: edu.id,
    fields: fields(edu.version, {
      status: "completed",
      achievements: "Scholarships were paid to Roma, Ashkali and Egyptian secondary students.",
      achievementsLocale: "en",
      challenges: "Late transfer of funds.",
      challengesLocale: "en",
      recommendations: "Pay in September.",
    }),
    values: [
      { indicatorId: eduInd, communityCode: null, gender: null, value: "4321" },
      { indicatorId: eduInd, communityCode: "roma", gender: null, value: "2468" },
      { indicatorId: eduInd, communityCode: null, gender: "female", value: "2222" },
    ],
    spending: [{ source: "government", amount: "9876.5" }],
  });
  await saveFirstIndicatorReport(focal, "HEA-1", "in_progress", "UNAPPROVED-NARRATIVE about health mediators", "77.7", {
    source: "government",
    amount: "777777",
  });
  await submitAndApprove(focal, edu);
  // HEA-1 stays submitted (not approved); HOU-1 stays submitted too.

  const local = await saveFirstIndicatorReport(
    officer,
    "20:PZ-1",
    "completed",
    "Prizren enrolled 135 children in pre-school.",
    "135",
    { source: "municipality", amount: "2900" },
  );
  await submitAndApprove(officer, local);

  await addObservation(handle.db, audit(cso), {
    cycleId,
    observation: {
      measureId: setUp.plan.measures["EDU-1"]!,
      kind: "dispute",
      indicatorId: eduInd,
      body: "Field visits found fewer students than reported.",
      bodyLocale: "en",
      evidenceUrl: "https://example.org/visits",
    },
  });
});

async function compiled(locale: "sq" | "sr" | "en") {
  const requested = await requestAnnualReport(handle.db, audit(setUp.coordinator), {
    cycleId,
    locale,
    coordination: "Sector meeting on education, Prishtinë, 12 March 2018\nInformative session with municipalities",
  });
  if (!requested.ok) throw new Error("not requested");
  const result = await compileAnnualReport(
    handle.db,
    files,
    requested.reportId,
    async () => {},
    new Date("2019-03-10T10:00:00Z"),
  );
  const docxFile = await handle.db
    .selectFrom("stored_file")
    .select(["id", "media_type"])
    .where("id", "=", result.docx)
    .executeTakeFirstOrThrow();
  const docx = fs.readFileSync(path.join(files.root, docxFile.id.slice(0, 2), docxFile.id));
  const xlsx = fs.readFileSync(path.join(files.root, result.xlsx.slice(0, 2), result.xlsx));
  return { docx, xlsx, docxFile, reportId: requested.reportId };
}

describe("the annual report", () => {
  it("opens as a Word document with a heading per sector, the tables and only approved figures", async () => {
    const { docx, docxFile } = await compiled("en");
    expect(docxFile.media_type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    const h1 = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((m) => m[1]);
    expect(h1).toEqual([
      "Summary",
      "Budget planned and spent",
      "Coordination and meetings held",
      "Implementation by sector",
      "Local level",
      "Annex: tables per measure",
      "Civil-society observations",
    ]);
    const h2 = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(expect.arrayContaining(["Education", "Health", "Housing", "Prizren"]));
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    // Approved figures are there…
    expect(text).toContain("4,321");
    expect(text).toContain("Roma: 2,468");
    expect(text).toContain("€9,876.50");
    expect(text).toContain("Scholarships were paid");
    expect(text).toContain("Pay in September.");
    expect(text).toContain("Prizren enrolled 135 children");
    expect(text).toContain("Sector meeting on education, Prishtinë, 12 March 2018");
    expect(text).toContain("Disputed by Balkan Sunflowers Kosova: Field visits found fewer students than reported.");
    // …and no unapproved figure or text.
    expect(text).not.toContain("777");
    expect(text).not.toContain("77.7");
    expect(text).not.toContain("UNAPPROVED-NARRATIVE");
    expect(text).toContain("Nothing approved for this sector.");
    // Summary: 2 of 4 reports approved; EDU-1 and PZ-1 completed out of 4 measures.
    expect(text).toContain("2 measure reports were approved out of 4 in this cycle; 2 measures are completed.");
    expect(text).toContain("Share of measures completed: 50.0%");
  });

  it("compiles in Albanian and Serbian with the labels of the catalogs", async () => {
    const sq = await mammoth.extractRawText({ buffer: (await compiled("sq")).docx });
    expect(sq.value).toContain("Përmbledhje");
    expect(sq.value).toContain("Buxheti i planifikuar dhe i shpenzuar");
    expect(sq.value).toContain(new Intl.NumberFormat("sq").format(4321));
    const sr = await mammoth.extractRawText({ buffer: (await compiled("sr")).docx });
    expect(sr.value).toContain("Rezime");
    expect(sr.value).toContain("Lokalni nivo");
    expect(sr.value).not.toContain("777");
  });

  it("has an Excel annex with every approved figure and nothing else", async () => {
    const { xlsx } = await compiled("en");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Measures",
      "Indicators",
      "Spending",
      "Sectors",
      "Observations",
    ]);
    const measures = workbook.getWorksheet("Measures");
    const codes: string[] = [];
    measures?.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(1).value));
    });
    expect(codes.sort()).toEqual(["EDU-1", "PZ-1"]);
    const indicatorValues: unknown[] = [];
    workbook.getWorksheet("Indicators")?.eachRow((row, n) => {
      if (n > 1) indicatorValues.push(row.getCell(7).value);
    });
    expect(indicatorValues).toEqual(expect.arrayContaining([4321, 2468, 2222, 135]));
    expect(indicatorValues).not.toContain(77.7);
  });

  it("runs as a background job with progress, and a second run leaves the report as it is", async () => {
    const requested = await requestAnnualReport(handle.db, audit(setUp.coordinator), {
      cycleId,
      locale: "en",
      coordination: "",
    });
    if (!requested.ok) throw new Error("not requested");
    const handler = compileReportHandlers(handle.db, files)[COMPILE_REPORT_JOB]!;
    const progress: [number, number | null][] = [];
    const contextOf = (job: NonNullable<Awaited<ReturnType<typeof claimNextJob>>>) => ({
      job,
      reportProgress: async (done: number, total: number | null) => void progress.push([done, total]),
      signal: new AbortController().signal,
    });
    // Earlier requests of this file left their jobs queued (already compiled: they return at once); the worker takes the oldest first.
    let job = await claimNextJob(handle.db, "test-worker", [COMPILE_REPORT_JOB]);
    while (job && job.id !== requested.jobId) {
      await handler(contextOf(job));
      job = await claimNextJob(handle.db, "test-worker", [COMPILE_REPORT_JOB]);
    }
    expect(job?.id).toBe(requested.jobId);
    progress.length = 0;
    const context = contextOf(job!);
    const first = (await handler(context)) as { docx: string };
    expect(progress).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    const again = (await handler(context)) as { docx: string };
    expect(again.docx).toBe(first.docx);
  });
});

describe("publishing and disputes", () => {
  it("publishes a compiled report once, through the library's command, with an audit record", async () => {
    const { reportId } = await compiled("en");
    const calls: unknown[] = [];
    const library: PublishToLibrary = async (_trx, _audit, document) => {
      calls.push(document);
      return { documentId: 42 };
    };
    const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: setUp.plan.ministryId }]);
    expect(await publishAnnualReport(handle.db, audit(focal), { reportId }, library)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await publishAnnualReport(handle.db, audit(setUp.coordinator), { reportId }, library)).toEqual({
      ok: true,
      documentId: 42,
      annexDocumentId: null,
    });
    expect(calls).toEqual([expect.objectContaining({ title: "Annual report 2018", locale: "en", cycleId })]);
    expect(await publishAnnualReport(handle.db, audit(setUp.coordinator), { reportId }, library)).toMatchObject({
      ok: false,
      status: 409,
      errors: { form: "reporting:errors.alreadyPublished" },
    });
    const entries = await auditEntries(handle.db, { action: "reporting.annual.publish", subject_id: reportId });
    expect(entries[0]).toBeDefined();
  });

  it("returns the disputes of a cycle and of given measures for the public pages", async () => {
    const byCycle = await listDisputes(handle.db, { cycleId }, "en");
    expect(byCycle).toEqual([
      expect.objectContaining({
        measureCode: "EDU-1",
        indicatorId: setUp.plan.indicators["EDU-1/I1"],
        organisation: "Balkan Sunflowers Kosova",
        evidence: ["https://example.org/visits"],
        cycleLabel: "Annual report 2018",
      }),
    ]);
    expect(await listDisputes(handle.db, { measureIds: [setUp.plan.measures["HEA-1"]!] }, "en")).toEqual([]);
    expect(await listDisputes(handle.db, { measureIds: [setUp.plan.measures["EDU-1"]!] }, "en")).toHaveLength(1);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { compileAnnualReport } from "#app/modules/reporting/annual-report.server.ts";
import { publishToLibrary } from "#app/modules/reporting/publish-to-library.server.ts";
import {
  addObservation,
  publishAnnualReport,
  requestAnnualReport,
  reviewMeasureReport,
  saveMeasureReport,
  submitTask,
} from "#app/modules/reporting/reporting.commands.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createFileStore, type FileStore } from "#app/services/files.server.ts";
import { approveMeasureReport, measureReportOf, openAnnualCycle } from "../support/plan-instances.ts";
import { countRows } from "../support/row-count.ts";
import { planOnTwoInstancesForFile } from "../support/plan-on-two-instances-suite.ts";
import { measurePage as measurePageOf, strategyPageView } from "../support/strategy-pages.ts";
import * as compiledReport from "#app/modules/reporting/routes/compiled-report.tsx";
import {
  createTestUser,
  formRequest,
  organisationIdBySlug,
  outcome,
  workspaceContext,
} from "../support/workspace-actors.ts";
import { measureReportFields } from "#app/modules/reporting/reporting.test-support.ts";

/*
 * The public strategy and measure pages show what reporting approved — and nothing else: a measure
 * report that is submitted or returned never reaches a page, a measure nobody reported on says
 * "not yet reported", a CSO dispute sits next to the official figure, and a published annual
 * report is listed on the strategy page.
 */

const opened = planOnTwoInstancesForFile({
  national: {
    measures: [
      {
        code: "EDU-1",
        sector: "education",
        budget: { government: 1000 },
        indicators: [{ unit: "count", byCommunity: true }],
        communities: ["roma", "ashkali"],
      },
      { code: "HEA-1", sector: "health", budget: { government: 3000 }, indicators: [{ unit: "percent" }] },
      { code: "HOU-1", sector: "housing", budget: { government: 6000 }, indicators: [{ unit: "count" }] },
    ],
  },
});

type User = Extract<Actor, { kind: "user" }>;

let files: FileStore;
let root: string;
let cso: User;
let cycleId = 0;

const audit = (actor: Actor) => ({ actor, requestId: "req-approved-progress" });
const fields = measureReportFields;

// The strategy page's view model, which the loader renders its long parts from (kept HTML, decision 063).
const strategyPage = () => strategyPageView(opened.handle.db, opened.slug);
const measurePage = (code: string) => measurePageOf(opened.handle.db, opened.plan.measures[code]!);

const reportOf = (code: string) => measureReportOf(opened.handle.db, cycleId, opened.plan.measures[code]!);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-approved-"));
  files = createFileStore({ db: opened.handle.db, root, maxBytes: 1024 * 1024 });
  const csoOrg = await organisationIdBySlug(opened.handle.db, "balkan-sunflowers-kosova");
  cso = await createTestUser(opened.handle.db, [{ role: "cso_member", organisationId: csoOrg }]);

  cycleId = await openAnnualCycle(opened.handle.db, audit(opened.coordinator), opened.plan.nationalPlanId);
  // What the focal point writes in each measure's report before submitting them all.
  const reports: {
    code: string;
    fields: Parameters<typeof fields>[1];
    values: Parameters<typeof saveMeasureReport>[2]["values"];
    spending: Parameters<typeof saveMeasureReport>[2]["spending"];
  }[] = [
    {
      code: "EDU-1",
      fields: { status: "completed", achievements: "Approved achievement text", achievementsLocale: "en" },
      values: [
        { indicatorId: opened.plan.indicators["EDU-1/I1"]!, communityCode: null, gender: null, value: "4217" },
        { indicatorId: opened.plan.indicators["EDU-1/I1"]!, communityCode: "roma", gender: null, value: "3109" },
      ],
      spending: [{ source: "government", amount: "987" }],
    },
    {
      code: "HEA-1",
      fields: { status: "in_progress" },
      values: [{ indicatorId: opened.plan.indicators["HEA-1/I1"]!, communityCode: null, gender: null, value: "55" }],
      spending: [{ source: "government", amount: "123" }],
    },
    {
      code: "HOU-1",
      fields: { status: "completed", achievements: "UNAPPROVED housing claim", achievementsLocale: "en" },
      values: [{ indicatorId: opened.plan.indicators["HOU-1/I1"]!, communityCode: null, gender: null, value: "7777" }],
      spending: [{ source: "government", amount: "5555" }],
    },
  ];
  for (const { code, fields: written, values, spending } of reports) {
    const report = await reportOf(code);
    expect(
      await saveMeasureReport(opened.handle.db, audit(opened.focal), {
        reportId: report.id,
        fields: fields(report.version, written),
        values,
        spending,
      }),
    ).toMatchObject({ ok: true });
  }
  const task = await opened.handle.db
    .selectFrom("reporting_task")
    .select(["id", "version"])
    .where("cycle_id", "=", cycleId)
    .executeTakeFirstOrThrow();
  expect(
    await submitTask(opened.handle.db, audit(opened.focal), { taskId: task.id, version: task.version }),
  ).toMatchObject({
    ok: true,
    submitted: 3,
  });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Requests the cycle's annual report in `locale` as the coordinator and compiles it at `compiledAt`: its id. */
async function compiledAnnualReport(
  locale: Parameters<typeof requestAnnualReport>[2]["locale"],
  compiledAt: string,
): Promise<number> {
  const requested = await requestAnnualReport(opened.handle.db, audit(opened.coordinator), {
    cycleId,
    locale,
    coordination: "",
  });
  if (!requested.ok) throw new Error("not requested");
  await compileAnnualReport(opened.handle.db, files, requested.reportId, async () => {}, new Date(compiledAt));
  return requested.reportId;
}

/** Everything a page returns, as text: no unapproved figure may appear anywhere in it. */
const asText = (value: unknown) => JSON.stringify(value);

describe("before the coordinator approves anything", () => {
  it("submitted figures never show: every page says 'not yet reported'", async () => {
    const page = await strategyPage();
    expect(page.progress).toEqual({ kind: "not_reported" });
    expect(page.sectors.rows.map((s) => s.progress.kind)).toEqual(["not_reported", "not_reported", "not_reported"]);
    expect(page.measures.rows.map((m) => m.status.kind)).toEqual(["not_reported", "not_reported", "not_reported"]);
    const edu = await measurePage("EDU-1");
    expect(edu.status).toEqual({ kind: "not_reported" });
    expect(edu.budget.spent).toEqual({ kind: "not_reported" });
    expect(edu.indicators[0]?.actuals).toEqual({ kind: "not_reported" });
    // The cycle is listed in the history, without any of the submitted content.
    expect(edu.history).toEqual([
      expect.objectContaining({
        cycleLabel: "Annual 2018",
        status: { kind: "not_reported" },
        spent: { kind: "not_reported" },
        achievements: null,
      }),
    ]);
    for (const text of [asText(page), asText(edu)]) {
      for (const secret of ["4,217", "4217", "3,109", "987", "Approved achievement text"])
        expect(text).not.toContain(secret);
    }
  });
});

describe("after approving one report and returning another", () => {
  beforeAll(async () => {
    for (const code of ["EDU-1", "HEA-1"])
      await approveMeasureReport(opened.handle.db, audit(opened.coordinator), (await reportOf(code)).id);
    const hou = await reportOf("HOU-1");
    expect(
      await reviewMeasureReport(opened.handle.db, audit(opened.coordinator), {
        reportId: hou.id,
        version: hou.version,
        decision: "return",
        comment: "Please attach the municipal decision.",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await addObservation(opened.handle.db, audit(cso), {
        cycleId,
        observation: {
          measureId: opened.plan.measures["EDU-1"]!,
          kind: "dispute",
          indicatorId: opened.plan.indicators["EDU-1/I1"]!,
          body: "Our field visits counted far fewer Roma pupils.",
          bodyLocale: "en",
          evidenceUrl: "https://example.org/field-visits",
        },
      }),
    ).toMatchObject({ ok: true });
  });

  it("the strategy page shows the approved progress, plain and budget-weighted, and 'not yet reported' for the rest", async () => {
    const page = await strategyPage();
    // 1 completed (EDU-1) of 3 measures; by planned budget 1,000 of 10,000.
    expect(page.progress).toMatchObject({
      kind: "reported",
      shareLabel: "33.3%",
      budgetShareLabel: "10.0%",
      completed: 1,
      counted: 3,
      cycleLabel: "Annual 2018",
    });
    const sector = (code: string) => page.sectors.rows.find((s) => s.code === code)!;
    expect(sector("education").progress).toMatchObject({ kind: "reported", shareLabel: "100.0%" });
    expect(sector("education").spent).toEqual({ kind: "reported", label: "€987", cycleLabel: "Annual 2018" });
    expect(sector("health").progress).toMatchObject({ kind: "reported", shareLabel: "0.0%" });
    expect(sector("housing").progress).toEqual({ kind: "not_reported" });
    expect(sector("housing").spent).toEqual({ kind: "not_reported" });
    const status = Object.fromEntries(page.measures.rows.map((m) => [m.code, m.status]));
    expect(status).toEqual({
      "EDU-1": { kind: "reported", status: "completed", cycleLabel: "Annual 2018" },
      "HEA-1": { kind: "reported", status: "in_progress", cycleLabel: "Annual 2018" },
      "HOU-1": { kind: "not_reported" },
    });
    // The returned report's figures never show.
    for (const secret of ["5,555", "5555", "7,777", "UNAPPROVED"]) expect(asText(page)).not.toContain(secret);
  });

  it("the measure page shows the approved status, spending, indicator values by community, the history and the dispute", async () => {
    const edu = await measurePage("EDU-1");
    expect(edu.status).toEqual({ kind: "reported", status: "completed", cycleLabel: "Annual 2018" });
    expect(edu.budget.spent).toMatchObject({ kind: "reported", label: "€987" });
    const indicator = edu.indicators[0]!;
    expect(indicator.actuals.kind).toBe("reported");
    if (indicator.actuals.kind === "reported") {
      expect(indicator.actuals.rows).toEqual(
        expect.arrayContaining([
          { year: 2018, community: null, gender: null, label: "4,217" },
          { year: 2018, community: expect.stringMatching(/Roma/), gender: null, label: "3,109" },
        ]),
      );
    }
    expect(indicator.chart?.svg).toContain("Roma");
    expect(edu.history).toEqual([
      expect.objectContaining({
        cycleLabel: "Annual 2018",
        status: { kind: "reported", status: "completed", cycleLabel: "Annual 2018" },
        achievements: { text: "Approved achievement text", lang: "en" },
      }),
    ]);
    expect(edu.disputes).toEqual([
      expect.objectContaining({
        organisation: "Balkan Sunflowers Kosova",
        cycleLabel: "Annual 2018",
        body: "Our field visits counted far fewer Roma pupils.",
        lang: "en",
        evidence: ["https://example.org/field-visits"],
        indicator: expect.stringContaining("I1"),
      }),
    ]);
  });

  it("the returned measure stays 'not yet reported' on its page, with none of its content", async () => {
    const hou = await measurePage("HOU-1");
    expect(hou.status).toEqual({ kind: "not_reported" });
    expect(hou.budget.spent).toEqual({ kind: "not_reported" });
    expect(hou.indicators[0]?.actuals).toEqual({ kind: "not_reported" });
    expect(hou.history).toEqual([expect.objectContaining({ status: { kind: "not_reported" }, achievements: null })]);
    expect(hou.disputes).toEqual([]);
    for (const secret of ["5,555", "5555", "7,777", "7777", "UNAPPROVED"]) expect(asText(hou)).not.toContain(secret);
  });

  it("the pages still run a constant number of queries with approved data", async () => {
    const { stats: strategy } = await withQueryStats(() => strategyPage());
    const { stats: measure } = await withQueryStats(() => measurePage("EDU-1"));
    expect(strategy.queries).toBeLessThanOrEqual(6);
    expect(measure.queries).toBeLessThanOrEqual(6);
  });
});

describe("publishing the compiled report", () => {
  it("makes it a public library report linked to the measures, listed on the strategy page", async () => {
    expect((await strategyPage()).reports).toEqual([]);
    const reportId = await compiledAnnualReport("en", "2019-03-10T10:00:00Z");
    const published = await publishAnnualReport(
      opened.handle.db,
      audit(opened.coordinator),
      { reportId },
      publishToLibrary,
    );
    expect(published).toMatchObject({ ok: true });
    if (!published.ok) return;
    const document = await opened.handle.db
      .selectFrom("library_document")
      .select(["id", "slug", "doc_type", "status", "title"])
      .where("id", "=", Number(published.documentId))
      .executeTakeFirstOrThrow();
    expect(document).toMatchObject({ doc_type: "report", status: "published" });
    const linked = await opened.handle.db
      .selectFrom("library_document_measure")
      .select("measure_id")
      .where("document_id", "=", document.id)
      .orderBy("measure_id")
      .execute();
    expect(linked.map((l) => l.measure_id)).toEqual(
      [opened.plan.measures["EDU-1"], opened.plan.measures["HEA-1"], opened.plan.measures["HOU-1"]].sort(
        (a, b) => a! - b!,
      ),
    );
    expect(
      await countRows(opened.handle.db, "search_entry", { kind: "document", ref_id: String(document.id) }),
    ).toBeGreaterThan(0);
    const audits = await opened.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("request_id", "=", "req-approved-progress")
      .where("action", "in", ["document.publish", "reporting.annual.publish"])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      "document.publish",
      "document.publish",
      "reporting.annual.publish",
    ]);
    // The Excel annex is published beside it: a second library report with the .xlsx as its file, the same links.
    const compiled = await opened.handle.db
      .selectFrom("reporting_report")
      .select(["docx_file_id", "xlsx_file_id"])
      .where("id", "=", reportId)
      .executeTakeFirstOrThrow();
    const versions = await opened.handle.db
      .selectFrom("library_document_file")
      .select(["document_id", "file_id", "locale"])
      .where("file_id", "in", [compiled.docx_file_id!, compiled.xlsx_file_id!])
      .orderBy("id")
      .execute();
    expect(versions).toEqual([
      { document_id: document.id, file_id: compiled.docx_file_id, locale: "en" },
      { document_id: expect.any(Number), file_id: compiled.xlsx_file_id, locale: "en" },
    ]);
    const annexId = versions[1]!.document_id;
    expect(annexId).not.toBe(document.id);
    expect(published).toMatchObject({ annexDocumentId: annexId });
    const annex = await opened.handle.db
      .selectFrom("library_document")
      .select(["doc_type", "status", "title"])
      .where("id", "=", annexId)
      .executeTakeFirstOrThrow();
    expect(annex).toMatchObject({
      doc_type: "report",
      status: "published",
      title: { en: expect.stringMatching(/^Excel annex: Annual implementation report/) },
    });
    const annexLinked = await opened.handle.db
      .selectFrom("library_document_measure")
      .select("measure_id")
      .where("document_id", "=", annexId)
      .orderBy("measure_id")
      .execute();
    expect(annexLinked).toEqual(linked);
    const page = await strategyPage();
    // The report first, then its annex (published in the same transaction).
    expect(page.reports).toEqual([
      expect.objectContaining({
        href: `/en/library/${document.slug}`,
        title: expect.objectContaining({ text: expect.stringContaining("Annual 2018") }),
      }),
      expect.objectContaining({ title: expect.objectContaining({ text: expect.stringMatching(/^Excel annex:/) }) }),
    ]);
  });
});

describe("the publish form on the compiled report page (a plain POST, JavaScript off)", () => {
  type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
  const run = (handler: unknown, actor: User, request: Request, reportId: number) =>
    outcome(
      (handler as Handler)({
        request,
        params: { lang: "en", reportId: String(reportId) },
        context: workspaceContext(opened.handle.db, actor),
      }),
    );

  it("refuses a focal point, publishes for the coordinator with a redirect, then shows the library link and refuses a second publication", async () => {
    const reportId = await compiledAnnualReport("sq", "2019-03-11T10:00:00Z");
    const path = `/en/workspace/reporting/compiled/${reportId}`;
    expect(
      (await run(compiledReport.action, opened.focal, formRequest(path, { intent: "publish" }), reportId)).status,
    ).toBe(403);
    const before = await run(
      compiledReport.loader,
      opened.coordinator,
      new Request(`http://localhost${path}`),
      reportId,
    );
    expect(before.data).toMatchObject({ canPublish: true, report: { publishedText: null, libraryHref: null } });
    const done = await run(
      compiledReport.action,
      opened.coordinator,
      formRequest(path, { intent: "publish" }),
      reportId,
    );
    expect(done).toMatchObject({ status: 302, location: `${path}?published=1` });
    const after = await run(
      compiledReport.loader,
      opened.coordinator,
      new Request(`http://localhost${path}?published=1`),
      reportId,
    );
    expect(after.data).toMatchObject({
      published: true,
      report: { publishedText: expect.any(String), libraryHref: expect.stringMatching(/^\/en\/library\//) },
    });
    const again = await run(
      compiledReport.action,
      opened.coordinator,
      formRequest(path, { intent: "publish" }),
      reportId,
    );
    expect(again).toMatchObject({ status: 409, data: { errors: { form: "reporting:errors.alreadyPublished" } } });
    expect((await strategyPage()).reports).toHaveLength(4); // two reports, each with its Excel annex
  });
});

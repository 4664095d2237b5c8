import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { createTestUser, organisationIdBySlug } from "../../../tests/support/workspace-actors.ts";
import {
  addObservation,
  closeCycle,
  openCycle,
  reviewMeasureReport,
  saveMeasureReport,
  submitTask,
} from "./reporting.commands.server.ts";
import { computeOnTimeRates, computeStrategyProgress } from "./rollup.server.ts";
import type { MeasureReportFields } from "./reporting.schema.ts";
import { measureReportFields } from "./reporting.test-support.ts";
import { countRows } from "../../../tests/support/row-count.ts";
import { auditEntry } from "../../../tests/support/audit-entries.ts";
import { rowsWhere } from "../../../tests/support/table-rows.ts";

type User = Extract<Actor, { kind: "user" }>;
let handle: DatabaseHandle;
let plan: BuiltPlan;
let coordinator: User;
let focal: User;
let officer: User;
let cso: User;
let csoOrg: number;

const audit = (actor: Actor) => ({ actor, requestId: "req-test" });
const fields = (version: number, overrides: Partial<MeasureReportFields> = {}) =>
  measureReportFields(version, { achievements: "Achieved <b>much</b>", achievementsLocale: "en", ...overrides });

beforeAll(async () => {
  handle = await createTestDatabase();
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        {
          code: "M1",
          sector: "education",
          budget: { government: 1000 },
          indicators: [{ unit: "count", byCommunity: true, byGender: true }],
        },
        { code: "M2", sector: "health", budget: { government: 3000 }, indicators: [{ unit: "percent" }] },
      ],
    },
    locals: [{ kasCode: "20", measures: [{ code: "L1", implements: "M2", budget: { municipality: 500 } }] }],
  });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: plan.ministryId }]);
  officer = await createTestUser(handle.db, [
    { role: "municipal_officer", organisationId: plan.municipalOfficeIds["20"], kasCode: "20" },
  ]);
  csoOrg = await organisationIdBySlug(handle.db, "balkan-sunflowers-kosova");
  cso = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoOrg }]);
});
afterAll(() => handle.close());

async function reportOf(cycleId: number, measureId: number) {
  return handle.db
    .selectFrom("measure_report")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("measure_id", "=", measureId)
    .executeTakeFirstOrThrow();
}

type SaveInput = Parameters<typeof saveMeasureReport>[2];

/** Saves the form of a report as `actor`, with the figures and spending given (none by default). */
function saveReport(
  actor: Actor,
  reportId: number,
  form: MeasureReportFields,
  values: SaveInput["values"] = [],
  spending: SaveInput["spending"] = [],
) {
  return saveMeasureReport(handle.db, audit(actor), { reportId, fields: form, values, spending });
}

/** The figure of M2's one indicator, as the form sends it. */
const m2Figure = (value: string) => [
  { indicatorId: plan.indicators["M2/I1"]!, communityCode: null, gender: null, value },
];

/** The review of the report on measure `code` in a cycle, at its current version, by `actor`. */
async function reviewReport(actor: Actor, cycleId: number, code: string, decision: "approve" | "return", comment = "") {
  const report = await reportOf(cycleId, plan.measures[code]!);
  return reviewMeasureReport(handle.db, audit(actor), {
    reportId: report.id,
    decision,
    comment,
    version: report.version,
  });
}

describe("a reporting cycle", () => {
  let cycleId = 0;

  it("is opened only by coordinators, with one task per institution, in one audited transaction", async () => {
    const input = {
      actionPlanId: plan.nationalPlanId,
      periodKind: "annual" as const,
      periodStart: "2018-01-01",
      periodEnd: "2018-12-31",
      label: "Annual 2018",
      deadline: "2019-02-28",
    };
    expect(await openCycle(handle.db, audit(focal), input)).toMatchObject({ ok: false, status: 403 });
    const result = await openCycle(handle.db, audit(coordinator), input);
    expect(result).toMatchObject({ ok: true, tasks: 2, measures: 3 });
    if (!result.ok) return;
    cycleId = result.cycleId;
    const tasks = await handle.db
      .selectFrom("reporting_task")
      .select(["organisation_id", "kas_code", "status"])
      .where("cycle_id", "=", cycleId)
      .orderBy("organisation_id")
      .execute();
    expect(tasks).toEqual(
      expect.arrayContaining([
        { organisation_id: plan.ministryId, kas_code: null, status: "draft" },
        { organisation_id: plan.municipalOfficeIds["20"], kas_code: "20", status: "draft" },
      ]),
    );
    const entry = await auditEntry(handle.db, { action: "reporting.cycle.open" });
    expect(entry.subject_id).toBe(String(cycleId));
  });

  it("refuses a cycle whose period no measure overlaps, and writes nothing", async () => {
    const before = await countRows(handle.db, "reporting_cycle");
    const result = await openCycle(handle.db, audit(coordinator), {
      actionPlanId: plan.nationalPlanId,
      periodKind: "annual",
      periodStart: "2030-01-01",
      periodEnd: "2030-12-31",
      label: "2030",
      deadline: "2031-01-31",
    });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { periodStart: "reporting:errors.noMeasures" } });
    expect(await countRows(handle.db, "reporting_cycle")).toBe(before);
  });

  it("lets only the institution's focal point save drafts", async () => {
    const report = await reportOf(cycleId, plan.measures.M1!);
    for (const actor of [officer, coordinator])
      expect(await saveReport(actor, report.id, fields(report.version))).toMatchObject({ ok: false, status: 403 });
    const saved = await saveReport(
      focal,
      report.id,
      fields(report.version, { status: "completed" }),
      [
        { indicatorId: plan.indicators["M1/I1"]!, communityCode: null, gender: null, value: "42" },
        { indicatorId: plan.indicators["M1/I1"]!, communityCode: "roma", gender: null, value: "30" },
      ],
      [{ source: "government", amount: "900" }],
    );
    expect(saved).toEqual({ ok: true, version: report.version + 1 });
  });

  it("refuses the second of two concurrent saves with 409 and overwrites nothing", async () => {
    const report = await reportOf(cycleId, plan.measures.M2!);
    const loadedVersion = report.version;
    const first = await saveReport(
      focal,
      report.id,
      fields(loadedVersion, { achievements: "First editor's text" }),
      m2Figure("55"),
    );
    expect(first.ok).toBe(true);
    const second = await saveReport(
      focal,
      report.id,
      fields(loadedVersion, { achievements: "Second editor's text" }),
      m2Figure("99"),
    );
    expect(second).toEqual({ ok: false, status: 409, errors: { form: "reporting:errors.editedByOthers" } });
    const stored = await reportOf(cycleId, plan.measures.M2!);
    expect(stored.achievements).toBe("First editor's text");
    const values = await handle.db
      .selectFrom("indicator_value")
      .select("value")
      .where("measure_report_id", "=", report.id)
      .execute();
    expect(values.map((v) => Number(v.value))).toEqual([55]);
  });

  it("of two saves sent at the same moment from the same version, exactly one wins", async () => {
    const report = await reportOf(cycleId, plan.measures.M2!);
    const results = await Promise.all(
      ["Editor A", "Editor B"].map((text) =>
        saveReport(focal, report.id, fields(report.version, { achievements: text })),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, status: 409, errors: { form: "reporting:errors.editedByOthers" } },
    ]);
    const stored = await reportOf(cycleId, plan.measures.M2!);
    expect(stored.version).toBe(report.version + 1);
    expect(["Editor A", "Editor B"]).toContain(stored.achievements);
    // Put back the first editor's content for the tests that follow.
    expect(
      (
        await saveReport(
          focal,
          report.id,
          fields(stored.version, { achievements: "First editor's text" }),
          m2Figure("55"),
        )
      ).ok,
    ).toBe(true);
  });

  it("submits the whole task, locks it, and keeps a version of every report", async () => {
    const task = await handle.db
      .selectFrom("reporting_task")
      .selectAll()
      .where("cycle_id", "=", cycleId)
      .where("organisation_id", "=", plan.ministryId)
      .executeTakeFirstOrThrow();
    expect(await submitTask(handle.db, audit(officer), { taskId: task.id, version: task.version })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await submitTask(handle.db, audit(focal), { taskId: task.id, version: task.version })).toEqual({
      ok: true,
      submitted: 2,
    });
    const report = await reportOf(cycleId, plan.measures.M1!);
    expect(report.review_state).toBe("submitted");
    expect(await saveReport(focal, report.id, fields(report.version))).toMatchObject({
      ok: false,
      status: 409,
      errors: { form: "reporting:errors.locked_submitted" },
    });
    const versions = await rowsWhere(handle.db, "measure_report_version", ["event", "snapshot"], {
      measure_report_id: report.id,
    });
    expect(versions).toHaveLength(1);
    expect(versions[0]?.snapshot).toMatchObject({
      status: "completed",
      values: expect.arrayContaining([expect.objectContaining({ value: "42.0000" })]),
    });
  });

  it("returns an item with a comment (the focal point is e-mailed), then approves the corrected one", async () => {
    const m2 = await reportOf(cycleId, plan.measures.M2!);
    expect(await reviewReport(focal, cycleId, "M2", "approve")).toMatchObject({ ok: false, status: 403 });
    expect(await reviewReport(coordinator, cycleId, "M2", "return", "Please give the source.")).toEqual({
      ok: true,
      taskStatus: "returned",
    });
    const [mail] = await rowsWhere(handle.db, "mail_outbox", ["to_address", "text_body"], { to_address: focal.email });
    expect(mail?.text_body).toContain("Please give the source.");
    const returned = await reportOf(cycleId, plan.measures.M2!);
    const fixed = await saveReport(
      focal,
      returned.id,
      fields(returned.version, { status: "delayed", challenges: "Source added", challengesLocale: "en" }),
    );
    expect(fixed.ok).toBe(true);
    const task = await handle.db
      .selectFrom("reporting_task")
      .selectAll()
      .where("id", "=", returned.task_id)
      .executeTakeFirstOrThrow();
    expect(await submitTask(handle.db, audit(focal), { taskId: task.id, version: task.version })).toEqual({
      ok: true,
      submitted: 1,
    });
    expect((await reviewReport(coordinator, cycleId, "M1", "approve")).ok).toBe(true);
    expect(await reviewReport(coordinator, cycleId, "M2", "approve")).toEqual({ ok: true, taskStatus: "approved" });
    const history = await handle.db
      .selectFrom("measure_report_version")
      .select(["event"])
      .where("measure_report_id", "=", m2.id)
      .orderBy("id")
      .execute();
    expect(history.map((h) => h.event)).toEqual(["submitted", "returned", "submitted", "approved"]);
  });

  it("rolls progress up from approved data only", async () => {
    const progress = await computeStrategyProgress(handle.db, plan.strategyId);
    // M1 completed (approved), M2 delayed (approved), L1 not approved: 1 of 3 measures completed.
    expect(progress.strategy).toMatchObject({ measures: 3, reported: 2, completed: 1, share: 1 / 3 });
    expect(progress.strategy.weightedShare).toBeCloseTo(1000 / 4500);
    expect(progress.measures.get(plan.measures.M2!)).toMatchObject({
      status: "delayed",
      completed: false,
      local: { implementing: 1, reported: 0, completed: 0 },
    });
    expect(progress.sectors.get("health")?.share).toBe(0);
    expect(progress.plans.get(plan.localPlanIds["20"]!)?.share).toBeNull();
  });

  it("takes CSO observations; a dispute needs evidence", async () => {
    const base = {
      measureId: plan.measures.M1!,
      kind: "dispute" as const,
      indicatorId: plan.indicators["M1/I1"],
      body: "Only 20 children enrolled",
      bodyLocale: "en" as const,
      evidenceUrl: "",
    };
    expect(await addObservation(handle.db, audit(focal), { cycleId, observation: base })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await addObservation(handle.db, audit(cso), { cycleId, observation: base })).toMatchObject({
      ok: false,
      status: 400,
      errors: { evidenceUrl: "reporting:errors.disputeNeedsEvidence" },
    });
    const ok = await addObservation(handle.db, audit(cso), {
      cycleId,
      observation: { ...base, evidenceUrl: "https://example.org/field-visit" },
    });
    expect(ok.ok).toBe(true);
  });

  it("closes; then nothing more is filled in, and the on-time rate counts first submissions", async () => {
    const cycle = await handle.db
      .selectFrom("reporting_cycle")
      .selectAll()
      .where("id", "=", cycleId)
      .executeTakeFirstOrThrow();
    expect((await closeCycle(handle.db, audit(coordinator), { cycleId, version: cycle.version })).ok).toBe(true);
    const l1 = await reportOf(cycleId, plan.measures["20:L1"]!);
    expect(await saveReport(officer, l1.id, fields(l1.version))).toMatchObject({
      ok: false,
      status: 409,
      errors: { form: "reporting:errors.cycleClosed" },
    });
    const rates = await computeOnTimeRates(
      handle.db,
      { strategyId: plan.strategyId },
      new Date("2019-03-15T00:00:00Z"),
    );
    const ministry = rates.find((r) => r.organisationId === plan.ministryId);
    const municipality = rates.find((r) => r.kasCode === "20");
    // The ministry's first submission was "now" (after the 2018 deadline): late. The municipality never submitted.
    expect(ministry).toMatchObject({ due: 1, onTime: 0, rate: 0 });
    expect(municipality).toMatchObject({ due: 1, onTime: 0, rate: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import * as board from "#app/modules/reporting/routes/cycle-board.tsx";
import * as cycleNew from "#app/modules/reporting/routes/cycle-new.tsx";
import * as measureReport from "#app/modules/reporting/routes/measure-report.tsx";
import * as observations from "#app/modules/reporting/routes/observations.tsx";
import * as index from "#app/modules/reporting/routes/reporting-index.tsx";
import * as task from "#app/modules/reporting/routes/task.tsx";
import { taskProviders } from "#app/modules.server.ts";
import { loadWorkspaceTasks } from "#app/modules/workspace/workspace-tasks.server.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { measureReportOf } from "../../../tests/support/plan-instances.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import {
  createTestUser,
  formRequest,
  organisationIdBySlug,
  workspaceContext,
} from "../../../tests/support/workspace-actors.ts";
import { expectFormRefused } from "../../../tests/support/route-harness.ts";
import type { SignedInActor } from "../../../tests/support/signed-in-actor.ts";
import { callRoute } from "../../../tests/support/route-call.ts";

let handle: DatabaseHandle;
let plan: BuiltPlan;
let coordinator: SignedInActor;
let focal: SignedInActor;
let otherFocal: SignedInActor;
let cso: SignedInActor;
let cycleId = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        {
          code: "E1",
          sector: "education",
          budget: { government: 2000, donor: 500 },
          indicators: [{ unit: "count", byCommunity: true, byGender: true }, { unit: "percent" }, { unit: "amount" }],
          communities: ["roma", "ashkali", "egyptian"],
        },
        { code: "H1", sector: "health", budget: { government: 1000 } },
      ],
    },
  });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: plan.ministryId }]);
  const otherMinistry = await organisationIdBySlug(handle.db, "ministry-of-health");
  otherFocal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: otherMinistry }]);
  const csoOrg = await organisationIdBySlug(handle.db, "balkan-sunflowers-kosova");
  cso = await createTestUser(handle.db, [{ role: "cso_member", organisationId: csoOrg }]);
});
afterAll(() => handle.close());

function call(handler: unknown, actor: SignedInActor | null, request: Request, params: Record<string, string>) {
  return callRoute(handler, request, params, workspaceContext(handle.db, actor));
}
const get = (handler: unknown, actor: SignedInActor | null, path: string, params: Record<string, string>) =>
  call(handler, actor, new Request(`http://localhost${path}`), { lang: "en", ...params });
const post = (
  handler: unknown,
  actor: SignedInActor | null,
  path: string,
  params: Record<string, string>,
  fields: Record<string, string>,
) => call(handler, actor, formRequest(path, fields), { lang: "en", ...params });

const reportId = (code: string) => measureReportOf(handle.db, cycleId, plan.measures[code]!);

/** Posts the form of the page of report `id` as `actor`. */
const postReport = (actor: SignedInActor, id: number, fields: Record<string, string>) =>
  post(measureReport.action, actor, `/en/workspace/reporting/reports/${id}`, { reportId: String(id) }, fields);
/** The coordinator's review of a report (`reportId`'s row) from its page, as `actor`. */
const postReview = (actor: SignedInActor, report: { id: number; version: number }, decision: string, comment = "") =>
  postReport(actor, report.id, { intent: "review", version: String(report.version), decision, comment });
/** Submits a task from its page as `actor`, at the version given. */
const submitTaskForm = (actor: SignedInActor, t: { id: number; version: number }) =>
  post(
    task.action,
    actor,
    `/en/workspace/reporting/tasks/${t.id}`,
    { taskId: String(t.id) },
    { version: String(t.version) },
  );
/** The view model of the page of report `id`, as `actor` sees it. */
const openReport = async (actor: SignedInActor, id: number) =>
  (await get(measureReport.loader, actor, `/en/workspace/reporting/reports/${id}`, { reportId: String(id) }))
    .data as Awaited<ReturnType<typeof measureReport.loader>>;
/** The view model of the cycle's board, as `actor` sees it. */
const openBoard = async (actor: SignedInActor) =>
  (await get(board.loader, actor, `/en/workspace/reporting/cycles/${cycleId}`, { cycleId: String(cycleId) }))
    .data as Awaited<ReturnType<typeof board.loader>>;

describe("opening a cycle (no JavaScript: plain POSTs)", () => {
  it("refuses a focal point (403) and keeps the values with messages per field on bad input (400)", async () => {
    expect((await get(cycleNew.loader, focal, "/en/workspace/reporting/cycles/new", {})).status).toBe(403);
    const bad = await post(
      cycleNew.action,
      coordinator,
      "/en/workspace/reporting/cycles/new",
      {},
      {
        actionPlanId: "",
        periodKind: "annual",
        periodStart: "2018-01-01",
        periodEnd: "2017-01-01",
        label: "",
        deadline: "tomorrow",
      },
    );
    expectFormRefused(bad, {
      errors: {
        actionPlanId: "reporting:errors.planRequired",
        label: "reporting:errors.labelRequired",
        deadline: "reporting:errors.dateInvalid",
      },
      values: { periodStart: "2018-01-01" },
    });
  });

  it("opens the cycle and redirects to its board, which lists the institution's task", async () => {
    const result = await post(
      cycleNew.action,
      coordinator,
      "/en/workspace/reporting/cycles/new",
      {},
      {
        actionPlanId: String(plan.nationalPlanId),
        periodKind: "annual",
        periodStart: "2018-01-01",
        periodEnd: "2018-12-31",
        label: "Annual 2018",
        deadline: "2019-02-28",
      },
    );
    expect(result.status).toBe(302);
    cycleId = Number(/cycles\/(\d+)/.exec(result.location ?? "")?.[1]);
    const page = await openBoard(coordinator);
    expect(page.tasks).toHaveLength(1);
    expect(page.tasks[0]).toMatchObject({
      organisationId: plan.ministryId,
      status: "draft",
      measures: 2,
      isOverdue: true,
      onTimeText: "0.0% (0/1)",
    });
    expect(page.progress.shareText).toBeNull();
  });
});

describe("the focal point's task", () => {
  it("is listed for them and on their dashboard, and hidden from another ministry", async () => {
    const mine = (await get(index.loader, focal, "/en/workspace/reporting", {})).data as Awaited<
      ReturnType<typeof index.loader>
    >;
    expect(mine.tasks.map((t) => t.cycleLabel)).toEqual(["Annual 2018"]);
    const dashboard = await loadWorkspaceTasks(handle.db, focal, await taskProviders());
    expect(dashboard.find((t) => t.key.startsWith("reporting.task:"))).toMatchObject({
      titleKey: "reporting:tasks.reportDue",
      params: { count: 2 },
      severity: "urgent",
    });
    const taskId = mine.tasks[0]!.id;
    expect(
      (await get(task.loader, otherFocal, `/en/workspace/reporting/tasks/${taskId}`, { taskId: String(taskId) }))
        .status,
    ).toBe(404);
  });

  it("refuses values contradicting the indicator at the field, and writes nothing", async () => {
    const { id, version } = await reportId("E1");
    const count = plan.indicators["E1/I1"]!;
    const percent = plan.indicators["E1/I2"]!;
    const amount = plan.indicators["E1/I3"]!;
    const result = await postReport(focal, id, {
      intent: "save",
      version: String(version),
      status: "in_progress",
      achievements: "Text kept after the error",
      achievementsLocale: "en",
      [`ind-${count}`]: "twelve",
      [`ind-${count}-c-roma`]: "-3",
      [`ind-${count}-g-female`]: "2.5",
      [`ind-${percent}`]: "120",
      [`ind-${amount}`]: "-50",
      "spent-government": "-1",
    });
    expectFormRefused(result, {
      errors: {
        [`ind-${count}`]: "reporting:errors.notANumber",
        [`ind-${count}-c-roma`]: "reporting:errors.countNegative",
        [`ind-${count}-g-female`]: "reporting:errors.countNotWhole",
        [`ind-${percent}`]: "reporting:errors.percentAbove100",
        [`ind-${amount}`]: "reporting:errors.amountNegative",
        "spent-government": "reporting:errors.amountNegative",
      },
      values: { achievements: "Text kept after the error", [`ind-${count}`]: "twelve" },
    });
    const stored = await handle.db
      .selectFrom("measure_report")
      .select(["version", "achievements"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ version, achievements: "" });
  });

  it("saves a draft with disaggregated values, and refuses a second save from a stale form with 409", async () => {
    const { id, version } = await reportId("E1");
    const count = plan.indicators["E1/I1"]!;
    const fields = {
      intent: "save",
      version: String(version),
      status: "completed",
      achievements: "120 Roma, Ashkali and Egyptian children enrolled",
      achievementsLocale: "en",
      [`ind-${count}`]: "120",
      [`ind-${count}-c-roma`]: "70",
      [`ind-${count}-g-female`]: "61",
      "spent-government": "1800,50",
    };
    const first = await postReport(focal, id, fields);
    expect(first).toMatchObject({ status: 302, location: `/en/workspace/reporting/reports/${id}?saved=draft` });
    const second = await postReport(focal, id, {
      ...fields,
      achievements: "Overwrite attempt",
      [`ind-${count}`]: "999",
    });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({
      errors: { form: "reporting:errors.editedByOthers" },
      values: { achievements: "Overwrite attempt" },
    });
    const page = await openReport(focal, id);
    expect(page.report.achievements).toBe("120 Roma, Ashkali and Egyptian children enrolled");
    expect(page.indicators[0]?.values).toEqual({
      [`ind-${count}`]: "120",
      [`ind-${count}-c-roma`]: "70",
      [`ind-${count}-g-female`]: "61",
    });
    expect(page.indicators[0]?.communities).toEqual(["roma", "ashkali", "egyptian"]);
    expect(page.budget.find((b) => b.source === "government")).toMatchObject({
      spent: "1800.5",
      plannedText: "€2,000.00",
    });
    expect(page.canEdit).toBe(true);
  });

  it("submits the whole task; the report is then read-only for the focal point and reviewable for the coordinator", async () => {
    const t = await handle.db
      .selectFrom("reporting_task")
      .select(["id", "version"])
      .where("cycle_id", "=", cycleId)
      .executeTakeFirstOrThrow();
    const result = await submitTaskForm(focal, t);
    expect(result).toMatchObject({ status: 302, location: `/en/workspace/reporting/tasks/${t.id}?saved=submitted` });
    const again = await submitTaskForm(focal, t);
    expect(again.status).toBe(409);
    const { id } = await reportId("E1");
    const asFocal = await openReport(focal, id);
    expect(asFocal).toMatchObject({ canEdit: false, canReview: false });
    const asCoordinator = await openReport(coordinator, id);
    expect(asCoordinator).toMatchObject({ canEdit: false, canReview: true });
    expect(asCoordinator.versions).toHaveLength(1);
  });

  it("lets the coordinator return with a required comment, then approve", async () => {
    const h1 = await reportId("H1");
    const noComment = await postReview(coordinator, h1, "return");
    expect(noComment).toMatchObject({ status: 400, data: { errors: { comment: "reporting:errors.commentRequired" } } });
    const returned = await postReview(coordinator, h1, "return", "Status missing");
    expect(returned.status).toBe(302);
    const e1 = await reportId("E1");
    expect((await postReview(focal, e1, "approve")).status).toBe(403);
    expect((await postReview(coordinator, e1, "approve")).status).toBe(302);
    const page = await openBoard(coordinator);
    expect(page.tasks[0]).toMatchObject({
      status: "returned",
      byState: { approved: 1, returned: 1, submitted: 0, draft: 0 },
      byStateLabel: { approved: "1", returned: "1", submitted: "0", draft: "0" },
      measuresLabel: "2",
    });
    expect(page.progress).toMatchObject({ shareText: "50.0%", completed: "1", measures: "2" });
    const dashboard = await loadWorkspaceTasks(handle.db, focal, await taskProviders());
    expect(dashboard.find((t) => t.key.startsWith("reporting.task:"))).toMatchObject({
      titleKey: "reporting:tasks.reportReturned",
    });
  });
});

describe("CSO observations", () => {
  it("a dispute without evidence is refused at the field; with a link it is listed", async () => {
    const path = `/en/workspace/reporting/cycles/${cycleId}/observations`;
    const fields = {
      measureId: String(plan.measures.E1),
      kind: "dispute",
      indicatorId: String(plan.indicators["E1/I1"]),
      body: "We counted 40 children, not 120.",
      bodyLocale: "en",
      evidenceUrl: "",
    };
    expect((await post(observations.action, focal, path, { cycleId: String(cycleId) }, fields)).status).toBe(403);
    const refused = await post(observations.action, cso, path, { cycleId: String(cycleId) }, fields);
    expect(refused).toMatchObject({
      status: 400,
      data: {
        errors: { evidenceUrl: "reporting:errors.disputeNeedsEvidence" },
        values: { body: "We counted 40 children, not 120." },
      },
    });
    const added = await post(
      observations.action,
      cso,
      path,
      { cycleId: String(cycleId) },
      { ...fields, evidenceUrl: "https://example.org/field-notes.pdf" },
    );
    expect(added.status).toBe(302);
    const page = (await get(observations.loader, cso, path, { cycleId: String(cycleId) })).data as Awaited<
      ReturnType<typeof observations.loader>
    >;
    expect(page.observations[0]).toMatchObject({
      kind: "dispute",
      measureCode: "E1",
      evidence: ["https://example.org/field-notes.pdf"],
    });
  });
});

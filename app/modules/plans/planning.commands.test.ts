import { describe, expect, it } from "vitest";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import {
  adoptPlan,
  closePlan,
  createPlan,
  removeMeasure,
  updateMeasure,
  updatePlan,
} from "./planning.commands.server.ts";
import { loadCanonicalPlanTree, loadPlanTree } from "./plan-tree.server.ts";
import { MeasureSchema, PlanCreateSchema, PlanUpdateSchema } from "./planning.schema.ts";
import {
  buildSamplePlan,
  coordinatorAudit,
  expectOk,
  MINISTRY,
  organisationIds,
  setUpDatabasePerTest,
} from "./planning.test-fixtures.ts";
import { countRows } from "../../../tests/support/row-count.ts";
import { auditActions } from "../../../tests/support/audit-entries.ts";

describe("planning commands", () => {
  const handle = setUpDatabasePerTest();
  const coordinator = () => coordinatorAudit(handle.db);

  it("builds a plan with every level, audited, and loads it back as a canonical tree", async () => {
    const audit = await coordinator();
    const { planId } = await buildSamplePlan(handle.db, audit);
    const tree = await loadCanonicalPlanTree(handle.db, planId);
    expect(tree?.sectors.map((s) => s.sectorCode)).toEqual(["education", "housing"]);
    const m1 = tree?.sectors[0]?.objectives[0]?.measures[0];
    expect(m1?.code).toBe("1.1.1");
    expect(m1?.supporting).toEqual([
      "municipal-office-for-communities-and-returns-prizren",
      "office-for-community-affairs",
    ]);
    expect(m1?.communities).toEqual(["ashkali", "roma"]);
    expect(m1?.budget).toEqual([
      { year: 2022, source: "government", amount: "15000" },
      { year: 2023, source: "donor", amount: "2500.5" },
    ]);
    expect(m1?.indicators.map((i) => [i.code, i.targets])).toEqual([
      [
        "I1",
        [
          { year: 2022, value: "150" },
          { year: 2023, value: "200" },
        ],
      ],
      ["I2", [{ year: 2024, value: "47.5" }]],
    ]);
    const actions = await auditActions(handle.db, { actor_user_id: audit.actor.userId });
    expect(actions).toEqual(
      expect.arrayContaining([
        "strategy.create",
        "plan.create",
        "plan.sector.add",
        "plan.objective.create",
        "plan.measure.create",
        "plan.indicator.create",
      ]),
    );
  });

  it("adopting writes revision 1; an edit of the adopted plan needs a reason and writes the next revision with it and its author", async () => {
    const audit = await coordinator();
    const { planId, measureIds, version } = await buildSamplePlan(handle.db, audit);
    expectOk(await adoptPlan(handle.db, audit, planId, { version }));
    const first = await handle.db
      .selectFrom("action_plan_revision")
      .selectAll()
      .where("action_plan_id", "=", planId)
      .execute();
    expect(first.map((r) => [r.revision, r.reason])).toEqual([[1, "adopted"]]);
    expect(first[0]?.snapshot).toEqual(await loadCanonicalPlanTree(handle.db, planId));

    const orgs = await organisationIds(handle.db, [MINISTRY]);
    const tree = await loadPlanTree(handle.db, planId);
    const objectiveId = tree?.sectors[0]?.objectives[0]?.id as number;
    /** The measure renamed and given to the ministry, with the reason for the change to an adopted plan, if any. */
    const renameMeasure = (reason?: { reason: string }) =>
      updateMeasure(
        handle.db,
        audit,
        planId,
        measureIds[1] as number,
        MeasureSchema.parse({
          objectiveId: String(objectiveId),
          code: "1.1.2",
          titleEn: "Renamed",
          responsibleOrganisationId: String(orgs[MINISTRY]),
          startDate: "2023-03-01",
          endDate: "2026-06-30",
          version: String(version + 1),
          ...reason,
        }),
      );
    const noReason = await renameMeasure();
    expect(noReason).toEqual({ ok: false, status: 400, errors: { reason: "planning:errors.reasonRequired" } });

    expectOk(await renameMeasure({ reason: "Ministry took over" }));
    const revisions = await handle.db
      .selectFrom("action_plan_revision")
      .selectAll()
      .where("action_plan_id", "=", planId)
      .orderBy("revision")
      .execute();
    expect(revisions.map((r) => [r.revision, r.reason, r.created_by])).toEqual([
      [1, "adopted", audit.actor.userId],
      [2, "Ministry took over", audit.actor.userId],
    ]);
    expect(revisions[1]?.snapshot).toEqual(await loadCanonicalPlanTree(handle.db, planId));
    const renamed = JSON.stringify(revisions[1]?.snapshot);
    expect(renamed).toContain("Renamed");
    expect(JSON.stringify(revisions[0]?.snapshot)).not.toContain("Renamed");
    const plan = await handle.db
      .selectFrom("action_plan")
      .select(["revision", "status"])
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({ revision: 2, status: "adopted" });
  });

  it("answers 409 to an edit made from a stale version, and writes nothing", async () => {
    const audit = await coordinator();
    const { planId, version } = await buildSamplePlan(handle.db, audit);
    expectOk(
      await updatePlan(
        handle.db,
        audit,
        planId,
        PlanUpdateSchema.parse({
          titleEn: "First",
          periodStartYear: "2022",
          periodEndYear: "2026",
          version: String(version),
        }),
      ),
    );
    const stale = await updatePlan(
      handle.db,
      audit,
      planId,
      PlanUpdateSchema.parse({
        titleEn: "Second",
        periodStartYear: "2022",
        periodEndYear: "2026",
        version: String(version),
      }),
    );
    expect(stale).toEqual({ ok: false, status: 409, errors: { form: "planning:errors.editedByOthers" } });
    const tree = await loadCanonicalPlanTree(handle.db, planId);
    expect(tree?.plan.title).toEqual({ en: "First" });
  });

  it("lets a municipal officer edit their municipality's local plan and refuses another municipality's", async () => {
    const audit = await coordinator();
    const { strategyId } = await buildSamplePlan(handle.db, audit);
    /** A local plan 2022–2025 of the strategy, created by `who`. */
    const createLocalPlan = (who: Parameters<typeof createPlan>[1], kasCode: string, code: string, titleSq: string) =>
      createPlan(
        handle.db,
        who,
        strategyId,
        PlanCreateSchema.parse({
          kind: "local",
          kasCode,
          code,
          titleSq,
          periodStartYear: "2022",
          periodEndYear: "2025",
        }),
      );
    const prizren = expectOk(await createLocalPlan(audit, "20", "LAP-PZ", "Plani lokal i Prizrenit"));
    const gjakova = expectOk(await createLocalPlan(audit, "04", "LAP-GJ", "Plani lokal i Gjakovës"));
    const officer = {
      actor: await createTestUser(handle.db, [{ role: "municipal_officer", kasCode: "20" }]),
      requestId: "test",
    };
    expectOk(
      await updatePlan(
        handle.db,
        officer,
        prizren.id,
        PlanUpdateSchema.parse({
          titleSq: "Plani lokal i Prizrenit 2022–2025",
          periodStartYear: "2022",
          periodEndYear: "2025",
          version: "1",
        }),
      ),
    );
    const refused = await updatePlan(
      handle.db,
      officer,
      gjakova.id,
      PlanUpdateSchema.parse({ titleSq: "Hijacked", periodStartYear: "2022", periodEndYear: "2025", version: "1" }),
    );
    expect(refused).toMatchObject({ ok: false, status: 403 });
    const title = await handle.db
      .selectFrom("action_plan")
      .select("title")
      .where("id", "=", gjakova.id)
      .executeTakeFirstOrThrow();
    expect(title.title).toEqual({ sq: "Plani lokal i Gjakovës" });
    expect(await createLocalPlan(officer, "20", "LAP-X", "x")).toMatchObject({ ok: false, status: 403 });
  });

  it("writes nothing when a check fails half-way (a measure outside the plan period)", async () => {
    const audit = await coordinator();
    const { planId, version } = await buildSamplePlan(handle.db, audit);
    const before = await loadCanonicalPlanTree(handle.db, planId);
    const auditCount = await countRows(handle.db, "audit_log");
    const tree = await loadPlanTree(handle.db, planId);
    const orgs = await organisationIds(handle.db, [MINISTRY]);
    const result = await updateMeasure(
      handle.db,
      audit,
      planId,
      tree?.sectors[0]?.objectives[0]?.measures[0]?.id as number,
      MeasureSchema.parse({
        objectiveId: String(tree?.sectors[0]?.objectives[0]?.id),
        code: "1.1.1",
        titleEn: "x",
        responsibleOrganisationId: String(orgs[MINISTRY]),
        startDate: "2020-01-01",
        endDate: "2030-01-01",
        "budget-2031-donor": "5",
        version: String(version),
      }),
    );
    expect(result).toEqual({
      ok: false,
      status: 400,
      errors: {
        startDate: "planning:errors.outsidePeriod",
        endDate: "planning:errors.outsidePeriod",
        "budget-2031-donor": "planning:errors.outsidePeriod",
      },
    });
    expect(await loadCanonicalPlanTree(handle.db, planId)).toEqual(before);
    expect(await countRows(handle.db, "audit_log")).toBe(auditCount);
    const plan = await handle.db
      .selectFrom("action_plan")
      .select("version")
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    expect(plan.version).toBe(version);
  });

  it("closes an adopted plan with a reason; a closed plan cannot be edited", async () => {
    const audit = await coordinator();
    const { planId, measureIds, version } = await buildSamplePlan(handle.db, audit);
    expectOk(await adoptPlan(handle.db, audit, planId, { version }));
    expect(await closePlan(handle.db, audit, planId, { version: version + 1, reason: null })).toMatchObject({
      ok: false,
      status: 400,
      errors: { reason: "planning:errors.reasonRequired" },
    });
    expectOk(await closePlan(handle.db, audit, planId, { version: version + 1, reason: "Period ended" }));
    expect(
      await removeMeasure(handle.db, audit, planId, measureIds[0] as number, { version: version + 2, reason: "late" }),
    ).toMatchObject({ ok: false, status: 403 });
  });
});

import { describe, expect, it, vi } from "vitest";
import type { AuditContext } from "#app/services/audit.server.ts";
import { refuse, type Trx } from "#app/services/commands.server.ts";
import {
  addPlanSector,
  adoptPlan,
  changePlan,
  removeMeasure,
  updateObjective,
  type LockedPlan,
  type PlanChange,
  type PlanChangeAction,
} from "./planning.commands.server.ts";
import { loadCanonicalPlanTree, loadPlanTree } from "./plan-tree.server.ts";
import { ObjectiveSchema } from "./planning.schema.ts";
import { buildSamplePlan, coordinatorAudit, expectOk, setUpDatabasePerTest } from "./planning.test-fixtures.ts";

/*
 * `changePlan`, the skeleton of every command that changes a plan's contents: the plan locked and
 * checked, the kind's write, its audit record, the version, the revision of an adopted plan — or,
 * on a refusal, nothing at all.
 */
describe("changePlan (the plan-change command skeleton)", () => {
  const handle = setUpDatabasePerTest();
  const coordinator = () => coordinatorAudit(handle.db);

  async function samplePlan() {
    const audit = await coordinator();
    const sample = await buildSamplePlan(handle.db, audit);
    const tree = await loadPlanTree(handle.db, sample.planId);
    const objective = tree?.sectors[0]?.objectives[0];
    if (!objective) throw new Error("the sample plan has an objective");
    return { audit, ...sample, objective };
  }

  function lastAuditRecord() {
    return handle.db
      .selectFrom("audit_log")
      .select(["action", "subject_type", "subject_id", "diff", "organisation_id"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
  }

  function planRow(planId: number) {
    return handle.db
      .selectFrom("action_plan")
      .select(["version", "revision"])
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
  }

  /** Runs `write` through `changePlan` on a sample plan as its coordinator, at the plan's version unless `input` says otherwise. */
  function change<T extends { id: number }>(
    sample: { audit: AuditContext; planId: number; version: number },
    action: PlanChangeAction,
    write: (trx: Trx, plan: LockedPlan) => Promise<PlanChange<T>>,
    input: { version: number; reason: string | null } = { version: sample.version, reason: null },
  ) {
    return changePlan(handle.db, sample.audit, sample.planId, input, action, write);
  }

  function objectiveCode(objectiveId: number) {
    return handle.db
      .selectFrom("objective")
      .select("code")
      .where("id", "=", objectiveId)
      .executeTakeFirstOrThrow()
      .then((r) => r.code);
  }

  it("runs the write on the locked plan, audits it on the item with the state before and after, and moves the version on", async () => {
    const sample = await samplePlan();
    const { planId, version, objective } = sample;
    const result = await change(sample, "plan.objective.update", async (trx, plan) => {
      expect(plan).toMatchObject({ id: planId, version, status: "draft" });
      await trx.updateTable("objective").set({ code: "9.9" }).where("id", "=", objective.id).execute();
      return { result: { id: objective.id, extra: "kept" }, before: { code: "1.1" }, after: { code: "9.9" } };
    });
    expect(result).toEqual({ ok: true, id: objective.id, extra: "kept" });
    expect(await objectiveCode(objective.id)).toBe("9.9");
    expect(await lastAuditRecord()).toEqual({
      action: "plan.objective.update",
      subject_type: "objective",
      subject_id: String(objective.id),
      diff: { code: { before: "1.1", after: "9.9" } },
      organisation_id: null,
    });
    expect(await planRow(planId)).toEqual({ version: version + 1, revision: 0 });
  });

  it("audits a change of the plan's own fields or sectors on the plan itself, whatever the result's id", async () => {
    const sample = await samplePlan();
    const result = await change(sample, "plan.sector.add", async () => ({
      result: { id: 123_456 },
      after: { sector: "health" },
    }));
    expect(result).toEqual({ ok: true, id: 123_456 });
    expect(await lastAuditRecord()).toMatchObject({
      action: "plan.sector.add",
      subject_type: "action_plan",
      subject_id: String(sample.planId),
      diff: { sector: { before: null, after: "health" } },
    });
  });

  it("rolls everything back when the write refuses: no change, no audit record, the same version", async () => {
    const sample = await samplePlan();
    const { planId, version, objective } = sample;
    const before = await lastAuditRecord();
    const result = await change(sample, "plan.objective.update", async (trx) => {
      await trx.updateTable("objective").set({ code: "9.9" }).where("id", "=", objective.id).execute();
      return refuse({ ok: false, status: 400, errors: { code: "planning:errors.codeTaken" } });
    });
    expect(result).toEqual({ ok: false, status: 400, errors: { code: "planning:errors.codeTaken" } });
    expect(await objectiveCode(objective.id)).toBe("1.1");
    expect(await lastAuditRecord()).toEqual(before);
    expect(await planRow(planId)).toEqual({ version, revision: 0 });
  });

  it("refuses before the write: a stale version (409), an adopted plan changed without a reason (400), an unknown plan (404)", async () => {
    const sample = await samplePlan();
    const { audit, planId, version } = sample;
    const write = vi.fn(async () => ({ result: { id: 1 } }));
    const stale = await change(sample, "plan.update", write, { version: version - 1, reason: null });
    expect(stale).toEqual({ ok: false, status: 409, errors: { form: "planning:errors.editedByOthers" } });
    expectOk(await adoptPlan(handle.db, audit, planId, { version }));
    const noReason = await change(sample, "plan.update", write, { version: version + 1, reason: null });
    expect(noReason).toEqual({ ok: false, status: 400, errors: { reason: "planning:errors.reasonRequired" } });
    const unknown = await change({ ...sample, planId: planId + 1000 }, "plan.update", write);
    expect(unknown).toEqual({ ok: false, status: 404, errors: { form: "planning:errors.notFound" } });
    expect(write).not.toHaveBeenCalled();
  });

  it("on an adopted plan, adds the reason to the audit record and writes the next revision with it", async () => {
    const sample = await samplePlan();
    const { audit, planId, version, objective } = sample;
    expectOk(await adoptPlan(handle.db, audit, planId, { version }));
    const renumber = async (trx: Trx) => {
      await trx.updateTable("objective").set({ code: "9.9" }).where("id", "=", objective.id).execute();
      return { result: { id: objective.id }, before: { code: "1.1" }, after: { code: "9.9" } };
    };
    expectOk(await change(sample, "plan.objective.update", renumber, { version: version + 1, reason: "Renumbered" }));
    expect((await lastAuditRecord()).diff).toEqual({
      code: { before: "1.1", after: "9.9" },
      reason: { before: null, after: "Renumbered" },
    });
    expect(await planRow(planId)).toEqual({ version: version + 2, revision: 2 });
    const revision = await handle.db
      .selectFrom("action_plan_revision")
      .select(["reason", "snapshot"])
      .where("action_plan_id", "=", planId)
      .where("revision", "=", 2)
      .executeTakeFirstOrThrow();
    expect(revision.reason).toBe("Renumbered");
    expect(revision.snapshot).toEqual(await loadCanonicalPlanTree(handle.db, planId));
  });

  it("is what the objective, measure and sector commands are audited through", async () => {
    const { audit, planId, version, objective, measureIds } = await samplePlan();
    expectOk(
      await updateObjective(
        handle.db,
        audit,
        planId,
        objective.id,
        ObjectiveSchema.parse({
          planSectorId: String(objective.planSectorId),
          code: "1.9",
          titleEn: "Renamed",
          version,
        }),
      ),
    );
    expect(await lastAuditRecord()).toMatchObject({
      action: "plan.objective.update",
      subject_type: "objective",
      subject_id: String(objective.id),
      diff: { code: { before: "1.1", after: "1.9" } },
    });
    expectOk(
      await removeMeasure(handle.db, audit, planId, measureIds[2] as number, { version: version + 1, reason: null }),
    );
    expect(await lastAuditRecord()).toMatchObject({
      action: "plan.measure.remove",
      subject_type: "measure",
      subject_id: String(measureIds[2]),
      diff: { code: { before: "2.1.1", after: null } },
    });
    const sector = expectOk(
      await addPlanSector(handle.db, audit, planId, { sectorCode: "health", version: version + 2, reason: null }),
    );
    expect(sector.id).not.toBe(planId);
    expect(await lastAuditRecord()).toMatchObject({
      action: "plan.sector.add",
      subject_type: "action_plan",
      subject_id: String(planId),
      diff: { sector: { before: null, after: "health" } },
    });
  });
});

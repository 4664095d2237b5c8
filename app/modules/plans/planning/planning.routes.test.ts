import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import { startJobWorker, type JobHandler } from "#app/services/jobs.server.ts";
import pino from "pino";
import { createTestApp } from "../../../../tests/support/test-app.ts";
import { setUpTestDatabase } from "../../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../../tests/support/test-file-store.ts";
import {
  createTestUser,
  formRequest,
  organisationIdBySlug,
  workspaceContext,
} from "../../../../tests/support/workspace-actors.ts";
import { adoptPlan } from "../planning.commands.server.ts";
import { BACKGROUND_IMPORT_BYTES, planImportHandlers, PLAN_IMPORT_JOB } from "./plan-import-job.server.ts";
import { loadCanonicalPlanTree, loadPlanTree, type CanonicalPlanTree } from "../plan-tree.server.ts";
import { writePlanWorkbook } from "./plan-workbook.server.ts";
import { buildSamplePlanAsCoordinator, expectOk, MINISTRY, type SamplePlan } from "../planning.test-fixtures.ts";
import * as importProgress from "./routes/import-progress.tsx";
import * as myMeasures from "./routes/my-measures.tsx";
import * as planDetail from "./routes/plan-detail.tsx";
import * as plansIndex from "./routes/plans-index.tsx";
import * as strategyDetail from "./routes/strategy-detail.tsx";
import { expectFormRefused } from "../../../../tests/support/route-harness.ts";
import type { SignedInActor } from "../../../../tests/support/signed-in-actor.ts";
import { callRoute } from "../../../../tests/support/route-call.ts";

const handle = setUpTestDatabase();
let coordinator: SignedInActor;
let sample: SamplePlan;
const files = setUpTestFileStore(handle, "cap-planning-files-", 20 * 1024 * 1024);

beforeAll(async () => {
  ({ coordinator, sample } = await buildSamplePlanAsCoordinator(handle.db));
});

function context(actor: SignedInActor | null) {
  return {
    ...workspaceContext(handle.db, actor),
    files,
  };
}
function call(handler: unknown, actor: SignedInActor | null, request: Request, params: Record<string, string>) {
  return callRoute(handler, request, params, context(actor));
}

describe("planning pages", () => {
  it("sends the public to sign in, refuses donors, lists plans for coordinators", async () => {
    expect(
      (await call(plansIndex.loader, null, new Request("http://localhost/en/workspace/plans"), { lang: "en" })).status,
    ).toBe(302);
    const donor = await createTestUser(handle.db, [{ role: "donor", organisationId: 1 }]);
    expect(
      (await call(plansIndex.loader, donor, new Request("http://localhost/en/workspace/plans"), { lang: "en" })).status,
    ).toBe(403);
    const page = (
      await call(plansIndex.loader, coordinator, new Request("http://localhost/en/workspace/plans"), { lang: "en" })
    ).data as Awaited<ReturnType<typeof plansIndex.loader>>;
    expect(page.strategies.flatMap((s) => s.plans.map((p) => [p.code, p.measureCount]))).toContainEqual([
      "NAP-2022",
      3,
    ]);
  });

  it("keeps the values and answers 400 with messages when a form is wrong, and 409 on a stale version", async () => {
    /** Posts a form of the plan page as the coordinator. */
    const post = (fields: Record<string, string>) =>
      call(planDetail.action, coordinator, formRequest(`/en/workspace/plans/${sample.planId}`, fields), {
        lang: "en",
        planId: String(sample.planId),
      });
    const bad = await post({
      intent: "createObjective",
      planSectorId: "x",
      code: "bad code!",
      titleEn: "",
      version: "1",
    });
    expectFormRefused(bad, {
      errors: {
        planSectorId: "core:form.invalid",
        code: "planning:errors.codeInvalid",
        titleSq: "planning:errors.titleRequired",
      },
      values: { code: "bad code!" },
    });
    const stale = await post({
      intent: "updatePlan",
      titleEn: "Stale",
      periodStartYear: "2022",
      periodEndYear: "2026",
      version: "1",
    });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({
      errors: { form: "planning:errors.editedByOthers" },
      values: { titleEn: "Stale" },
    });
  });

  it("refuses a municipal officer the national plan (404, as if it did not exist) and shows focal points their ministry's measures", async () => {
    const officer = await createTestUser(handle.db, [{ role: "municipal_officer", kasCode: "20" }]);
    expect(
      (
        await call(planDetail.loader, officer, new Request(`http://localhost/en/workspace/plans/${sample.planId}`), {
          lang: "en",
          planId: String(sample.planId),
        })
      ).status,
    ).toBe(404);
    const ministry = await organisationIdBySlug(handle.db, MINISTRY);
    const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: ministry }]);
    const mine = (
      await call(myMeasures.loader, focal, new Request("http://localhost/en/workspace/plans/my-measures"), {
        lang: "en",
      })
    ).data as Awaited<ReturnType<typeof myMeasures.loader>>;
    expect(mine.measures.map((m) => [m.code, m.role])).toEqual([
      ["1.1.1", "responsible"],
      ["2.1.1", "responsible"],
    ]);
    expect(mine.measures[0]?.indicators[1]?.targets).toEqual([{ year: 2024, value: "47.5" }]);
  });

  it("imports a large template in the background with a progress page, as the uploader", async () => {
    const tree = (await loadCanonicalPlanTree(handle.db, sample.planId)) as CanonicalPlanTree;
    const local: CanonicalPlanTree = structuredClone(tree);
    local.plan = { ...tree.plan, kind: "local", kasCode: "20", code: "LAP-PZ-BIG" };
    const objective = local.sectors[0]?.objectives[0];
    if (!objective) throw new Error("fixture");
    // Random descriptions, so the file does not compress below the background threshold.
    for (let i = 0; i < 1500; i += 1)
      objective.measures.push({
        ...structuredClone(objective.measures[1] as (typeof objective.measures)[0]),
        code: `9.${i}`,
        description: { en: randomBytes(240).toString("base64") },
      });
    const strategyId = sample.strategyId;
    const bytes = await writePlanWorkbook(
      local,
      { sectors: [], communities: [], organisations: [], municipalities: [] },
      (k) => k,
    );
    expect(bytes.length).toBeGreaterThan(BACKGROUND_IMPORT_BYTES);
    const body = new FormData();
    body.set("intent", "import");
    body.set("file", new File([new Uint8Array(bytes)], "plan.xlsx"));
    const request = new Request(`http://localhost/en/workspace/plans/strategies/${strategyId}`, {
      method: "POST",
      body,
    });
    const queued = await call(strategyDetail.action, coordinator, request, {
      lang: "en",
      strategyId: String(strategyId),
    });
    expect(queued.status).toBe(302);
    const jobId = Number(queued.location?.split("/").pop());
    const params = { lang: "en", jobId: String(jobId) };
    const waiting = (
      await call(importProgress.loader, coordinator, new Request(`http://localhost${queued.location}`), params)
    ).data as Awaited<ReturnType<typeof importProgress.loader>>;
    expect(waiting).toMatchObject({ running: true, status: "queued" });
    expect(importProgress.meta({ data: waiting } as never)).toEqual([{ httpEquiv: "refresh", content: "2" }]);
    const someoneElse = await createTestUser(handle.db, [{ role: "coordinator" }], { twoFactor: true });
    expect(
      (await call(importProgress.loader, someoneElse, new Request(`http://localhost${queued.location}`), params))
        .status,
    ).toBe(404);

    const progress: [number, number | null][] = [];
    const inner = planImportHandlers(handle.db, context(coordinator).files)[PLAN_IMPORT_JOB] as JobHandler;
    let finished: (value: unknown) => void = () => undefined;
    const ran = new Promise((resolve) => (finished = resolve));
    const worker = startJobWorker({
      db: handle.db,
      workerId: "test-worker",
      pollIntervalMs: 5,
      progressIntervalMs: 0,
      logger: pino({ level: "silent" }),
      handlers: {
        [PLAN_IMPORT_JOB]: async (job) => {
          const result = await inner({
            ...job,
            reportProgress: async (done, total) => (progress.push([done, total]), job.reportProgress(done, total)),
          });
          finished(result);
          return result;
        },
      },
    });
    expect(await ran).toMatchObject({ ok: true, measures: 1503 });
    await worker.stop();
    expect(progress.at(-1)).toEqual([1503 + 3, 1503 + 3]);
    const imported = await handle.db
      .selectFrom("action_plan")
      .select("id")
      .where("code", "=", "LAP-PZ-BIG")
      .executeTakeFirstOrThrow();
    expect(await loadCanonicalPlanTree(handle.db, imported.id)).toEqual(local);
    const done = (
      await call(importProgress.loader, coordinator, new Request(`http://localhost${queued.location}`), params)
    ).data as Awaited<ReturnType<typeof importProgress.loader>>;
    expect(done).toMatchObject({ running: false, result: { ok: true, planId: imported.id } });

    // The whole tree loads in the same nine queries for 3 measures and for 1,503.
    const small = await withQueryStats(() => loadPlanTree(handle.db, sample.planId));
    const large = await withQueryStats(() => loadPlanTree(handle.db, imported.id));
    expect([small.stats.queries, large.stats.queries]).toEqual([9, 9]);
  });
});

describe("/api/v1/action-plans/{id}", () => {
  it("hides drafts and returns the whole tree of an adopted plan", async () => {
    const app = createTestApp(handle);
    expect((await app.request(`/api/v1/action-plans/${sample.planId}`)).status).toBe(404);
    const version = (
      await handle.db
        .selectFrom("action_plan")
        .select("version")
        .where("id", "=", sample.planId)
        .executeTakeFirstOrThrow()
    ).version;
    expectOk(await adoptPlan(handle.db, { actor: coordinator, requestId: "t" }, sample.planId, { version }));
    const response = await app.request(`/api/v1/action-plans/${sample.planId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { status: string; revision: number; plan: unknown; sectors: unknown };
    };
    const tree = await loadCanonicalPlanTree(handle.db, sample.planId);
    expect(body.data).toMatchObject({ status: "adopted", revision: 1, plan: tree?.plan, sectors: tree?.sectors });
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/action-plans/{id}");
    expect((await app.request("/api/v1/action-plans/abc")).status).toBe(400);
  });
});

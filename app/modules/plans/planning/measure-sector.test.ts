import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { down as migrationDown, up as migrationUp } from "#app/db/migrations/2026-12-05-0036-measure-sector.ts";
import * as planMeasureView from "#app/db/migrations/2026-12-05-0058-plan-measure.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createTestDatabase } from "../../../../tests/support/test-database.ts";
import { createTestUser, formRequest } from "../../../../tests/support/workspace-actors.ts";
import { importPlanWorkbook } from "./plan-import.server.ts";
import { loadCanonicalPlanTree, loadPlanTree } from "../plan-tree.server.ts";
import { updateObjective } from "../planning.commands.server.ts";
import { ObjectiveSchema } from "../planning.schema.ts";
import {
  buildSamplePlanAsCoordinator,
  createEmptyStrategy,
  expectOk,
  importAsNewPlan,
  MINISTRY,
  organisationIds,
  setUpDatabasePerTest,
  type SamplePlan,
  writeTestWorkbook,
} from "../planning.test-fixtures.ts";
import * as measureDetail from "./routes/measure-detail.tsx";
import * as measureNew from "./routes/measure-new.tsx";
import { countRows } from "../../../../tests/support/row-count.ts";
import { expectFormRefused, routeHarness } from "../../../../tests/support/route-harness.ts";
import { auditEntry } from "../../../../tests/support/audit-entries.ts";

/*
 * Issue 17's last defect (decision 045): an objective spanning sectors. A measure carries its own
 * sector (default: its objective's) — entered in the editor without JavaScript, kept through the
 * XLSX export and import, and backfilled by migration 0036 from the objective's sector.
 */

type SignedIn = Extract<Actor, { kind: "user" }>;

const handle = setUpDatabasePerTest();
let coordinator: SignedIn;
let sample: SamplePlan;

beforeEach(async () => {
  ({ coordinator, sample } = await buildSamplePlanAsCoordinator(handle.db));
});

/** Calls a route handler (loader or action) as `actor`. */
function call(handler: unknown, actor: SignedIn, request: Request, params: Record<string, string>) {
  return routeHarness(handle.db).send(handler as (args: never) => unknown, request, { params, as: actor });
}

/** The sample plan's plan sectors and objectives by code. */
async function ids() {
  const sectors = await handle.db
    .selectFrom("plan_sector")
    .select(["id", "sector_code"])
    .where("action_plan_id", "=", sample.planId)
    .execute();
  const objectives = await handle.db
    .selectFrom("objective")
    .select(["id", "code"])
    .where("action_plan_id", "=", sample.planId)
    .execute();
  return {
    sector: Object.fromEntries(sectors.map((s) => [s.sector_code, s.id])),
    objective: Object.fromEntries(objectives.map((o) => [o.code, o.id])),
  };
}

/** The form fields of a new measure as the browser posts them without JavaScript. */
async function measureFields(objectiveId: number, planSectorId: string, version: number) {
  const orgs = await organisationIds(handle.db, [MINISTRY]);
  return {
    intent: "create",
    version: String(version),
    objectiveId: String(objectiveId),
    planSectorId,
    code: "1.1.3",
    titleEn: "School meals paid through the social assistance scheme",
    titleSq: "Ushqimi në shkollë i paguar përmes skemës së ndihmës sociale",
    responsibleOrganisationId: String(orgs[MINISTRY]),
    startDate: "2023-01-01",
    endDate: "2025-12-31",
    "budget-2023-government": "7000",
  };
}

/** Posts the sample plan's new-measure form (see `measureFields`) as the coordinator. */
async function postNewMeasure(objectiveId: number, planSectorId: string) {
  return call(
    measureNew.action,
    coordinator,
    formRequest(
      `/en/workspace/plans/${sample.planId}/measures/new`,
      await measureFields(objectiveId, planSectorId, sample.version),
    ),
    { lang: "en", planId: String(sample.planId) },
  );
}

/** The audit entry of `action` on measure `measureId`. */
function measureAuditEntry(action: string, measureId: number) {
  return auditEntry(handle.db, { action, subject_id: measureId });
}

/** A sector (health) of another plan of the sample strategy: a local plan coded `planCode`; its id. */
async function insertForeignSector(planCode: string): Promise<number> {
  const otherPlan = await handle.db
    .insertInto("action_plan")
    .values({
      strategy_id: sample.strategyId,
      kind: "local",
      kas_code: "20",
      code: planCode,
      title: { en: "Local plan" },
      period_start_year: 2022,
      period_end_year: 2026,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sector = await handle.db
    .insertInto("plan_sector")
    .values({ action_plan_id: otherPlan.id, sector_code: "health" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return sector.id;
}

describe("the measure editor (a form that works without JavaScript)", () => {
  it("adds a measure of an education objective to the housing sector, audits it, and moves it back to the objective's sector", async () => {
    const { sector, objective } = await ids();
    const params = { lang: "en", planId: String(sample.planId) };
    const created = await postNewMeasure(objective["1.1"]!, String(sector.housing));
    expect(created.status).toBe(302);
    const measureId = Number(/measures\/(\d+)/.exec(created.location ?? "")?.[1]);
    const row = await handle.db
      .selectFrom("measure")
      .select(["objective_id", "plan_sector_id"])
      .where("id", "=", measureId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ objective_id: objective["1.1"], plan_sector_id: sector.housing });
    const entry = await measureAuditEntry("plan.measure.create", measureId);
    expect(entry.actor_user_id).toBe(coordinator.userId);
    expect(JSON.stringify(entry.diff)).toContain(`"plan_sector_id"`);

    // The plan tree keeps the objective in education and names the measure's own sector.
    const tree = await loadCanonicalPlanTree(handle.db, sample.planId);
    const education = tree?.sectors.find((s) => s.sectorCode === "education");
    expect(education?.objectives[0]?.measures.map((m) => [m.code, m.sector ?? null])).toEqual([
      ["1.1.1", null],
      ["1.1.2", null],
      ["1.1.3", "housing"],
    ]);
    // The edit form shows the sector chosen; blank ("the objective's sector") for the others.
    const form = (
      await call(
        measureDetail.loader,
        coordinator,
        new Request(`http://localhost/en/workspace/plans/${sample.planId}/measures/${measureId}`),
        { ...params, measureId: String(measureId) },
      )
    ).data as { values: Record<string, string> };
    expect(form.values.planSectorId).toBe(String(sector.housing));

    const back = await call(
      measureDetail.action,
      coordinator,
      formRequest(`/en/workspace/plans/${sample.planId}/measures/${measureId}`, {
        ...(await measureFields(objective["1.1"]!, "", sample.version + 1)),
        intent: "update",
      }),
      { ...params, measureId: String(measureId) },
    );
    expect(back.status).toBe(302);
    expect(
      (
        await handle.db
          .selectFrom("measure")
          .select("plan_sector_id")
          .where("id", "=", measureId)
          .executeTakeFirstOrThrow()
      ).plan_sector_id,
    ).toBe(sector.education);
    const update = await measureAuditEntry("plan.measure.update", measureId);
    expect(update.diff).toMatchObject({ plan_sector_id: { before: sector.housing, after: sector.education } });
  });

  it("refuses a sector of another plan with a message for the field (400) and writes nothing", async () => {
    const { objective } = await ids();
    const foreignSector = await insertForeignSector("LAP-20");
    const before = await countRows(handle.db, "measure");
    const refused = await postNewMeasure(objective["1.1"]!, String(foreignSector));
    expectFormRefused(refused, {
      errors: { planSectorId: "planning:errors.sectorRequired" },
      values: { planSectorId: String(foreignSector), code: "1.1.3" },
    });
    expect(await countRows(handle.db, "measure")).toBe(before);
  });

  it("moves an objective's measures with it to another sector, except those with a sector of their own", async () => {
    const { sector, objective } = await ids();
    expect((await postNewMeasure(objective["1.1"]!, String(sector.housing))).status).toBe(302);
    // A third sector, then objective 1.1 moves there.
    const health = await handle.db
      .insertInto("plan_sector")
      .values({ action_plan_id: sample.planId, sector_code: "health", sort_order: 5 })
      .returning("id")
      .executeTakeFirstOrThrow();
    expectOk(
      await updateObjective(
        handle.db,
        { actor: coordinator, requestId: "move" },
        sample.planId,
        objective["1.1"]!,
        ObjectiveSchema.parse({
          planSectorId: String(health.id),
          code: "1.1",
          titleEn: "More enrolment",
          version: String(sample.version + 1),
        }),
      ),
    );
    const measures = await handle.db
      .selectFrom("measure")
      .innerJoin("plan_sector", "plan_sector.id", "measure.plan_sector_id")
      .select(["measure.code", "plan_sector.sector_code"])
      .where("measure.objective_id", "=", objective["1.1"]!)
      .orderBy("measure.code")
      .execute();
    expect(measures.map((m) => `${m.code} ${m.sector_code}`)).toEqual([
      "1.1.1 health",
      "1.1.2 health",
      "1.1.3 housing",
    ]);
  });
});

describe("the XLSX round trip of an objective spanning sectors", () => {
  it("writes the measure's own sector in the Measures sheet and gives back the same plan when imported elsewhere", async () => {
    const { sector, objective } = await ids();
    expect((await postNewMeasure(objective["1.1"]!, String(sector.housing))).status).toBe(302);
    const tree = await loadCanonicalPlanTree(handle.db, sample.planId);
    if (!tree) throw new Error("no tree");
    const bytes = await writeTestWorkbook(tree);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Measures")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const sectorColumn = header.indexOf("sector") + 1;
    expect(sectorColumn).toBe(header.length);
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(`${String(row.getCell(1).value)}=${String(row.getCell(sectorColumn).value ?? "")}`);
    });
    expect(cells).toEqual(["1.1.1=", "1.1.2=", "1.1.3=housing", "2.1.1="]);

    const target = await createTestDatabase();
    try {
      const targetAudit = {
        actor: await createTestUser(target.db, [{ role: "coordinator" }], { twoFactor: true }),
        requestId: "import",
      };
      const importedId = await importAsNewPlan(
        target.db,
        targetAudit,
        await createEmptyStrategy(target.db, targetAudit),
        bytes,
      );
      expect(await loadCanonicalPlanTree(target.db, importedId)).toEqual(tree);
      const imported = await loadPlanTree(target.db, importedId);
      const housing = imported?.sectors.find((s) => s.sectorCode === "housing");
      const spanning = imported?.sectors
        .flatMap((s) => s.objectives.flatMap((o) => o.measures))
        .find((m) => m.code === "1.1.3");
      expect(spanning?.planSectorId).toBe(housing?.id);
    } finally {
      await target.close();
    }
  });

  it("imports a workbook made before the sector column (every measure in its objective's sector) and refuses a sector not on the Sectors sheet", async () => {
    const tree = await loadCanonicalPlanTree(handle.db, sample.planId);
    if (!tree) throw new Error("no tree");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTestWorkbook(tree)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Measures")!;
    const sectorColumn = (sheet.getRow(1).values as unknown[]).slice(1).indexOf("sector") + 1;
    /** Imports the workbook as edited so far over the sample plan, as the coordinator. */
    const importEdited = async () =>
      importPlanWorkbook(
        handle.db,
        { actor: coordinator, requestId: "import" },
        {
          strategyId: sample.strategyId,
          planId: sample.planId,
          bytes: new Uint8Array(await workbook.xlsx.writeBuffer()),
          version: sample.version,
          reason: null,
        },
      );

    sheet.getCell(3, sectorColumn).value = "health";
    const wrong = await importEdited();
    if (wrong.ok || !("rowErrors" in wrong)) throw new Error(`expected row errors, got ${JSON.stringify(wrong)}`);
    expect(wrong.rowErrors.map((e) => `${e.sheet}!${e.columnLetter}${e.row} ${e.key}`)).toEqual([
      `Measures!${String.fromCharCode(64 + sectorColumn)}3 planning:import.errors.sectorNotInPlan`,
    ]);

    sheet.spliceColumns(sectorColumn, 1);
    const old = await importEdited();
    expect(old.ok).toBe(true);
    expect(await loadCanonicalPlanTree(handle.db, sample.planId)).toEqual(tree);
  });
});

describe("migration 0036", () => {
  it("backfills each measure's sector from its objective, defaults new ones to it, and refuses another plan's sector", async () => {
    // Undone in reverse order: the later view plan_measure (migration 0058) reads the column.
    await planMeasureView.down(handle.db as never);
    await migrationDown(handle.db as never);
    const columns = await handle.db.introspection
      .getTables()
      .then((tables) => tables.find((table) => table.name === "measure")?.columns.map((c) => c.name));
    expect(columns).not.toContain("plan_sector_id");
    await migrationUp(handle.db as never);
    await planMeasureView.up(handle.db as never);

    const rows = await handle.db
      .selectFrom("measure as m")
      .innerJoin("objective as o", "o.id", "m.objective_id")
      .select(["m.code", "m.plan_sector_id", "o.plan_sector_id as objective_sector_id"])
      .where("m.action_plan_id", "=", sample.planId)
      .orderBy("m.code")
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.plan_sector_id).toBe(r.objective_sector_id);

    const { sector, objective } = await ids();
    const orgs = await organisationIds(handle.db, [MINISTRY]);
    const inserted = await handle.db
      .insertInto("measure")
      .values({
        action_plan_id: sample.planId,
        objective_id: objective["2.1"]!,
        code: "2.1.9",
        title: { en: "Inserted without a sector" },
        responsible_organisation_id: orgs[MINISTRY]!,
        start_date: "2023-01-01",
        end_date: "2023-12-31",
      })
      .returning("plan_sector_id")
      .executeTakeFirstOrThrow();
    expect(inserted.plan_sector_id).toBe(sector.housing);

    const foreign = await insertForeignSector("LAP-20-M");
    await expect(
      handle.db
        .updateTable("measure")
        .set({ plan_sector_id: foreign })
        .where("code", "=", "2.1.9")
        .where("action_plan_id", "=", sample.planId)
        .execute(),
    ).rejects.toThrow(/measure_plan_sector_fk/);
  });
});

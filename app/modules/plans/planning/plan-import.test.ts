import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Db } from "#app/db/client.server.ts";
import { adoptPlan } from "../planning.commands.server.ts";
import { importPlanWorkbook } from "./plan-import.server.ts";
import { loadCanonicalPlanTree } from "../plan-tree.server.ts";
import {
  buildSamplePlan,
  coordinatorAudit,
  createEmptyStrategy,
  expectOk,
  importAsNewPlan,
  setUpDatabasePerTest,
  writeTestWorkbook,
} from "../planning.test-fixtures.ts";
import { countRows } from "../../../../tests/support/row-count.ts";
import { auditEntry } from "../../../../tests/support/audit-entries.ts";
import { columnValues } from "../../../../tests/support/table-rows.ts";

async function snapshotCounts(db: Db) {
  const tables = [
    "strategy",
    "action_plan",
    "plan_sector",
    "objective",
    "measure",
    "measure_budget",
    "measure_community",
    "measure_supporting_organisation",
    "indicator",
    "indicator_target",
    "action_plan_revision",
    "audit_log",
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = await countRows(db, table);
  return out;
}

describe("plan import and export (XLSX round trip)", () => {
  const source = setUpDatabasePerTest();
  const target = setUpDatabasePerTest();
  const audit = coordinatorAudit;

  it("gives back the same plan when an export is imported into an empty database", async () => {
    const sourceAudit = await audit(source.db);
    const { planId } = await buildSamplePlan(source.db, sourceAudit);
    const tree = await loadCanonicalPlanTree(source.db, planId);
    if (!tree) throw new Error("no tree");
    const bytes = await writeTestWorkbook(tree);

    const targetAudit = await audit(target.db);
    const strategyId = await createEmptyStrategy(target.db, targetAudit);
    const importedId = await importAsNewPlan(target.db, targetAudit, strategyId, bytes);
    expect(await loadCanonicalPlanTree(target.db, importedId)).toEqual(tree);
    const entry = await auditEntry(target.db, { action: "plan.import" });
    expect(entry.diff).toMatchObject({ measures: { after: 3 }, indicators: { after: 3 } });
  });

  it("re-importing a changed export into an adopted plan keeps the measure ids and writes a revision with the reason", async () => {
    const a = await audit(source.db);
    const { planId, strategyId, version, measureIds } = await buildSamplePlan(source.db, a);
    expectOk(await adoptPlan(source.db, a, planId, { version }));
    const tree = await loadCanonicalPlanTree(source.db, planId);
    if (!tree) throw new Error("no tree");
    const changed = structuredClone(tree);
    const education = changed.sectors[0];
    if (!education?.objectives[0]) throw new Error("fixture");
    education.objectives[0].measures[0] = {
      ...(education.objectives[0].measures[0] as (typeof education.objectives)[0]["measures"][0]),
      title: { en: "Scholarships, doubled" },
    };
    education.objectives[0].measures.splice(1, 1);
    const bytes = await writeTestWorkbook(changed);
    const refused = await importPlanWorkbook(source.db, a, {
      strategyId,
      planId,
      bytes,
      version: version + 1,
      reason: null,
    });
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { reason: "planning:errors.reasonRequired" } });
    const stale = await importPlanWorkbook(source.db, a, { strategyId, planId, bytes, version, reason: "x" });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expectOk(
      (await importPlanWorkbook(source.db, a, {
        strategyId,
        planId,
        bytes,
        version: version + 1,
        reason: "Mid-term review",
      })) as never,
    );
    expect(await loadCanonicalPlanTree(source.db, planId)).toEqual(changed);
    expect(await columnValues(source.db, "measure", "id", { action_plan_id: planId })).toEqual([
      measureIds[0],
      measureIds[2],
    ]);
    const revisions = await source.db
      .selectFrom("action_plan_revision")
      .select(["revision", "reason"])
      .where("action_plan_id", "=", planId)
      .orderBy("revision")
      .execute();
    expect(revisions).toEqual([
      { revision: 1, reason: "adopted" },
      { revision: 2, reason: "Mid-term review" },
    ]);
  });

  it("rejects a template with 20 deliberate errors with exactly 20 precise messages, and writes nothing", async () => {
    const a = await audit(source.db);
    const { planId } = await buildSamplePlan(source.db, a);
    const tree = await loadCanonicalPlanTree(source.db, planId);
    if (!tree) throw new Error("no tree");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await writeTestWorkbook({ ...tree, plan: { ...tree.plan, code: "NAP-COPY" } })) as unknown as ArrayBuffer,
    );
    const set = (sheet: string, cell: string, value: ExcelJS.CellValue) => {
      const ws = workbook.getWorksheet(sheet);
      if (!ws) throw new Error(sheet);
      ws.getCell(cell).value = value;
    };
    // Rows: Sectors 2–3; Objectives 2–3; Measures 2–4 (1.1.1, 1.1.2, 2.1.1); Budget 2–4; Indicators 2–4; Targets 2–5.
    set("Plan", "B2", "regional"); // 1 not one of the allowed kinds
    set("Sectors", "A3", "astrology"); // 2 unknown sector
    set("Objectives", "B3", null); // 3 missing required cell
    set("Measures", "B2", "9.9"); // 4 dangling objective code
    set("Measures", "I2", "ministry-of-magic"); // 5 unknown responsible institution
    set("Measures", "L2", "2027-01-31"); // 6 date outside the plan period (2022–2026)
    set("Measures", "M2", "roma; martians"); // 7 unknown community
    set("Measures", "C3", null);
    set("Measures", "E3", null); // 8 no title in any language
    set("Measures", "J3", "office-for-community-affairs; nowhere-ngo"); // 9 unknown supporting institution
    set("Measures", "K3", "2023-02-30"); // 10 not a date
    set("Measures", "A3", "1.1.1"); // 11 duplicate code
    set("Measures", "L4", "2022-04-30"); // 12 end before start
    set("Budget", "D2", "fifteen thousand"); // 13 text in a number cell
    set("Budget", "A3", "7.7.7"); // 14 dangling measure code
    set("Budget", "B3", 2035); // 15 year outside the plan period
    set("Budget", "C4", "lottery"); // 16 unknown source
    set("Indicators", "H2", "many"); // 17 text in a number cell
    set("Indicators", "F4", "kilograms"); // 18 unknown unit
    set("Targets", "D2", "lots"); // 19 text in a number cell
    set("Targets", "B5", "I9"); // 20 dangling indicator code
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const strategyId = await createEmptyStrategy(source.db, a);
    const before = await snapshotCounts(source.db);
    const result = await importPlanWorkbook(source.db, a, {
      strategyId,
      planId: null,
      bytes,
      version: null,
      reason: null,
    });
    if (result.ok || !("rowErrors" in result)) throw new Error(`expected row errors, got ${JSON.stringify(result)}`);
    const messages = result.rowErrors.map((e) => `${e.sheet}!${e.columnLetter}${e.row} ${e.column} ${e.key}`);
    expect(messages).toEqual([
      "Plan!B2 kind planning:import.errors.notInList",
      "Sectors!A3 sector planning:import.errors.unknownSector",
      "Objectives!B3 sector planning:import.errors.required",
      "Measures!B2 objective planning:import.errors.unknownObjective",
      "Measures!I2 responsible planning:import.errors.unknownInstitution",
      "Measures!L2 end_date planning:import.errors.dateOutside",
      "Measures!M2 communities planning:import.errors.unknownCommunity",
      "Measures!C3 title_sq planning:import.errors.textRequired",
      "Measures!J3 supporting planning:import.errors.unknownInstitution",
      "Measures!K3 start_date planning:import.errors.dateInvalid",
      "Measures!A3 code planning:import.errors.duplicate",
      "Measures!L4 end_date planning:import.errors.endBeforeStart",
      "Budget!D2 amount planning:import.errors.notNumber",
      "Budget!A3 measure planning:import.errors.unknownMeasure",
      "Budget!B3 year planning:import.errors.yearOutside",
      "Budget!C4 source planning:import.errors.notInList",
      "Indicators!H2 baseline_value planning:import.errors.notNumber",
      "Indicators!F4 unit planning:import.errors.notInList",
      "Targets!D2 value planning:import.errors.notNumber",
      "Targets!B5 indicator planning:import.errors.unknownIndicator",
    ]);
    expect(result.rowErrors).toHaveLength(20);
    expect(result.rowErrors[10]?.params).toEqual({ value: "1.1.1" });
    expect(result.rowErrors[5]?.params).toEqual({ value: "2027-01-31", start: 2022, end: 2026 });
    expect(result.rowErrors[12]?.params).toEqual({ value: "fifteen thousand" });
    expect(await snapshotCounts(source.db)).toEqual(before);
  });
});

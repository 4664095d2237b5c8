import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { beforeAll } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import type { TestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { compileAnnualReport } from "./annual-report.server.ts";
import { requestAnnualReport } from "./reporting.commands.server.ts";

type User = Extract<Actor, { kind: "user" }>;

/** What a reporting test file starts from: its database, its plan tree and the coordinator. */
export interface ReportingTestSetUp {
  readonly handle: DatabaseHandle;
  readonly plan: BuiltPlan;
  readonly coordinator: User;
  /** The audit context of `actor`'s commands in this file. */
  readonly audit: (actor: Actor) => { actor: Actor; requestId: string };
}

/**
 * The database of a reporting test file with the plan tree of `spec` and a coordinator in it, made
 * before the file's tests by the hooks this registers: call it before the file's own `beforeAll`
 * (which adds the people and cycles the file needs) and read `plan` and `coordinator` in hooks and
 * tests. `requestId` marks the file's audit records.
 */
export function setUpReportingTest(spec: Parameters<typeof createPlanTree>[1], requestId: string): ReportingTestSetUp {
  const handle = setUpTestDatabase();
  let made: { plan: BuiltPlan; coordinator: User } | undefined;
  beforeAll(async () => {
    const plan = await createPlanTree(handle.db, spec);
    made = { plan, coordinator: await createTestUser(handle.db, [{ role: "coordinator" }]) };
  });
  const current = () => {
    if (!made) throw new Error("the plan tree is made in beforeAll: read it in a hook or a test");
    return made;
  };
  return {
    handle,
    get plan() {
      return current().plan;
    },
    get coordinator() {
      return current().coordinator;
    },
    audit: (actor) => ({ actor, requestId }),
  };
}

/**
 * Requests the annual report of a cycle in `locale` as the set-up's coordinator and compiles it
 * into `files`: the Word document as HTML (through mammoth) and the Excel annex as a workbook.
 */
export async function compileAnnualReportFiles(
  setUp: ReportingTestSetUp,
  files: TestFileStore,
  cycleId: number,
  locale: "sq" | "sr" | "en",
): Promise<{ html: string; workbook: ExcelJS.Workbook }> {
  const { handle, audit, coordinator } = setUp;
  const requested = await requestAnnualReport(handle.db, audit(coordinator), { cycleId, locale, coordination: "" });
  if (!requested.ok) throw new Error("not requested");
  const result = await compileAnnualReport(handle.db, files, requested.reportId);
  const read = (id: string) => fs.readFileSync(path.join(files.root, id.slice(0, 2), id));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(read(result.xlsx) as unknown as ArrayBuffer);
  const { value: html } = await mammoth.convertToHtml({ buffer: read(result.docx) });
  return { html, workbook };
}

/** The rows of a workbook's sheet below its header, each as the given cells' values joined by " | ". */
export function sheetRows(workbook: ExcelJS.Workbook, sheet: number, cells: readonly number[]): string[] {
  const out: string[] = [];
  workbook.worksheets[sheet]?.eachRow((row, n) => {
    if (n > 1) out.push(cells.map((c) => String(row.getCell(c).value)).join(" | "));
  });
  return out;
}

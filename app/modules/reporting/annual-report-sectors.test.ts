import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "#app/services/authorization.ts";
import { createPlanTree, type BuiltPlan } from "../../../tests/support/plan-factory.ts";
import { openAnnualCycle } from "../../../tests/support/plan-instances.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { compileAnnualReport } from "./annual-report.server.ts";
import { requestAnnualReport } from "./reporting.commands.server.ts";
import { reportAndApproveCycle } from "./reporting.test-support.ts";

/*
 * Issue 17's defects of the compiled report: a cycle of a LOCAL plan had an empty "Implementation
 * by sector" chapter and an Excel Sectors sheet with headers only, and the annex showed sector
 * codes ("employment_social_welfare") instead of their names.
 */

type User = Extract<Actor, { kind: "user" }>;
const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "cap-sectors-");
let plan: BuiltPlan;
let coordinator: User;
let localCycleId = 0;

const audit = (actor: Actor) => ({ actor, requestId: "req-sectors" });

beforeAll(async () => {
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        {
          code: "EMP-1",
          sector: "employment_social_welfare",
          budget: { government: 10000 },
          indicators: [{ unit: "count" }],
        },
      ],
    },
    locals: [
      {
        kasCode: "20",
        measures: [
          {
            code: "PZ-EMP",
            sector: "employment_social_welfare",
            implements: "EMP-1",
            budget: { municipality: 3000 },
            indicators: [{ unit: "count" }],
          },
        ],
      },
    ],
  });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  const officer = await createTestUser(handle.db, [
    { role: "municipal_officer", organisationId: plan.municipalOfficeIds["20"], kasCode: "20" },
  ]);
  localCycleId = await openAnnualCycle(handle.db, audit(coordinator), plan.localPlanIds["20"]!, "Prizren 2018");
  await reportAndApproveCycle(handle.db, { cycleId: localCycleId, reporter: officer, coordinator }, () => ({
    fields: { achievements: "Twelve young Roma people found work through the municipal scheme." },
    values: [{ indicatorId: plan.indicators["20:PZ-EMP/I1"]!, communityCode: null, gender: null, value: "12" }],
    spending: [{ source: "municipality", amount: "2800" }],
  }));
});

async function compiled(locale: "sq" | "sr" | "en") {
  const requested = await requestAnnualReport(handle.db, audit(coordinator), {
    cycleId: localCycleId,
    locale,
    coordination: "",
  });
  if (!requested.ok) throw new Error("not requested");
  const result = await compileAnnualReport(handle.db, files, requested.reportId);
  const read = (id: string) => fs.readFileSync(path.join(files.root, id.slice(0, 2), id));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(read(result.xlsx) as unknown as ArrayBuffer);
  const { value: html } = await mammoth.convertToHtml({ buffer: read(result.docx) });
  return { html, workbook };
}

function column(workbook: ExcelJS.Workbook, sheet: number, cell: number): string[] {
  const out: string[] = [];
  workbook.worksheets[sheet]?.eachRow((row, n) => {
    if (n > 1) out.push(String(row.getCell(cell).value));
  });
  return out;
}

const SECTOR_NAME = {
  en: "Employment and social welfare",
  sq: "Punësimi dhe mirëqenia sociale",
  sr: "Zapošljavanje i socijalna zaštita",
};

describe("the compiled report of a local plan's cycle", () => {
  it("fills the sector chapter of the Word document and the Excel Sectors sheet", async () => {
    const { html, workbook } = await compiled("en");
    const chapter = html.slice(html.indexOf("Implementation by sector"), html.indexOf("<h1>Local level"));
    expect(chapter).toContain(`<h2>${SECTOR_NAME.en}</h2>`);
    expect(chapter).toContain("PZ-EMP");
    expect(chapter).not.toContain("Nothing approved for this sector.");
    expect(column(workbook, 3, 1)).toEqual([SECTOR_NAME.en]);
    expect(column(workbook, 3, 2)).toEqual(["1"]);
  });

  it.each(["en", "sq", "sr"] as const)("names sectors, never by code, in both files (%s)", async (locale) => {
    const { workbook, html } = await compiled(locale);
    const reference = await handle.db
      .selectFrom("sector")
      .select("name")
      .where("code", "=", "employment_social_welfare")
      .executeTakeFirstOrThrow();
    const name = (reference.name as Record<string, string>)[locale];
    expect(name).toBeTruthy();
    expect(column(workbook, 0, 3)).toEqual([name]);
    expect(column(workbook, 3, 1)).toEqual([name]);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => expect(String(cell.value)).not.toContain("employment_social_welfare")),
      );
    }
    expect(html).not.toContain("employment_social_welfare");
  });
});

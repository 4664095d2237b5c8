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
 * Issue 17's last defect (decision 045): an objective spanning sectors. Its measures are told in
 * the chapters of their own sectors, and the annex's Sectors sheet counts each approved measure
 * once, in its own sector, so the sheet's counts add up to the measures approved.
 */

type User = Extract<Actor, { kind: "user" }>;
const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "cap-spanning-");
let plan: BuiltPlan;
let coordinator: User;
let cycleId = 0;

const audit = (actor: Actor) => ({ actor, requestId: "req-spanning" });

beforeAll(async () => {
  plan = await createPlanTree(handle.db, {
    national: {
      measures: [
        { code: "EDU-1", sector: "education", budget: { government: 10000 } },
        // The education objective's measure that belongs to social welfare.
        {
          code: "EDU-WEL",
          sector: "employment_social_welfare",
          objectiveSector: "education",
          budget: { government: 4000 },
        },
        { code: "WEL-1", sector: "employment_social_welfare", budget: { government: 6000 } },
      ],
    },
  });
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: plan.ministryId }]);
  cycleId = await openAnnualCycle(handle.db, audit(coordinator), plan.nationalPlanId, "Annual report 2018");
  const reports = await reportAndApproveCycle(handle.db, { cycleId, reporter: focal, coordinator });
  expect(reports).toHaveLength(3);
});

async function compiled() {
  const requested = await requestAnnualReport(handle.db, audit(coordinator), {
    cycleId,
    locale: "en",
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

function rows(workbook: ExcelJS.Workbook, sheet: number, cells: number[]): string[] {
  const out: string[] = [];
  workbook.worksheets[sheet]?.eachRow((row, n) => {
    if (n > 1) out.push(cells.map((c) => String(row.getCell(c).value)).join(" | "));
  });
  return out;
}

describe("the compiled report of a plan with an objective spanning sectors", () => {
  it("tells each measure in its own sector's chapter, and counts it once in the annex's Sectors sheet", async () => {
    const { html, workbook } = await compiled();
    const names = new Map(
      (await handle.db.selectFrom("sector").select(["code", "name"]).execute()).map((s) => [
        s.code,
        (s.name as Record<string, string>).en,
      ]),
    );
    const education = names.get("education")!;
    const welfare = names.get("employment_social_welfare")!;

    const chapters = html.slice(html.indexOf("Implementation by sector"));
    const educationChapter = chapters.slice(
      chapters.indexOf(`<h2>${education}</h2>`),
      chapters.indexOf(`<h2>${welfare}</h2>`),
    );
    const welfareChapter = chapters.slice(
      chapters.indexOf(`<h2>${welfare}</h2>`),
      chapters.indexOf("<h1>", chapters.indexOf(`<h2>${welfare}</h2>`)),
    );
    expect(educationChapter).toContain("EDU-1");
    expect(educationChapter).not.toContain("EDU-WEL");
    expect(welfareChapter).toContain("EDU-WEL");
    expect(welfareChapter).toContain("WEL-1");

    // Measures sheet: each measure once, named by its own sector.
    expect(rows(workbook, 0, [1, 3]).sort()).toEqual([
      `EDU-1 | ${education}`,
      `EDU-WEL | ${welfare}`,
      `WEL-1 | ${welfare}`,
    ]);
    // Sectors sheet: 1 + 2 approved measures, adding up to the 3 of the cycle.
    expect(rows(workbook, 3, [1, 2])).toEqual([`${education} | 1`, `${welfare} | 2`]);
  });
});

import type { Workbook } from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { openAnnualCycle } from "../../../tests/support/plan-instances.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { compileAnnualReportFiles, setUpReportingTest, sheetRows } from "./annual-report.test-support.ts";
import { reportAndApproveCycle } from "./reporting.test-support.ts";

/*
 * Issue 17's defects of the compiled report: a cycle of a LOCAL plan had an empty "Implementation
 * by sector" chapter and an Excel Sectors sheet with headers only, and the annex showed sector
 * codes ("employment_social_welfare") instead of their names.
 */

const setUp = setUpReportingTest(
  {
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
  },
  "req-sectors",
);
const { handle, audit } = setUp;
const files = setUpTestFileStore(handle, "cap-sectors-");
let localCycleId = 0;

beforeAll(async () => {
  const officer = await createTestUser(handle.db, [
    { role: "municipal_officer", organisationId: setUp.plan.municipalOfficeIds["20"], kasCode: "20" },
  ]);
  localCycleId = await openAnnualCycle(
    handle.db,
    audit(setUp.coordinator),
    setUp.plan.localPlanIds["20"]!,
    "Prizren 2018",
  );
  await reportAndApproveCycle(
    handle.db,
    { cycleId: localCycleId, reporter: officer, coordinator: setUp.coordinator },
    () => ({
      fields: { achievements: "Twelve young Roma people found work through the municipal scheme." },
      values: [{ indicatorId: setUp.plan.indicators["20:PZ-EMP/I1"]!, communityCode: null, gender: null, value: "12" }],
      spending: [{ source: "municipality", amount: "2800" }],
    }),
  );
});

const compiled = (locale: "sq" | "sr" | "en") => compileAnnualReportFiles(setUp, files, localCycleId, locale);
const column = (workbook: Workbook, sheet: number, cell: number) => sheetRows(workbook, sheet, [cell]);

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

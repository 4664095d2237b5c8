import { beforeAll, describe, expect, it } from "vitest";
import { openAnnualCycle } from "../../../tests/support/plan-instances.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import { compileAnnualReportFiles, setUpReportingTest, sheetRows } from "./annual-report.test-support.ts";
import { reportAndApproveCycle } from "./reporting.test-support.ts";

/*
 * Issue 17's last defect (decision 045): an objective spanning sectors. Its measures are told in
 * the chapters of their own sectors, and the annex's Sectors sheet counts each approved measure
 * once, in its own sector, so the sheet's counts add up to the measures approved.
 */

const setUp = setUpReportingTest(
  {
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
  },
  "req-spanning",
);
const { handle, audit } = setUp;
const files = setUpTestFileStore(handle, "cap-spanning-");
let cycleId = 0;

beforeAll(async () => {
  const focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: setUp.plan.ministryId }]);
  cycleId = await openAnnualCycle(handle.db, audit(setUp.coordinator), setUp.plan.nationalPlanId, "Annual report 2018");
  const reports = await reportAndApproveCycle(handle.db, { cycleId, reporter: focal, coordinator: setUp.coordinator });
  expect(reports).toHaveLength(3);
});

const compiled = () => compileAnnualReportFiles(setUp, files, cycleId, "en");

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
    expect(sheetRows(workbook, 0, [1, 3]).sort()).toEqual([
      `EDU-1 | ${education}`,
      `EDU-WEL | ${welfare}`,
      `WEL-1 | ${welfare}`,
    ]);
    // Sectors sheet: 1 + 2 approved measures, adding up to the 3 of the cycle.
    expect(sheetRows(workbook, 3, [1, 2])).toEqual([`${education} | 1`, `${welfare} | 2`]);
  });
});

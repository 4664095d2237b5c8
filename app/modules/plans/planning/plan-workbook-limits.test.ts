import { describe, expect, it } from "vitest";
import { xlsxWithRows, xlsxZipBomb } from "../../../../tests/support/hostile-files.ts";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { acceptPlanUpload } from "./plan-import-job.server.ts";
import { inspectPlanWorkbook, PLAN_WORKBOOK_LIMITS, WorkbookLimitError } from "./plan-workbook-limits.server.ts";
import { readWorkbook } from "./plan-workbook.server.ts";
import { signedInActor } from "../../../../tests/support/signed-in-actor.ts";
import { measureWork } from "../../../../tests/support/resource-sampler.ts";

describe("plan workbooks are bounded before they are parsed", () => {
  it("accepts a workbook within the limits", async () => {
    expect(await inspectPlanWorkbook(await xlsxWithRows(500))).toBeNull();
  });

  it("refuses a workbook with more rows than the cap, counting while streaming", async () => {
    const file = await xlsxWithRows(PLAN_WORKBOOK_LIMITS.maxRows + 1);
    expect(await inspectPlanWorkbook(file)).toBe("tooManyRows");
    await expect(readWorkbook(file)).rejects.toEqual(new WorkbookLimitError("tooManyRows"));
  });

  it("refuses a 1,000,000-row workbook quickly, in bounded memory", async () => {
    const file = await xlsxWithRows(1_000_000);
    const run = await measureWork(() => inspectPlanWorkbook(file));
    expect(run.result).toBe("zipBomb");
    expect(run.growth).toBeLessThan(100 * 1024 * 1024);
    expect(run.longestPause).toBeLessThan(200);
  });

  it("refuses a 1,000,000-row upload at once with the zip-bomb message, giving the event loop a turn before copying its bytes", async () => {
    let turned = false;
    let turnedBeforeCopy: boolean | null = null;
    /** The uploaded file, as the form parser hands it over: notes whether the event loop had turned when its bytes were copied. */
    class WatchedFile extends File {
      override arrayBuffer(): Promise<ArrayBuffer> {
        turnedBeforeCopy ??= turned;
        return super.arrayBuffer();
      }
    }
    const file = new WatchedFile([new Uint8Array(await xlsxWithRows(1_000_000))], "plan.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    // Queued before the upload is handled: it runs at the event loop's next check phase, as another request's I/O would.
    setImmediate(() => (turned = true));
    const coordinator = signedInActor([{ role: "coordinator", organisationId: null, kasCode: null }]);
    // Refused before anything is stored or queued: neither the database nor the file store is touched.
    const outcome = await acceptPlanUpload({} as Db, {} as FileStore, coordinator, "test", file, {
      strategyId: 1,
      planId: null,
      version: null,
      reason: null,
      locale: "en",
    });
    expect(outcome).toEqual({ kind: "refused", errors: { file: "planning:import.errors.zipBomb" } });
    expect(turnedBeforeCopy).toBe(true);
  });

  for (const lie of [false, true]) {
    it(`refuses a zip bomb (1 GB of zeros in about 1 MB, ${lie ? "declaring a small size" : "declaring its size"}) without inflating it`, async () => {
      const bomb = await xlsxZipBomb(1024, { lie });
      expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
      const run = await measureWork(() =>
        readWorkbook(bomb).then(
          () => "read",
          (error: unknown) => (error instanceof WorkbookLimitError ? error.refusal : "other"),
        ),
      );
      expect(run.result).toBe(lie ? "unreadable" : "zipBomb");
      expect(run.growth).toBeLessThan(100 * 1024 * 1024);
      expect(run.longestPause).toBeLessThan(200);
    });
  }
});

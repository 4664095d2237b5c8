import { walkZipEntries } from "#app/services/zip-entries.server.ts";
import { checkZipContainer, ZIP_LIMITS } from "#app/modules/library/upload-inspection.server.ts";

/*
 * Bounds of a plan import by construction (decision 024), checked before the workbook is parsed:
 * the ZIP container by the library's zip-bomb check with tighter limits (so ExcelJS never sees
 * more XML than it can hold in bounded memory), then the rows of every worksheet counted while
 * streaming through its XML, stopping at the cap. Both steps stream and stop at the first excess,
 * and the whole inspection has a time budget.
 */

/** The limits of one plan workbook. A real plan has hundreds of rows; these leave room for the largest. */
export const PLAN_WORKBOOK_LIMITS = {
  /** Rows over all worksheets (headers and the README included). */
  maxRows: 20_000,
  zip: { ...ZIP_LIMITS, maxEntries: 200, maxEntryBytes: 16 * 1024 * 1024, maxTotalBytes: 24 * 1024 * 1024 },
  /** Wall-clock budget of the inspection. */
  maxMilliseconds: 10_000,
} as const;

/** Why a workbook was refused before it was read: the translation key under `planning:import.errors`. */
export type WorkbookRefusal = "unreadable" | "zipBomb" | "tooManyRows" | "tooSlow";

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** Counts `<row` elements in the worksheets, streaming; "too_many" as soon as the count passes `maxRows`. */
function countRows(bytes: Uint8Array, maxRows: number, deadline: number) {
  let rows = 0;
  return walkZipEntries<"too_many" | "too_slow">(bytes, (entry, { zip, finish, isSettled }) => {
    if (!WORKSHEET.test(entry.fileName)) return zip.readEntry();
    zip.openReadStream(entry, (streamError, stream) => {
      if (streamError || !stream) return finish("corrupt");
      let carry = "";
      stream.on("data", (chunk: Buffer) => {
        if (isSettled()) return;
        const text = carry + chunk.toString("latin1");
        // `<row>` or `<row ` (not `<rowBreaks`); a tag split between chunks is found with the carried tail.
        for (let at = text.indexOf("<row"); at >= 0; at = text.indexOf("<row", at + 4)) {
          const next = text[at + 4];
          if (next === " " || next === ">" || next === "\t" || next === "\n" || next === "\r" || next === "/") rows++;
        }
        carry = text.slice(-4);
        if (rows > maxRows) {
          stream.destroy();
          finish("too_many");
        } else if (performance.now() > deadline) {
          stream.destroy();
          finish("too_slow");
        }
      });
      stream.on("error", () => finish("corrupt"));
      stream.on("end", () => {
        if (!isSettled()) zip.readEntry();
      });
    });
  });
}

/**
 * Checks an uploaded plan workbook before anything parses it: a ZIP container within the limits
 * (no bomb), at most `maxRows` rows, within the time budget. Null when it may be read.
 */
export async function inspectPlanWorkbook(
  bytes: Uint8Array,
  limits: { maxRows: number; zip: typeof ZIP_LIMITS; maxMilliseconds: number } = PLAN_WORKBOOK_LIMITS,
): Promise<WorkbookRefusal | null> {
  const deadline = performance.now() + limits.maxMilliseconds;
  const container = await checkZipContainer(bytes, limits.zip);
  if (container === "corrupt") return "unreadable";
  if (container === "zip_bomb") return "zipBomb";
  if (performance.now() > deadline) return "tooSlow";
  const rows = await countRows(bytes, limits.maxRows, deadline);
  if (rows === "corrupt") return "unreadable";
  if (rows === "too_many") return "tooManyRows";
  if (rows === "too_slow") return "tooSlow";
  return null;
}

/** A workbook refused by its limits, thrown by readWorkbook and answered 400 with the reason. */
export class WorkbookLimitError extends Error {
  constructor(readonly refusal: WorkbookRefusal) {
    super(`plan workbook refused: ${refusal}`);
  }
}

import ExcelJS from "exceljs";
import type { TranslatedText } from "#app/db/schema.ts";
import type { BudgetSource, IndicatorDirection, IndicatorUnit } from "#app/db/tables/strategies.ts";
import {
  byYearAndSource,
  canonicalDecimal,
  canonicalText,
  measureReferences,
  type CanonicalMeasure,
  type CanonicalPlanTree,
} from "../plan-tree.server.ts";
import {
  BUDGET_SOURCES,
  CODE_PATTERN,
  DECIMAL_PATTERN,
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  isIsoDate,
  PLAN_CODE_PATTERN,
} from "../planning.schema.ts";
import { targetFits } from "../plan-rules.ts";
import { inspectPlanWorkbook, WorkbookLimitError } from "./plan-workbook-limits.server.ts";

/*
 * The XLSX template of an action plan: an instructions sheet in the reader's language, then one
 * sheet per level (Plan, Sectors, Objectives, Measures, Budget, Indicators, Targets) whose rows
 * are linked by codes, and a Lists sheet with the codes people may use (sectors, communities,
 * institutions by slug). Sheet and column names are fixed codes, so a template filled in any
 * language imports the same way. Reading a workbook validates every row and reports every
 * problem by sheet, row and column; nothing is written unless there is none.
 */

/** The title and description of an objective or a measure, one column per language. */
const ITEM_TEXT_COLUMNS = [
  "title_sq",
  "title_sr",
  "title_en",
  "description_sq",
  "description_sr",
  "description_en",
] as const;

/** The data sheets and their columns, in order (the first row of each sheet holds these names). */
export const SHEETS = {
  Plan: ["code", "kind", "municipality", "title_sq", "title_sr", "title_en", "start_year", "end_year"],
  Sectors: ["sector"],
  Objectives: ["code", "sector", ...ITEM_TEXT_COLUMNS],
  Measures: [
    "code",
    "objective",
    ...ITEM_TEXT_COLUMNS,
    "responsible",
    "supporting",
    "start_date",
    "end_date",
    "communities",
    "implements",
    "sector",
  ],
  Budget: ["measure", "year", "source", "amount"],
  Indicators: [
    "measure",
    "code",
    "name_sq",
    "name_sr",
    "name_en",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "by_community",
    "by_gender",
  ],
  Targets: ["measure", "indicator", "year", "value"],
} as const;
export type SheetName = keyof typeof SHEETS;
/**
 * Columns a workbook may leave out: files made before they existed still import. A measure's
 * `sector` (decision 045) is blank for "its objective's sector", and so is a missing column.
 */
const OPTIONAL_COLUMNS: Partial<Record<SheetName, readonly string[]>> = { Measures: ["sector"] };
export const SHEET_NAMES = Object.keys(SHEETS) as SheetName[];
export const README_SHEET = "README";
export const LISTS_SHEET = "Lists";

/** One problem found in a workbook: where (sheet, row, column) and what (a translation key with its values). */
export interface WorkbookError {
  sheet: string;
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  /** The column's name (row 1) and letter, or null for a problem of the whole sheet or row. */
  column: string | null;
  columnLetter: string | null;
  key: string;
  params?: Record<string, string | number>;
}

/** The codes a workbook may use, from the database. */
export interface WorkbookReferences {
  sectors: ReadonlySet<string>;
  communities: ReadonlySet<string>;
  municipalities: ReadonlySet<string>;
  /** Organisation slug → id. */
  organisations: ReadonlyMap<string, number>;
  /** Codes of the measures of the strategy's national plan (what a local measure may implement). */
  nationalMeasureCodes: ReadonlySet<string>;
  strategyPeriod: { start: number; end: number };
}

/** What the import expects of the Plan sheet: the target plan's identity when importing into an existing plan. */
export interface WorkbookTarget {
  existing: { code: string; kind: "national" | "local"; kasCode: string | null } | null;
  /** Plan codes already used by other plans. */
  takenPlanCodes: ReadonlySet<string>;
  /** True when the strategy already has a national plan (other than the target). */
  hasNationalPlan: boolean;
  /** Municipalities that already have a local plan in the strategy (other than the target). */
  localPlanMunicipalities: ReadonlySet<string>;
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The lists written into the template: sectors, communities and institutions with their names in the reader's language. */
export interface TemplateLists {
  sectors: { code: string; name: string }[];
  communities: { code: string; name: string }[];
  organisations: { slug: string; name: string }[];
  municipalities: { code: string; name: string }[];
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The languages of the workbook's text columns, in their order (`title_sq`, `title_sr`, `title_en`). */
const WORKBOOK_LANGUAGES = ["sq", "sr", "en"] as const;

/** A translated text's cells, one per workbook language ("" where it has none). */
function textCells(value: TranslatedText): string[] {
  return WORKBOOK_LANGUAGES.map((locale) => value[locale] ?? "");
}

const YES = "yes";
const NO = "no";

/**
 * Writes a plan (or an empty plan header) as the documented XLSX template. `t` translates the
 * instructions into the reader's language.
 */
export async function writePlanWorkbook(tree: CanonicalPlanTree, lists: TemplateLists, t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Community Affairs Platform";
  workbook.created = new Date(0);

  const readme = workbook.addWorksheet(README_SHEET);
  readme.getColumn(1).width = 24;
  readme.getColumn(2).width = 110;
  readme.addRow([t("planning:workbook.readme.title")]).font = { bold: true, size: 14 };
  for (const line of ["intro", "codes", "languages", "lists", "import", "adopted"])
    readme.addRow([t(`planning:workbook.readme.${line}`)]);
  readme.addRow([]);
  for (const sheet of SHEET_NAMES) {
    readme.addRow([sheet, t(`planning:workbook.sheets.${sheet}`)]).font = { bold: true };
    for (const column of SHEETS[sheet]) readme.addRow([column, t(`planning:workbook.columns.${sheet}.${column}`)]);
    readme.addRow([]);
  }
  readme.getColumn(2).alignment = { wrapText: true, vertical: "top" };

  const sheets = Object.fromEntries(
    SHEET_NAMES.map((name) => {
      const sheet = workbook.addWorksheet(name);
      const header = sheet.addRow([...SHEETS[name]]);
      header.font = { bold: true };
      sheet.views = [{ state: "frozen", ySplit: 1 }];
      SHEETS[name].forEach((column, i) => {
        sheet.getColumn(i + 1).width =
          column.includes("title") || column.includes("description") || column.includes("name") ? 40 : 16;
        header.getCell(i + 1).note = t(`planning:workbook.columns.${name}.${column}`);
      });
      return [name, sheet];
    }),
  ) as Record<SheetName, ExcelJS.Worksheet>;

  const { plan } = tree;
  sheets.Plan.addRow([
    plan.code,
    plan.kind,
    plan.kasCode ?? "",
    ...textCells(plan.title),
    plan.periodStartYear,
    plan.periodEndYear,
  ]);
  for (const sector of tree.sectors) {
    sheets.Sectors.addRow([sector.sectorCode]);
    for (const o of sector.objectives) {
      sheets.Objectives.addRow([o.code, sector.sectorCode, ...textCells(o.title), ...textCells(o.description)]);
      for (const m of o.measures) {
        sheets.Measures.addRow([
          m.code,
          o.code,
          ...textCells(m.title),
          ...textCells(m.description),
          m.responsible,
          m.supporting.join("; "),
          m.startDate,
          m.endDate,
          m.communities.join("; "),
          m.implements ?? "",
          m.sector ?? "",
        ]);
        for (const b of m.budget) sheets.Budget.addRow([m.code, b.year, b.source, Number(b.amount)]);
        for (const i of m.indicators) {
          sheets.Indicators.addRow([
            m.code,
            i.code,
            ...textCells(i.name),
            i.unit,
            i.direction,
            i.baselineValue === null ? null : Number(i.baselineValue),
            i.baselineYear,
            i.byCommunity ? YES : NO,
            i.byGender ? YES : NO,
          ]);
          for (const target of i.targets) sheets.Targets.addRow([m.code, i.code, target.year, Number(target.value)]);
        }
      }
    }
  }

  const listSheet = workbook.addWorksheet(LISTS_SHEET);
  listSheet.addRow([
    "sector",
    t("planning:workbook.lists.name"),
    "community",
    t("planning:workbook.lists.name"),
    "institution",
    t("planning:workbook.lists.name"),
    "municipality",
    t("planning:workbook.lists.name"),
  ]).font = { bold: true };
  const longest = Math.max(
    lists.sectors.length,
    lists.communities.length,
    lists.organisations.length,
    lists.municipalities.length,
  );
  for (let i = 0; i < longest; i += 1) {
    const s = lists.sectors[i];
    const c = lists.communities[i];
    const o = lists.organisations[i];
    const mu = lists.municipalities[i];
    listSheet.addRow([
      s?.code ?? null,
      s?.name ?? null,
      c?.code ?? null,
      c?.name ?? null,
      o?.slug ?? null,
      o?.name ?? null,
      mu?.code ?? null,
      mu?.name ?? null,
    ]);
  }
  [14, 36, 14, 24, 50, 60, 14, 24].forEach((width, i) => (listSheet.getColumn(i + 1).width = width));

  // Drop-down lists where one value per cell is expected (a few thousand rows are prepared).
  const rows = 5000;
  const list = (sheet: ExcelJS.Worksheet, column: string, formula: string) => {
    const index = (SHEETS[sheet.name as SheetName] as readonly string[]).indexOf(column);
    const letter = columnLetter(index);
    (
      sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}2:${letter}${rows}`, {
      type: "list",
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: t("planning:workbook.validation.title"),
      error: t("planning:workbook.validation.list"),
    });
  };
  const range = (letter: string, count: number) => `${LISTS_SHEET}!$${letter}$2:$${letter}$${Math.max(2, count + 1)}`;
  list(sheets.Plan, "kind", '"national,local"');
  list(sheets.Plan, "municipality", range("G", lists.municipalities.length));
  list(sheets.Sectors, "sector", range("A", lists.sectors.length));
  list(sheets.Objectives, "sector", range("A", lists.sectors.length));
  list(sheets.Measures, "sector", range("A", lists.sectors.length));
  list(sheets.Measures, "responsible", range("E", lists.organisations.length));
  list(sheets.Budget, "source", `"${BUDGET_SOURCES.join(",")}"`);
  list(sheets.Indicators, "unit", `"${INDICATOR_UNITS.join(",")}"`);
  list(sheets.Indicators, "direction", `"${INDICATOR_DIRECTIONS.join(",")}"`);
  list(sheets.Indicators, "by_community", `"${YES},${NO}"`);
  list(sheets.Indicators, "by_gender", `"${YES},${NO}"`);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// --- reading ---------------------------------------------------------------------------------

/** A cell as the validator sees it. */
type Cell = string | number | Date | boolean | null;

interface SheetRows {
  /** Column name → zero-based index. */
  columns: Map<string, number>;
  rows: { row: number; cells: Cell[] }[];
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("") || null;
    if ("result" in value) return cellValue(value.result as ExcelJS.CellValue);
    if ("text" in value) return cellValue(value.text as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
  }
  return null;
}

/**
 * Reads the data sheets of a workbook (raw cells, empty rows skipped), or throws when the file is
 * not a readable XLSX. Its container and row count are checked first (inspectPlanWorkbook), so the
 * parser never takes in a zip bomb or a million rows: those throw a WorkbookLimitError.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<Map<string, SheetRows>> {
  const refusal = await inspectPlanWorkbook(bytes);
  if (refusal) throw new WorkbookLimitError(refusal);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, SheetRows>();
  for (const sheet of workbook.worksheets) {
    if (!(SHEET_NAMES as string[]).includes(sheet.name)) continue;
    const columns = new Map<string, number>();
    const rows: SheetRows["rows"] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      if (rowNumber === 1) {
        values.forEach((v, i) => {
          if (typeof v === "string") columns.set(v.trim().toLowerCase(), i);
        });
        return;
      }
      if (values.every((v) => v === null)) return;
      rows.push({ row: rowNumber, cells: values });
    });
    out.set(sheet.name, { columns, rows });
  }
  return out;
}

/** What reading a workbook gives: the plan as a canonical tree, or every problem found. */
export type WorkbookResult =
  { ok: true; tree: CanonicalPlanTree; rowCount: number } | { ok: false; errors: WorkbookError[] };

class RowReader {
  constructor(
    private readonly sheet: SheetName,
    private readonly columns: Map<string, number>,
    readonly row: number,
    private readonly cells: Cell[],
    private readonly errors: WorkbookError[],
  ) {}

  fail(column: string | null, key: string, params?: Record<string, string | number>): null {
    const index = column === null ? undefined : this.columns.get(column);
    this.errors.push({
      sheet: this.sheet,
      row: this.row,
      column,
      columnLetter: index === undefined ? null : columnLetter(index),
      key,
      ...(params ? { params } : {}),
    });
    return null;
  }

  raw(column: string): Cell {
    const index = this.columns.get(column);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  /** Optional text (numbers are read as their plain digits). */
  text(column: string, max = 5000): string | null {
    const value = this.raw(column);
    if (value === null) return null;
    const s = (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)).trim();
    if (s.length > max) return this.fail(column, "planning:import.errors.tooLong", { max });
    return s === "" ? null : s;
  }

  required(column: string): string | null {
    const value = this.text(column);
    if (value === null) return this.fail(column, "planning:import.errors.required");
    return value;
  }

  code(column: string, pattern: RegExp = CODE_PATTERN): string | null {
    const value = this.required(column);
    if (value === null) return null;
    if (!pattern.test(value)) return this.fail(column, "planning:import.errors.codeInvalid", { value });
    return value;
  }

  translated(prefix: string, required: boolean): TranslatedText | null {
    const value = canonicalText({
      sq: this.text(`${prefix}_sq`) ?? undefined,
      sr: this.text(`${prefix}_sr`) ?? undefined,
      en: this.text(`${prefix}_en`) ?? undefined,
    });
    if (required && Object.keys(value).length === 0)
      return this.fail(`${prefix}_sq`, "planning:import.errors.textRequired");
    return value;
  }

  /** A number cell: a number, or text that is a plain decimal; anything else is an error. */
  decimal(column: string, options: { required: boolean; min?: number; scale?: number }): string | null | undefined {
    const value = this.raw(column);
    if (value === null) return options.required ? this.fail(column, "planning:import.errors.required") : undefined;
    let decimal: string | null = null;
    if (typeof value === "number" && Number.isFinite(value)) decimal = canonicalDecimal(value);
    else if (typeof value === "string" && DECIMAL_PATTERN.test(value.trim()))
      decimal = canonicalDecimal(value.trim().replace(",", "."));
    if (decimal === null) return this.fail(column, "planning:import.errors.notNumber", { value: String(value) });
    const [, fraction = ""] = decimal.split(".");
    if (fraction.length > (options.scale ?? 4))
      return this.fail(column, "planning:import.errors.tooManyDecimals", { scale: options.scale ?? 4 });
    if (options.min !== undefined && Number(decimal) < options.min)
      return this.fail(column, "planning:import.errors.negative");
    return decimal;
  }

  year(column: string, required: boolean, range: { start: number; end: number } | null): number | null | undefined {
    const value = this.raw(column);
    if (value === null) return required ? this.fail(column, "planning:import.errors.required") : undefined;
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^\d{4}$/.test(value.trim())
          ? Number(value)
          : Number.NaN;
    if (!Number.isInteger(n) || n < 1950 || n > 2100)
      return this.fail(column, "planning:import.errors.yearInvalid", { value: String(value) });
    if (range && (n < range.start || n > range.end))
      return this.fail(column, "planning:import.errors.yearOutside", { year: n, start: range.start, end: range.end });
    return n;
  }

  date(column: string): string | null {
    const value = this.raw(column);
    if (value === null) return this.fail(column, "planning:import.errors.required");
    // Excel date cells come back as UTC midnight; typed text must be yyyy-mm-dd.
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
    if (!isIsoDate(iso))
      return this.fail(column, "planning:import.errors.dateInvalid", {
        value: value instanceof Date ? iso : String(value),
      });
    return iso;
  }

  choice<T extends string>(column: string, allowed: readonly T[]): T | null {
    const value = this.required(column);
    if (value === null) return null;
    const v = value.toLowerCase();
    if (!(allowed as readonly string[]).includes(v))
      return this.fail(column, "planning:import.errors.notInList", { value, allowed: allowed.join(", ") });
    return v as T;
  }

  yesNo(column: string): boolean | null {
    const value = this.text(column);
    if (value === null) return false;
    const v = value.toLowerCase();
    if (["yes", "po", "da", "true", "1", "x"].includes(v)) return true;
    if (["no", "jo", "ne", "false", "0"].includes(v)) return false;
    return this.fail(column, "planning:import.errors.yesNo", { value });
  }

  /** Several codes in one cell, separated by ";" or ",". */
  codes(column: string): string[] {
    const value = this.text(column);
    if (value === null) return [];
    return [
      ...new Set(
        value
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].sort();
  }
}

/**
 * Validates every row of every sheet and returns the plan as a canonical tree, or the complete
 * list of problems (each wrong cell once; rows that refer to a row with other problems are still
 * checked against its code, so one mistake gives one message).
 */
export function validateWorkbook(
  sheets: Map<string, SheetRows>,
  references: WorkbookReferences,
  target: WorkbookTarget,
): WorkbookResult {
  const errors: WorkbookError[] = [];
  const readers = {} as Record<SheetName, RowReader[]>;
  for (const name of SHEET_NAMES) {
    const sheet = sheets.get(name);
    if (!sheet) {
      errors.push({
        sheet: name,
        row: 1,
        column: null,
        columnLetter: null,
        key: "planning:import.errors.missingSheet",
      });
      readers[name] = [];
      continue;
    }
    const missing = SHEETS[name].filter((c) => !sheet.columns.has(c) && !OPTIONAL_COLUMNS[name]?.includes(c));
    for (const column of missing)
      errors.push({ sheet: name, row: 1, column, columnLetter: null, key: "planning:import.errors.missingColumn" });
    readers[name] = missing.length
      ? []
      : sheet.rows.map((r) => new RowReader(name, sheet.columns, r.row, r.cells, errors));
  }
  if (errors.length) return { ok: false, errors };

  // Plan
  const planRows = readers.Plan;
  if (planRows.length !== 1) {
    errors.push({
      sheet: "Plan",
      row: planRows[1]?.row ?? 2,
      column: null,
      columnLetter: null,
      key: "planning:import.errors.onePlanRow",
    });
    return { ok: false, errors };
  }
  const p = planRows[0] as RowReader;
  const code = p.code("code", PLAN_CODE_PATTERN);
  const kind = p.choice("kind", ["national", "local"] as const);
  const kasRaw = p.text("municipality");
  let kasCode: string | null = null;
  if (kind === "local") {
    if (kasRaw === null) p.fail("municipality", "planning:import.errors.required");
    else if (!references.municipalities.has(kasRaw.padStart(2, "0")))
      p.fail("municipality", "planning:import.errors.unknownMunicipality", { value: kasRaw });
    else kasCode = kasRaw.padStart(2, "0");
  } else if (kind === "national" && kasRaw !== null)
    p.fail("municipality", "planning:import.errors.nationalNoMunicipality");
  const title = p.translated("title", true);
  const strategyRange = references.strategyPeriod;
  const start = p.year("start_year", true, strategyRange);
  const end = p.year("end_year", true, strategyRange);
  if (typeof start === "number" && typeof end === "number" && end < start)
    p.fail("end_year", "planning:import.errors.periodOrder");
  if (code !== null && kind !== null) {
    const existing = target.existing;
    if (existing) {
      if (existing.code !== code)
        p.fail("code", "planning:import.errors.otherPlan", { value: code, expected: existing.code });
      else if (existing.kind !== kind) p.fail("kind", "planning:import.errors.otherKind", { expected: existing.kind });
      else if (kind === "local" && kasCode !== null && existing.kasCode !== kasCode)
        p.fail("municipality", "planning:import.errors.otherMunicipality", { expected: existing.kasCode ?? "" });
    } else {
      if (target.takenPlanCodes.has(code)) p.fail("code", "planning:import.errors.planCodeTaken", { value: code });
      else if (kind === "national" && target.hasNationalPlan) p.fail("kind", "planning:import.errors.nationalExists");
      else if (kind === "local" && kasCode !== null && target.localPlanMunicipalities.has(kasCode))
        p.fail("municipality", "planning:import.errors.localExists");
    }
  }
  const period = typeof start === "number" && typeof end === "number" && end >= start ? { start, end } : null;

  // Sectors
  const sectorOrder: string[] = [];
  const sectorSeen = new Set<string>();
  for (const r of readers.Sectors) {
    const sector = r.required("sector");
    if (sector === null) continue;
    if (!references.sectors.has(sector)) r.fail("sector", "planning:import.errors.unknownSector", { value: sector });
    else if (sectorSeen.has(sector)) r.fail("sector", "planning:import.errors.duplicate", { value: sector });
    else {
      sectorSeen.add(sector);
      sectorOrder.push(sector);
    }
  }

  /** Fails a row whose sector (when it names one) is not on the Sectors sheet. */
  const checkPlanSector = (r: RowReader, sector: string | null) => {
    if (sector !== null && !sectorSeen.has(sector))
      r.fail(
        "sector",
        references.sectors.has(sector)
          ? "planning:import.errors.sectorNotInPlan"
          : "planning:import.errors.unknownSector",
        { value: sector },
      );
  };

  // Objectives
  interface ObjectiveDraft {
    code: string;
    sector: string | null;
    title: TranslatedText | null;
    description: TranslatedText | null;
  }
  const objectives = new Map<string, ObjectiveDraft>();
  for (const r of readers.Objectives) {
    const oc = r.code("code");
    const sector = r.required("sector");
    checkPlanSector(r, sector);
    const otitle = r.translated("title", true);
    const description = r.translated("description", false);
    if (oc === null) continue;
    if (objectives.has(oc)) {
      r.fail("code", "planning:import.errors.duplicate", { value: oc });
      continue;
    }
    objectives.set(oc, {
      code: oc,
      sector: sector !== null && sectorSeen.has(sector) ? sector : null,
      title: otitle,
      description,
    });
  }

  // Measures
  interface MeasureDraft extends Omit<CanonicalMeasure, "title" | "description" | "budget" | "indicators" | "sector"> {
    objective: string | null;
    /** The sector written in the row (blank: the objective's). */
    ownSector: string | null;
    title: TranslatedText | null;
    description: TranslatedText | null;
    budget: CanonicalMeasure["budget"];
    indicators: CanonicalMeasure["indicators"];
    row: number;
  }
  const measures = new Map<string, MeasureDraft>();
  const yearRange = period;
  for (const r of readers.Measures) {
    const mc = r.code("code");
    const objective = r.required("objective");
    if (objective !== null && !objectives.has(objective))
      r.fail("objective", "planning:import.errors.unknownObjective", { value: objective });
    const ownSector = r.text("sector");
    checkPlanSector(r, ownSector);
    const mtitle = r.translated("title", true);
    const description = r.translated("description", false);
    const responsible = r.required("responsible");
    if (responsible !== null && !references.organisations.has(responsible))
      r.fail("responsible", "planning:import.errors.unknownInstitution", { value: responsible });
    const supporting = r.codes("supporting");
    const unknownSupporting = supporting.filter((s) => !references.organisations.has(s));
    if (unknownSupporting.length)
      r.fail("supporting", "planning:import.errors.unknownInstitution", { value: unknownSupporting.join(", ") });
    const startDate = r.date("start_date");
    const endDate = r.date("end_date");
    // The first of the two dates whose year is outside the plan's period.
    const outside = [
      { column: "start_date", date: startDate },
      { column: "end_date", date: endDate },
    ].find(
      ({ date }) =>
        date !== null &&
        yearRange !== null &&
        (Number(date.slice(0, 4)) < yearRange.start || Number(date.slice(0, 4)) > yearRange.end),
    );
    if (outside && yearRange)
      r.fail(outside.column, "planning:import.errors.dateOutside", {
        value: outside.date ?? "",
        start: yearRange.start,
        end: yearRange.end,
      });
    else if (startDate && endDate && endDate < startDate) r.fail("end_date", "planning:import.errors.endBeforeStart");
    const communities = r.codes("communities");
    const unknownCommunities = communities.filter((c) => !references.communities.has(c));
    if (unknownCommunities.length)
      r.fail("communities", "planning:import.errors.unknownCommunity", { value: unknownCommunities.join(", ") });
    const implementsCode = r.text("implements");
    if (implementsCode !== null) {
      if (kind === "national") r.fail("implements", "planning:import.errors.implementsNational");
      else if (!references.nationalMeasureCodes.has(implementsCode))
        r.fail("implements", "planning:import.errors.unknownNationalMeasure", { value: implementsCode });
    }
    if (mc === null) continue;
    if (measures.has(mc)) {
      r.fail("code", "planning:import.errors.duplicate", { value: mc });
      continue;
    }
    measures.set(mc, {
      row: r.row,
      code: mc,
      objective: objective !== null && objectives.has(objective) ? objective : null,
      ownSector,
      title: mtitle,
      description,
      responsible: responsible ?? "",
      supporting: supporting.filter((s) => s !== responsible),
      startDate: startDate ?? "",
      endDate: endDate ?? "",
      communities,
      implements: implementsCode,
      budget: [],
      indicators: [],
    });
  }

  /** The measure a Budget or Indicators row names (its code and draft); fails the row when no measure has the code. */
  const measureOfRow = (r: RowReader) => {
    const mc = r.required("measure");
    const measure = mc === null ? undefined : measures.get(mc);
    if (mc !== null && !measure) r.fail("measure", "planning:import.errors.unknownMeasure", { value: mc });
    return { mc, measure };
  };

  // Budget
  const budgetSeen = new Set<string>();
  for (const r of readers.Budget) {
    const { mc, measure } = measureOfRow(r);
    const year = r.year("year", true, yearRange);
    const source = r.choice("source", BUDGET_SOURCES);
    const amount = r.decimal("amount", { required: true, min: 0, scale: 2 });
    if (!measure || typeof year !== "number" || !source || typeof amount !== "string") continue;
    const key = `${mc}|${year}|${source}`;
    if (budgetSeen.has(key)) {
      r.fail("source", "planning:import.errors.duplicateBudget", { measure: mc ?? "", year, source });
      continue;
    }
    budgetSeen.add(key);
    measure.budget.push({ year, source: source as BudgetSource, amount });
  }

  // Indicators
  const indicatorIndex = new Map<string, CanonicalMeasure["indicators"][number]>();
  for (const r of readers.Indicators) {
    const { mc, measure } = measureOfRow(r);
    const ic = r.code("code");
    const name = r.translated("name", true);
    const unit = r.choice("unit", INDICATOR_UNITS);
    const direction = r.choice("direction", INDICATOR_DIRECTIONS);
    const baselineValue = r.decimal("baseline_value", { required: false });
    const baselineYear = r.year("baseline_year", false, yearRange ? { start: 1950, end: yearRange.end } : null);
    if (typeof baselineValue === "string" && unit && !targetFits(unit, baselineValue))
      r.fail("baseline_value", `planning:import.errors.unit.${unit}`, { value: baselineValue });
    const byCommunity = r.yesNo("by_community");
    const byGender = r.yesNo("by_gender");
    if (!measure || ic === null) continue;
    const key = `${mc}|${ic}`;
    if (indicatorIndex.has(key)) {
      r.fail("code", "planning:import.errors.duplicate", { value: ic });
      continue;
    }
    const indicator = {
      code: ic,
      name: name ?? {},
      unit: (unit ?? "number") as IndicatorUnit,
      direction: (direction ?? "increase") as IndicatorDirection,
      baselineValue: typeof baselineValue === "string" ? baselineValue : null,
      baselineYear: typeof baselineYear === "number" ? baselineYear : null,
      byCommunity: byCommunity ?? false,
      byGender: byGender ?? false,
      targets: [] as { year: number; value: string }[],
    };
    indicatorIndex.set(key, indicator);
    measure.indicators.push(indicator);
  }

  // Targets
  const targetSeen = new Set<string>();
  for (const r of readers.Targets) {
    const mc = r.required("measure");
    const ic = r.required("indicator");
    const indicator = mc !== null && ic !== null ? indicatorIndex.get(`${mc}|${ic}`) : undefined;
    if (mc !== null && !measures.has(mc)) r.fail("measure", "planning:import.errors.unknownMeasure", { value: mc });
    else if (mc !== null && ic !== null && !indicator)
      r.fail("indicator", "planning:import.errors.unknownIndicator", { value: ic, measure: mc });
    const year = r.year("year", true, yearRange);
    const value = r.decimal("value", { required: true });
    if (typeof value === "string" && indicator && !targetFits(indicator.unit, value))
      r.fail("value", `planning:import.errors.unit.${indicator.unit}`, { value });
    if (!indicator || typeof year !== "number" || typeof value !== "string") continue;
    const key = `${mc}|${ic}|${year}`;
    if (targetSeen.has(key)) {
      r.fail("year", "planning:import.errors.duplicateTarget", { year });
      continue;
    }
    targetSeen.add(key);
    indicator.targets.push({ year, value });
  }

  if (errors.length) return { ok: false, errors };

  const tree: CanonicalPlanTree = {
    plan: {
      code: code as string,
      kind: kind as "national" | "local",
      kasCode,
      title: title as TranslatedText,
      periodStartYear: start as number,
      periodEndYear: end as number,
    },
    sectors: sectorOrder.map((sectorCode) => ({
      sectorCode,
      objectives: [...objectives.values()]
        .filter((o) => o.sector === sectorCode)
        .map((o) => ({
          code: o.code,
          title: o.title as TranslatedText,
          description: o.description ?? {},
          measures: [...measures.values()]
            .filter((m) => m.objective === o.code)
            .map((m) => ({
              code: m.code,
              title: m.title as TranslatedText,
              description: m.description ?? {},
              ...measureReferences(m),
              // Only a sector other than the objective's is the measure's own (the canonical form).
              ...(m.ownSector !== null && m.ownSector !== sectorCode ? { sector: m.ownSector } : {}),
              budget: [...m.budget].sort(byYearAndSource),
              indicators: m.indicators.map((i) => ({ ...i, targets: [...i.targets].sort((a, b) => a.year - b.year) })),
            })),
        })),
    })),
  };
  const rowCount = SHEET_NAMES.reduce((sum, name) => sum + readers[name].length, 0);
  return { ok: true, tree, rowCount };
}

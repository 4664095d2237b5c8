import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { neutraliseFormula, toCsv, type DownloadCell } from "#app/services/downloads.server.ts";
import {
  indicatorActuals,
  loadApprovedFigures,
  loadStrategyFigures,
  measureStatus,
  planFiguresOf,
  progressOf,
  spentOf,
} from "../progress.server.ts";
import {
  getPublicMeasure,
  getPublicPlan,
  listPlanMeasures,
  listPublicStrategies,
} from "../strategies.queries.server.ts";
import type { DownloadFormat } from "./strategies.schema.ts";
import { strategiesTranslator } from "./strategies.translator.server.ts";

/*
 * CSV and XLSX downloads of the public tables: the strategy list, a plan's measures, a measure's
 * indicators. Same rows in both formats; headers and texts in the reader's language; numbers
 * stay numbers (unformatted, decision 010); "not yet reported" is written out, never a number.
 */

type Db = Kysely<Database>;
type Cell = DownloadCell;

/** A table to download: a file name (without extension), a sheet name, headers and rows. */
export interface DownloadTable {
  fileName: string;
  sheetName: string;
  headers: string[];
  rows: Cell[][];
}

/** An XLSX workbook with one sheet: bold, frozen header row, numbers as numbers. */
export async function toXlsx(table: DownloadTable): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Community Affairs Platform";
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31).replace(/[[\]*?/\\:]/g, " "), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(row.map((cell) => (typeof cell === "string" ? neutraliseFormula(cell) : cell)));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(
      table.headers[i]?.length ?? 8,
      ...table.rows.slice(0, 200).map((r) => String(r[i] ?? "").length),
    );
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** The HTTP response of a download, with its content type and a file name. */
export async function downloadResponse(table: DownloadTable, format: DownloadFormat): Promise<Response> {
  const fileName = `${table.fileName.replace(/[^A-Za-z0-9._-]+/g, "-")}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv")
    return new Response(toCsv(table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const body = await toXlsx(table);
  return new Response(body, {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}

/** The strategy list as a table. */
export async function strategiesTable(db: Db, locale: Locale): Promise<DownloadTable> {
  const t = strategiesTranslator(locale);
  const strategies = await listPublicStrategies(db);
  const kept = await loadStrategyFigures(
    db,
    strategies.flatMap((s) => s.plans.map((p) => p.id)),
  );
  return {
    fileName: "strategies",
    sheetName: t("index.title"),
    headers: [
      t("columns.slug"),
      t("columns.strategy"),
      t("detail.owner"),
      t("columns.startYear"),
      t("columns.endYear"),
      t("columns.status"),
      t("columns.plans"),
      t("columns.localPlans"),
      t("columns.measures"),
      t("columns.plannedEuro"),
      t("columns.progress"),
      t("columns.demo"),
    ],
    rows: strategies.map((s) => {
      const national = s.plans.find((p) => p.kind === "national");
      const progress = progressOf(kept.figures, national ? planFiguresOf(kept, national.id).measures : []);
      return [
        s.slug,
        localizedString(s.title, locale, s.originalLocale),
        localizedString(s.owner.name, locale),
        s.periodStartYear,
        s.periodEndYear,
        t(`planStatus.${s.status}`),
        s.plans.length,
        s.plans.filter((p) => p.kind === "local").length,
        s.plans.reduce((sum, p) => sum + planFiguresOf(kept, p.id).measureCount, 0),
        s.plans.reduce((sum, p) => sum + planFiguresOf(kept, p.id).planned, 0),
        progress.kind === "reported" ? progress.share : t("progress.notReported"),
        s.isDemo ? t("columns.yes") : t("columns.no"),
      ];
    }),
  };
}

/** Every measure of a public plan as a table, or null for an unknown or draft plan. */
export async function planMeasuresTable(db: Db, locale: Locale, planCode: string): Promise<DownloadTable | null> {
  const t = strategiesTranslator(locale);
  const plan = await getPublicPlan(db, null, planCode);
  if (!plan) return null;
  const [figures, measures] = await Promise.all([loadApprovedFigures(db, [plan.id]), listPlanMeasures(db, plan.id)]);
  return {
    fileName: `${plan.code}-measures`,
    sheetName: t("measures.heading"),
    headers: [
      t("columns.code"),
      t("columns.measure"),
      t("columns.objective"),
      t("columns.sector"),
      t("columns.responsible"),
      t("columns.start"),
      t("columns.end"),
      t("columns.implements"),
      t("columns.plannedEuro"),
      t("columns.spentEuro"),
      t("columns.status"),
      t("columns.demo"),
    ],
    rows: measures.rows.map((m) => {
      const spent = spentOf(figures, [m.id]);
      const status = measureStatus(figures, m.id);
      return [
        m.code,
        localizedString(m.title, locale, m.originalLocale),
        m.objectiveCode,
        localizedString(plan.sectors.find((s) => s.code === m.sectorCode)?.name, locale) || m.sectorCode,
        localizedString(m.responsible.name, locale),
        m.startDate,
        m.endDate,
        m.implements?.code ?? null,
        m.planned,
        spent.kind === "reported" ? spent.amount : t("progress.notReported"),
        status.kind === "reported" ? t(`status.${status.status}`) : t("progress.notReported"),
        m.isDemo ? t("columns.yes") : t("columns.no"),
      ];
    }),
  };
}

/** The indicators of a public measure as a table (one row per indicator and target year), or null. */
export async function measureIndicatorsTable(db: Db, locale: Locale, measureId: number): Promise<DownloadTable | null> {
  const t = strategiesTranslator(locale);
  const measure = await getPublicMeasure(db, measureId);
  if (!measure) return null;
  const figures = await loadApprovedFigures(db, [measure.plan.id], { indicatorsOfMeasures: [measure.id] });
  const rows: Cell[][] = [];
  for (const indicator of measure.indicators) {
    const actuals = indicatorActuals(figures, indicator.id);
    const years = indicator.targets.length > 0 ? indicator.targets : [{ year: null, value: null }];
    for (const target of years) {
      const actual =
        actuals.kind === "reported"
          ? actuals.values.find((v) => v.year === target.year && v.community === null && v.gender === null)
          : undefined;
      rows.push([
        indicator.code,
        localizedString(indicator.name, locale, measure.originalLocale),
        t(`unit.${indicator.unit}`),
        t(`direction.${indicator.direction}`),
        indicator.baselineValue,
        indicator.baselineYear,
        target.year,
        target.value,
        actual ? actual.value : t("progress.notReported"),
        indicator.isDemo ? t("columns.yes") : t("columns.no"),
      ]);
    }
  }
  return {
    fileName: `measure-${measure.id}-indicators`,
    sheetName: t("indicators.heading"),
    headers: [
      t("columns.code"),
      t("columns.indicator"),
      t("columns.unit"),
      t("columns.direction"),
      t("indicators.baseline"),
      t("columns.baselineYear"),
      t("columns.year"),
      t("indicators.target"),
      t("indicators.actual"),
      t("columns.demo"),
    ],
    rows,
  };
}

import ExcelJS from "exceljs";
import type { DownloadCell } from "#app/services/downloads.server.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import type { ResultView } from "./projects.queries.server.ts";
import type { PublicProject } from "./public-projects.queries.server.ts";
import { namesFor, type Choices } from "./projects.names.ts";
import { downloadTranslator, type DownloadLocale } from "./projects.labels.server.ts";

/** One cell of a download: text or a number (numbers stay numbers in the spreadsheet). */
type Cell = DownloadCell;

/** A table to download: headers in the reader's language and rows. */
export interface DownloadTable {
  headers: string[];
  rows: Cell[][];
}

/** The tables as one Excel workbook, one sheet each. */
export async function toXlsx(sheets: { name: string; table: DownloadTable }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Community Affairs Platform";
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((c) => (c === null ? null : c)));
    sheet.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sum = (p: PublicProject, kind: "commitment" | "disbursement") =>
  p.finance.filter((f) => f.kind === kind).reduce((a, f) => a + f.amount, 0);

/** The projects table of the downloads: one row per project, names in the reader's language. */
export function projectsTable(
  projects: PublicProject[],
  choices: Choices,
  locale: DownloadLocale,
  publicUrl: string,
): DownloadTable {
  const t = downloadTranslator(locale);
  const names = namesFor(choices, locale);
  const orgs = (p: PublicProject, role: string) =>
    p.organisations
      .filter((o) => o.role === role)
      .map((o) => localizedString(o.name, locale))
      .join("; ");
  return {
    headers: [
      t("export.id"),
      t("export.identifier"),
      t("export.titleSq"),
      t("export.titleSr"),
      t("export.titleEn"),
      t("export.status"),
      t("export.plannedStart"),
      t("export.plannedEnd"),
      t("export.actualStart"),
      t("export.actualEnd"),
      t("export.budget"),
      t("export.currency"),
      t("export.commitments"),
      t("export.disbursements"),
      t("export.funders"),
      t("export.implementers"),
      t("export.partners"),
      t("export.sectors"),
      t("export.municipalities"),
      t("export.communities"),
      t("export.link"),
    ],
    rows: projects.map((p) => [
      p.id,
      p.iatiIdentifier,
      p.title.sq ?? null,
      p.title.sr ?? null,
      p.title.en ?? null,
      t(`status.${p.activityStatus}`),
      p.plannedStart,
      p.plannedEnd,
      p.actualStart,
      p.actualEnd,
      p.budget,
      p.currency,
      sum(p, "commitment"),
      sum(p, "disbursement"),
      orgs(p, "funding"),
      orgs(p, "implementing"),
      orgs(p, "partner"),
      names.sectors(p.sectors).join("; "),
      names.municipalities(p.municipalities.map((m) => m.kasCode)).join("; "),
      names.communities(p.communities).join("; "),
      `${publicUrl.replace(/\/$/, "")}/${locale}/projects/${p.id}`,
    ]),
  };
}

/** The results table of the downloads: one row per approved value of an indicator. */
export function resultsTable(
  projects: PublicProject[],
  frameworks: Map<number, ResultView[]>,
  locale: DownloadLocale,
): DownloadTable {
  const t = downloadTranslator(locale);
  const rows: Cell[][] = [];
  for (const p of projects) {
    const projectTitle = localizedString(p.title, locale, p.originalLocale);
    for (const result of frameworks.get(p.id) ?? []) {
      for (const indicator of result.indicators) {
        for (const period of indicator.periods) {
          rows.push([
            p.id,
            projectTitle,
            t(`results.kind.${result.kind}`),
            localizedString(result.title, locale),
            localizedString(indicator.name, locale),
            t(`results.unit.${indicator.unit}`),
            indicator.baselineValue,
            indicator.baselineYear,
            period.periodStart,
            period.periodEnd,
            period.target,
            period.actual,
            period.disaggregation.map((d) => `${d.dimension}:${d.category}=${d.value}`).join("; "),
          ]);
        }
      }
    }
  }
  return {
    headers: [
      t("export.id"),
      t("export.project"),
      t("export.resultKind"),
      t("export.result"),
      t("export.indicator"),
      t("export.unit"),
      t("export.baseline"),
      t("export.baselineYear"),
      t("export.periodStart"),
      t("export.periodEnd"),
      t("export.target"),
      t("export.actual"),
      t("export.breakdown"),
    ],
    rows,
  };
}

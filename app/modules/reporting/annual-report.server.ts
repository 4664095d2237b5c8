import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ImplementationStatus, ObservationKind } from "#app/db/tables/reporting.ts";
import type { BudgetSource, IndicatorUnit } from "#app/db/tables/strategies.ts";
import { formatDate, formatNumber, formatPercent } from "#app/i18n/format.ts";
import { sortByLabel } from "#app/i18n/collation.ts";
import { LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { ACCEPTED_TYPES, type FileStore } from "#app/services/files.server.ts";
import { PermanentJobError, type JobHandler } from "#app/services/jobs.server.ts";
import { buildDocx, pageBreak, paragraph, table } from "./docx-writer.server.ts";
import { COMPILE_REPORT_JOB } from "./reporting.commands.server.ts";
import { SPENDING_SOURCES } from "./reporting.schema.ts";
import { reportingTranslator } from "./reporting.translator.server.ts";
import { computeOnTimeRates, loadMeasureFacts, rollUp } from "./rollup.server.ts";
import {
  cyclesOfPlans,
  joinedMunicipalityName,
  observationEvidence,
  observationsWithMeasure,
} from "./reporting.queries.server.ts";

/*
 * The annual implementation report of a cycle, compiled from APPROVED measure reports only: every
 * query below that reads reported content reads it from `approved_measure_report`, the one
 * published read of approved reports (decision 049); only the count of all reports of the cycle
 * (how many are approved out of how many) reads `measure_report` itself. A fixed number of
 * queries whatever the size of the cycle; the Word document is built with `docx`, the annex with
 * every figure with `exceljs`.
 */

/** A figure of an approved report, with its disaggregation. */
export interface ReportIndicator {
  id: number;
  code: string;
  name: string;
  unit: IndicatorUnit;
  baseline: number | null;
  target: number | null;
  total: number | null;
  breakdown: { label: string; value: number }[];
}

/** An approved measure report as the report shows it. */
export interface ReportMeasure {
  id: number;
  code: string;
  title: string;
  sectorCode: string;
  /** The sector's name in the report's language (never its code). */
  sectorName: string;
  isLocal: boolean;
  kasCode: string | null;
  municipality: string | null;
  institution: string;
  status: ImplementationStatus;
  achievements: string;
  challenges: string;
  recommendations: string;
  implementsCode: string | null;
  indicators: ReportIndicator[];
  planned: number;
  spending: Partial<Record<BudgetSource, number>>;
}

/** Everything the report shows. */
export interface AnnualReportData {
  locale: Locale;
  cycleLabel: string;
  planTitle: string;
  periodText: string;
  compiledText: string;
  coordination: string[];
  totalReports: number;
  approvedReports: number;
  completed: number;
  shareText: string | null;
  weightedText: string | null;
  onTime: { onTime: number; due: number };
  budget: { source: BudgetSource; planned: number; spent: number }[];
  /** Every approved measure once, national first, then each municipality's (the annex and the Excel sheets). */
  measures: ReportMeasure[];
  /** One chapter per sector with approved measures, national and local alike. */
  sectors: { code: string; name: string; shareText: string | null; approved: number; measures: ReportMeasure[] }[];
  municipalities: { kasCode: string; name: string; measures: ReportMeasure[] }[];
  observations: {
    measureId: number;
    measureCode: string;
    indicatorId: number | null;
    kind: ObservationKind;
    organisation: string;
    body: string;
    evidence: string[];
  }[];
}

/** The approved reports `r` of a cycle: where the annual report reads its measures, figures and spending. */
function approvedReportsOf(db: Db, cycleId: number) {
  return db.selectFrom("approved_measure_report as r").where("r.cycle_id", "=", cycleId);
}

/** Loads the data of a cycle's report from approved reports only (a fixed number of queries). */
export async function loadAnnualReportData(
  db: Db,
  cycleId: number,
  locale: Locale,
  coordination = "",
  now: Date = new Date(),
): Promise<AnnualReportData | null> {
  const cycle = await cyclesOfPlans(db)
    .select(["c.id", "c.label", "c.period_start", "c.period_end", "ap.title", "ap.original_locale"])
    .where("c.id", "=", cycleId)
    .executeTakeFirst();
  if (!cycle) return null;
  const startYear = Number(cycle.period_start.slice(0, 4));
  const endYear = Number(cycle.period_end.slice(0, 4));

  const [counts, rows, values, indicators, spending, planned, sectors, communities, observations, facts, rates] =
    await Promise.all([
      db
        .selectFrom("measure_report")
        .select([
          sql<number>`count(*)`.as("total"),
          sql<number>`count(*) filter (where review_state = 'approved')`.as("approved"),
        ])
        .where("cycle_id", "=", cycleId)
        .executeTakeFirstOrThrow(),
      approvedReportsOf(db, cycleId)
        // The measure with its plan and sector, through the plans module's published read (decision 049).
        .innerJoin("plan_measure as m", "m.id", "r.measure_id")
        .innerJoin("reporting_task as t", "t.id", "r.task_id")
        .innerJoin("organisation as org", "org.id", "t.organisation_id")
        .leftJoin("plan_measure as im", "im.id", "m.implements_measure_id")
        .leftJoin("municipality as mu", "mu.kas_code", "m.kas_code")
        .selectAll("m")
        .select([
          "r.id as report_id",
          "org.name as org_name",
          "r.status",
          "r.achievements",
          "r.challenges",
          "r.recommendations",
          "im.code as implements_code",
          ...municipalityNameColumns("mu"),
        ])
        .orderBy("m.plan_kind")
        .orderBy("m.kas_code")
        .orderBy("m.sector_sort_order")
        .orderBy("m.sort_order")
        .orderBy("m.code")
        .execute(),
      approvedReportsOf(db, cycleId)
        .innerJoin("indicator_value as v", "v.measure_report_id", "r.id")
        .select(["v.indicator_id", "v.community_code", "v.gender", "v.value"])
        .orderBy("v.id")
        .execute(),
      approvedReportsOf(db, cycleId)
        .innerJoin("indicator as i", "i.measure_id", "r.measure_id")
        .leftJoin("indicator_target as it", (join) =>
          join.onRef("it.indicator_id", "=", "i.id").on("it.year", "=", endYear),
        )
        .select(["i.id", "i.measure_id", "i.code", "i.name", "i.unit", "i.baseline_value", "it.value as target"])
        .orderBy("i.measure_id")
        .orderBy("i.sort_order")
        .execute(),
      approvedReportsOf(db, cycleId)
        .innerJoin("measure_spending as s", "s.measure_report_id", "r.id")
        .select(["r.measure_id", "s.source", "s.amount"])
        .execute(),
      db
        .selectFrom("measure_budget as b")
        .innerJoin("measure_report as r", "r.measure_id", "b.measure_id")
        .select(["b.measure_id", "b.source", sql<string>`sum(b.amount)`.as("amount")])
        .where("r.cycle_id", "=", cycleId)
        .where("b.year", ">=", startYear)
        .where("b.year", "<=", endYear)
        .groupBy(["b.measure_id", "b.source"])
        .execute(),
      db.selectFrom("sector").select(["code", "name"]).orderBy("sort_order").execute(),
      db.selectFrom("community").select(["code", "name"]).execute(),
      observationsWithMeasure(db)
        .select(["ob.measure_id", "m.code", "ob.indicator_id", "ob.kind", "o.name", "ob.body"])
        .select(observationEvidence("file:"))
        .where("ob.cycle_id", "=", cycleId)
        .orderBy("m.code")
        .orderBy("ob.id")
        .execute(),
      loadMeasureFacts(db, { cycleId }),
      computeOnTimeRates(db, { cycleId }, now),
    ]);

  const t = reportingTranslator(locale);
  const communityName = new Map(communities.map((c) => [c.code, localizedString(c.name, locale)]));
  const valuesByIndicator = new Map<number, typeof values>();
  for (const v of values) valuesByIndicator.set(v.indicator_id, [...(valuesByIndicator.get(v.indicator_id) ?? []), v]);
  const indicatorsByMeasure = new Map<number, ReportIndicator[]>();
  for (const i of indicators) {
    const own = valuesByIndicator.get(i.id) ?? [];
    const total = own.find((v) => v.community_code === null && v.gender === null);
    const indicator: ReportIndicator = {
      id: i.id,
      code: i.code,
      name: localizedString(i.name, locale),
      unit: i.unit,
      baseline: i.baseline_value === null ? null : Number(i.baseline_value),
      target: i.target === null ? null : Number(i.target),
      total: total ? Number(total.value) : null,
      breakdown: own
        .filter((v) => v !== total)
        .map((v) => ({
          label: v.community_code
            ? (communityName.get(v.community_code) ?? v.community_code)
            : t(`gender.${v.gender ?? "female"}`),
          value: Number(v.value),
        })),
    };
    indicatorsByMeasure.set(i.measure_id, [...(indicatorsByMeasure.get(i.measure_id) ?? []), indicator]);
  }
  const spendingByMeasure = new Map<number, Partial<Record<BudgetSource, number>>>();
  for (const s of spending)
    spendingByMeasure.set(s.measure_id, {
      ...(spendingByMeasure.get(s.measure_id) ?? {}),
      [s.source]: Number(s.amount),
    });
  const plannedByMeasure = new Map<number, number>();
  const plannedBySource = new Map<BudgetSource, number>();
  for (const p of planned) {
    plannedByMeasure.set(p.measure_id, (plannedByMeasure.get(p.measure_id) ?? 0) + Number(p.amount));
    plannedBySource.set(p.source, (plannedBySource.get(p.source) ?? 0) + Number(p.amount));
  }
  const spentBySource = new Map<BudgetSource, number>();
  for (const s of spending) spentBySource.set(s.source, (spentBySource.get(s.source) ?? 0) + Number(s.amount));

  const sectorName = new Map(sectors.map((s) => [s.code, localizedString(s.name, locale)]));
  const measures: ReportMeasure[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: localizedString(r.title, locale),
    sectorCode: r.sector_code,
    sectorName: sectorName.get(r.sector_code) ?? r.sector_code,
    isLocal: r.plan_kind === "local",
    kasCode: r.kas_code,
    municipality: joinedMunicipalityName(r, locale),
    institution: localizedString(r.org_name as TranslatedText, locale),
    status: r.status,
    achievements: r.achievements,
    challenges: r.challenges,
    recommendations: r.recommendations,
    implementsCode: r.implements_code,
    indicators: indicatorsByMeasure.get(r.id) ?? [],
    planned: plannedByMeasure.get(r.id) ?? 0,
    spending: spendingByMeasure.get(r.id) ?? {},
  }));

  const rollup = rollUp(facts);
  // Every sector of the cycle's measures, local ones included: a local plan's cycle has only local measures.
  const sectorCodes = [...new Set(facts.map((f) => f.sectorCode))].sort(
    (a, b) => sectors.findIndex((s) => s.code === a) - sectors.findIndex((s) => s.code === b),
  );
  const municipalities = new Map<string, { kasCode: string; name: string; measures: ReportMeasure[] }>();
  for (const m of measures.filter((x) => x.isLocal && x.kasCode)) {
    const key = m.kasCode as string;
    const entry = municipalities.get(key) ?? { kasCode: key, name: m.municipality ?? key, measures: [] };
    entry.measures.push(m);
    municipalities.set(key, entry);
  }
  const due = rates.reduce((n, r) => n + (r.due > 0 ? 1 : 0), 0);
  const onTime = rates.reduce((n, r) => n + (r.due > 0 && r.onTime === r.due ? 1 : 0), 0);

  return {
    locale,
    cycleLabel: cycle.label,
    planTitle: localizedString(cycle.title, locale, cycle.original_locale),
    periodText: `${formatDate(cycle.period_start, locale)} – ${formatDate(cycle.period_end, locale)}`,
    compiledText: formatDate(now, locale),
    coordination: coordination
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    totalReports: Number(counts.total),
    approvedReports: Number(counts.approved),
    completed: rollup.strategy.completed,
    shareText: rollup.strategy.share === null ? null : formatPercent(rollup.strategy.share, locale),
    weightedText: rollup.strategy.weightedShare === null ? null : formatPercent(rollup.strategy.weightedShare, locale),
    onTime: { onTime, due },
    budget: SPENDING_SOURCES.map((source) => ({
      source,
      planned: plannedBySource.get(source) ?? 0,
      spent: spentBySource.get(source) ?? 0,
    })),
    measures: [...measures.filter((m) => !m.isLocal), ...measures.filter((m) => m.isLocal)],
    sectors: sectorCodes.map((code) => {
      const progress = rollup.sectors.get(code);
      const inSector = measures.filter((m) => m.sectorCode === code);
      return {
        code,
        name: sectorName.get(code) ?? code,
        shareText: progress?.share === null || progress === undefined ? null : formatPercent(progress.share, locale),
        approved: inSector.length,
        measures: inSector,
      };
    }),
    municipalities: sortByLabel([...municipalities.values()], (m) => m.name, locale),
    observations: observations.map((o) => ({
      measureId: o.measure_id,
      measureCode: o.code,
      indicatorId: o.indicator_id,
      kind: o.kind,
      organisation: localizedString(o.name as TranslatedText, locale),
      body: o.body,
      evidence: o.evidence,
    })),
  };
}

function euro(value: number, locale: Locale): string {
  return formatNumber(value, locale, { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
}

function figure(value: number | null, locale: Locale): string {
  return value === null ? "—" : formatNumber(value, locale, { maximumFractionDigits: 4 });
}

function labelled(label: string, text: string): string[] {
  if (!text.trim()) return [];
  return [paragraph({ text: label, bold: true }), ...text.split(/\r?\n/).map((line) => paragraph(line))];
}

/** `label` of a key, worked out once per distinct key (a report labels the same few statuses and units many times). */
function labelledOnce(label: (key: string) => string): (key: string) => string {
  const labels = new Map<string, string>();
  return (key) => {
    let text = labels.get(key);
    if (text === undefined) {
      text = label(key);
      labels.set(key, text);
    }
    return text;
  };
}

/**
 * The Word document of the report, written as WordprocessingML by `docx-writer.server.ts` (a plain
 * string per paragraph and table: the report of 2,000 measures builds in a fraction of a second).
 * Labels are translated once, not per measure; disputes are grouped by measure once.
 */
export async function buildAnnualReportDocx(data: AnnualReportData): Promise<Uint8Array> {
  const t = reportingTranslator(data.locale);
  const l = data.locale;
  const disputesByMeasure = new Map<number, string[]>();
  for (const d of data.observations) {
    if (d.kind !== "dispute") continue;
    const list = disputesByMeasure.get(d.measureId) ?? [];
    list.push(paragraph({ text: t("doc.disputed", { organisation: d.organisation, text: d.body }), color: "9B1C1C" }));
    disputesByMeasure.set(d.measureId, list);
  }
  const label = {
    status: t("doc.status"),
    institution: t("doc.institution"),
    achievements: t("doc.achievements"),
    challenges: t("doc.challenges"),
    recommendations: t("doc.recommendations"),
    planned: t("doc.planned"),
    spent: t("doc.spent"),
  };
  const statusOf = labelledOnce((status) => t(`status.${status}`));
  const unitOf = labelledOnce((unit) => t(`unitShort.${unit}`));
  const sourceLabel = Object.fromEntries(SPENDING_SOURCES.map((s) => [s, t(`source.${s}`)])) as Record<
    BudgetSource,
    string
  >;
  const indicatorHeader = [
    t("doc.indicator"),
    t("doc.unit"),
    t("doc.baseline"),
    t("doc.target"),
    t("doc.actual"),
    t("doc.breakdown"),
  ];

  const measureBlock = (m: ReportMeasure): string[] => [
    paragraph(`${m.code} — ${m.title}`, { style: "Heading3" }),
    paragraph({
      text: `${label.status}: ${statusOf(m.status)} · ${label.institution}: ${m.institution}${m.implementsCode ? ` · ${t("doc.implements", { code: m.implementsCode })}` : ""}`,
      italics: true,
    }),
    ...labelled(label.achievements, m.achievements),
    ...labelled(label.challenges, m.challenges),
    ...labelled(label.recommendations, m.recommendations),
    ...(disputesByMeasure.get(m.id) ?? []),
  ];
  const annex: string[] = [];
  for (const m of data.measures) {
    annex.push(paragraph(`${m.code} — ${m.title}`, { style: "Heading3" }));
    annex.push(
      table(
        indicatorHeader,
        m.indicators.map((i) => [
          `${i.code} — ${i.name}`,
          unitOf(i.unit),
          figure(i.baseline, l),
          figure(i.target, l),
          figure(i.total, l),
          i.breakdown.map((b) => `${b.label}: ${figure(b.value, l)}`).join("\n"),
        ]),
        [30, 9, 12, 11, 11, 27],
      ),
    );
    const spent = SPENDING_SOURCES.filter((s) => m.spending[s] !== undefined).map(
      (s) => `${sourceLabel[s]} ${euro(m.spending[s] ?? 0, l)}`,
    );
    annex.push(
      paragraph(`${label.planned}: ${euro(m.planned, l)} · ${label.spent}: ${spent.length ? spent.join("; ") : "—"}`),
    );
    annex.push(...(disputesByMeasure.get(m.id) ?? []));
  }
  const totalPlanned = data.budget.reduce((n, b) => n + b.planned, 0);
  const totalSpent = data.budget.reduce((n, b) => n + b.spent, 0);
  const body: string[] = [
    paragraph(t("doc.title", { plan: data.planTitle }), { style: "Title", spacingBefore: 2400, spacingAfter: 400 }),
    paragraph({ text: data.cycleLabel, bold: true, size: 32 }),
    paragraph(t("doc.period", { period: data.periodText })),
    paragraph(t("doc.preparedBy", { date: data.compiledText }), { spacingBefore: 400 }),
    paragraph(t("doc.approvedOnly", { count: data.totalReports - data.approvedReports })),
    pageBreak(),

    paragraph(t("doc.summary"), { style: "Heading1" }),
    paragraph(
      t("doc.summaryApproved", { approved: data.approvedReports, total: data.totalReports, completed: data.completed }),
    ),
    paragraph(
      t("doc.summaryShare", {
        share: data.shareText ?? t("doc.notReported"),
        weighted: data.weightedText ?? t("doc.notReported"),
      }),
    ),
    paragraph(t("doc.summaryOnTime", data.onTime)),
    paragraph({ text: t("doc.method"), italics: true }),

    paragraph(t("doc.budget"), { style: "Heading1" }),
    table(
      [t("doc.source"), label.planned, label.spent],
      [
        ...data.budget.map((b) => [sourceLabel[b.source], euro(b.planned, l), euro(b.spent, l)]),
        [t("doc.total"), euro(totalPlanned, l), euro(totalSpent, l)],
      ],
    ),

    paragraph(t("doc.coordination"), { style: "Heading1" }),
    ...(data.coordination.length
      ? data.coordination.map((line) => paragraph(line, { bullet: true }))
      : [paragraph(t("doc.coordinationEmpty"))]),

    paragraph(t("doc.sectors"), { style: "Heading1" }),
    ...data.sectors.flatMap((s) => [
      paragraph(s.name, { style: "Heading2" }),
      paragraph(t("doc.sectorProgress", { share: s.shareText ?? t("doc.notReported"), approved: s.approved })),
      // A local measure is told in full under its municipality; its sector chapter names it with its status.
      ...(s.measures.length
        ? s.measures.flatMap((m) =>
            m.isLocal
              ? [
                  paragraph(
                    `${m.code} — ${m.title} · ${m.municipality ?? ""} · ${label.status}: ${statusOf(m.status)}`,
                    { bullet: true },
                  ),
                ]
              : measureBlock(m),
          )
        : [paragraph(t("doc.noneReported"))]),
    ]),

    paragraph(t("doc.local"), { style: "Heading1" }),
    ...(data.municipalities.length
      ? data.municipalities.flatMap((m) => [
          paragraph(m.name, { style: "Heading2" }),
          ...m.measures.flatMap(measureBlock),
        ])
      : [paragraph(t("doc.localEmpty"))]),

    paragraph(t("doc.annex"), { style: "Heading1", pageBreakBefore: true }),
    ...annex,

    paragraph(t("doc.observations"), { style: "Heading1" }),
    ...(data.observations.length
      ? [
          table(
            [t("doc.measure"), t("doc.kind"), t("doc.organisation"), t("doc.text")],
            data.observations.map((o) => [
              o.measureCode,
              t(`observationKind.${o.kind}`),
              o.organisation,
              `${o.body}${o.evidence.length ? `\n${t("doc.evidence", { links: o.evidence.join(", ") })}` : ""}`,
            ]),
            [12, 14, 24, 50],
          ),
        ]
      : [paragraph(t("doc.observationsEmpty"))]),
  ];
  return new Uint8Array(
    buildDocx(body, {
      title: t("doc.title", { plan: data.planTitle }),
      creator: "Community Affairs Platform",
      pageLabel: t("doc.page"),
      language: LANGUAGE_TAG[data.locale],
    }),
  );
}

/** The Excel annex with every approved figure. */
export async function buildAnnualReportXlsx(data: AnnualReportData): Promise<Uint8Array> {
  const t = reportingTranslator(data.locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Community Affairs Platform";
  const all = data.measures;
  const sheet = (name: string, columns: { header: string; key: string; width: number }[]) => {
    const ws = workbook.addWorksheet(name);
    ws.columns = columns;
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    return ws;
  };
  const measures = sheet(t("doc.sheetMeasures"), [
    { header: t("doc.code"), key: "code", width: 10 },
    { header: t("doc.measure"), key: "title", width: 50 },
    { header: t("doc.sector"), key: "sector", width: 24 },
    { header: t("doc.municipality"), key: "municipality", width: 18 },
    { header: t("doc.institution"), key: "institution", width: 36 },
    { header: t("doc.status"), key: "status", width: 16 },
    { header: t("doc.planned"), key: "planned", width: 14 },
    { header: t("doc.spent"), key: "spent", width: 14 },
  ]);
  for (const m of all) {
    measures.addRow({
      code: m.code,
      title: m.title,
      sector: m.sectorName,
      municipality: m.municipality ?? "",
      institution: m.institution,
      status: t(`status.${m.status}`),
      planned: m.planned,
      spent: Object.values(m.spending).reduce((n, v) => n + (v ?? 0), 0),
    });
  }
  const indicators = sheet(t("doc.sheetIndicators"), [
    { header: t("doc.code"), key: "measure", width: 10 },
    { header: t("doc.indicator"), key: "indicator", width: 50 },
    { header: t("doc.unit"), key: "unit", width: 10 },
    { header: t("doc.breakdown"), key: "dimension", width: 20 },
    { header: t("doc.baseline"), key: "baseline", width: 12 },
    { header: t("doc.target"), key: "target", width: 12 },
    { header: t("doc.actual"), key: "value", width: 12 },
  ]);
  for (const m of all) {
    for (const i of m.indicators) {
      // The total's row, then one row per category of the breakdown, each naming the measure, indicator and unit.
      const indicator = { measure: m.code, indicator: `${i.code} — ${i.name}`, unit: t(`unitShort.${i.unit}`) };
      indicators.addRow({
        ...indicator,
        dimension: t("doc.total"),
        baseline: i.baseline,
        target: i.target,
        value: i.total,
      });
      for (const b of i.breakdown) indicators.addRow({ ...indicator, dimension: b.label, value: b.value });
    }
  }
  const spending = sheet(t("doc.sheetSpending"), [
    { header: t("doc.code"), key: "measure", width: 10 },
    { header: t("doc.source"), key: "source", width: 18 },
    { header: t("doc.amount"), key: "amount", width: 14 },
  ]);
  for (const m of all)
    for (const s of SPENDING_SOURCES)
      if (m.spending[s] !== undefined)
        spending.addRow({ measure: m.code, source: t(`source.${s}`), amount: m.spending[s] });
  const sectors = sheet(t("doc.sheetSectors"), [
    { header: t("doc.sector"), key: "sector", width: 30 },
    { header: t("doc.measure"), key: "approved", width: 12 },
    { header: t("doc.share"), key: "share", width: 16 },
  ]);
  for (const s of data.sectors)
    sectors.addRow({ sector: s.name, approved: s.approved, share: s.shareText ?? t("doc.notReported") });
  const observations = sheet(t("doc.sheetObservations"), [
    { header: t("doc.code"), key: "measure", width: 10 },
    { header: t("doc.kind"), key: "kind", width: 14 },
    { header: t("doc.organisation"), key: "organisation", width: 30 },
    { header: t("doc.text"), key: "text", width: 60 },
    { header: t("observations.evidence"), key: "evidence", width: 40 },
  ]);
  for (const o of data.observations)
    observations.addRow({
      measure: o.measureCode,
      kind: t(`observationKind.${o.kind}`),
      organisation: o.organisation,
      text: o.body,
      evidence: o.evidence.join(" "),
    });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Stores a compiled report's Word document and Excel annex (`<name>.docx`, `<name>.xlsx`) and records them on the
 * report, compiled at `now`: the compile job's last step, which the demo seed shares. When the file store refuses
 * either file nothing is recorded and `refused` says why.
 */
export async function storeCompiledReport(
  trx: Db,
  files: FileStore,
  reportId: number,
  compiled: { docx: Uint8Array; xlsx: Uint8Array; name: string; maxBytes: number },
  now: Date,
): Promise<{ docx: string; xlsx: string } | { refused: string }> {
  const put = (bytes: Uint8Array, extension: string) =>
    files.put(trx, bytes, {
      originalName: `${compiled.name}.${extension}`,
      accept: ACCEPTED_TYPES.document,
      maxBytes: compiled.maxBytes,
    });
  const storedDocx = await put(compiled.docx, "docx");
  const storedXlsx = await put(compiled.xlsx, "xlsx");
  if (!storedDocx.ok || !storedXlsx.ok)
    return { refused: `${storedDocx.ok ? "" : storedDocx.error} ${storedXlsx.ok ? "" : storedXlsx.error}` };
  await trx
    .updateTable("reporting_report")
    .set({ docx_file_id: storedDocx.file.id, xlsx_file_id: storedXlsx.file.id, compiled_at: now })
    .where("id", "=", reportId)
    .execute();
  return { docx: storedDocx.file.id, xlsx: storedXlsx.file.id };
}

/**
 * Compiles one requested report (the `reporting.compile` job): loads the approved data, builds
 * the Word document and the Excel annex, stores both and records them on the report, reporting
 * progress as it goes. Safe to run again: a report already compiled is left as it is.
 */
export async function compileAnnualReport(
  db: Db,
  files: FileStore,
  reportId: number,
  progress: (done: number, total: number) => Promise<void> = async () => {},
  now: Date = new Date(),
) {
  const report = await db.selectFrom("reporting_report").selectAll().where("id", "=", reportId).executeTakeFirst();
  if (!report) throw new PermanentJobError(`No report ${reportId}.`);
  if (report.docx_file_id && report.xlsx_file_id)
    return { reportId, docx: report.docx_file_id, xlsx: report.xlsx_file_id };
  await progress(0, 4);
  const data = await loadAnnualReportData(db, report.cycle_id, report.locale, report.coordination, now);
  if (!data) throw new PermanentJobError(`No cycle ${report.cycle_id}.`);
  await progress(1, 4);
  const docx = await buildAnnualReportDocx(data);
  await progress(2, 4);
  const xlsx = await buildAnnualReportXlsx(data);
  await progress(3, 4);
  const safeLabel = data.cycleLabel.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 60);
  const result = await db.transaction().execute(async (trx) => {
    const compiled = { docx, xlsx, name: `${safeLabel}-${report.locale}`, maxBytes: 500 * 1024 * 1024 };
    const stored = await storeCompiledReport(trx, files, reportId, compiled, now);
    if ("refused" in stored) throw new PermanentJobError(`The compiled files were refused: ${stored.refused}`);
    return { reportId, docx: stored.docx, xlsx: stored.xlsx };
  });
  await progress(4, 4);
  return result;
}

/** The job handler that compiles requested reports. */
export function compileReportHandlers(db: Db, files: FileStore): Record<string, JobHandler> {
  return {
    [COMPILE_REPORT_JOB]: async ({ job, reportProgress }) => {
      const reportId = Number((job.payload as { reportId?: unknown } | null)?.reportId);
      if (!Number.isSafeInteger(reportId)) throw new PermanentJobError("The job has no report id.");
      return compileAnnualReport(db, files, reportId, reportProgress);
    },
  };
}

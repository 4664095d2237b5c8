import { isHttpUrl } from "#app/services/form-text.ts";
import { z } from "zod";
import { idSchema } from "#app/services/ids.ts";

/** Statuses a measure can be reported in, in the order the form lists them. */
export const IMPLEMENTATION_STATUSES = ["not_started", "in_progress", "completed", "delayed", "cancelled"] as const;
/** Languages a narrative can be written in (any content language). */
export const NARRATIVE_LOCALES = ["sq", "sr", "en", "tr", "bs", "rom"] as const;
/** Budget sources, as in the plan. */
export const SPENDING_SOURCES = ["government", "municipality", "donor"] as const;
export const GENDERS = ["female", "male"] as const;
export const PERIOD_KINDS = ["annual", "half_year", "other"] as const;
export const OBSERVATION_KINDS = ["confirm", "dispute", "comment"] as const;
/** Languages the annual report is compiled in. */
export const REPORT_LOCALES = ["sq", "sr", "en"] as const;
export type IndicatorUnitName = "count" | "percent" | "amount" | "number";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LARGEST_FIGURE = 1e11;

function isoDate(message: string) {
  return z
    .string(message)
    .trim()
    .refine(
      (value) =>
        ISO_DATE.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      message,
    );
}

function id(message = "core:form.invalid") {
  return idSchema(message);
}

function text(max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : (value ?? "")),
    z.string("core:form.invalid").max(max, "reporting:errors.tooLong"),
  );
}

/** Opening a cycle: the plan, the period, its label and the deadline. */
export const OpenCycleSchema = z
  .object({
    actionPlanId: id("reporting:errors.planRequired"),
    periodKind: z.enum(PERIOD_KINDS, "reporting:errors.periodKindRequired"),
    periodStart: isoDate("reporting:errors.dateInvalid"),
    periodEnd: isoDate("reporting:errors.dateInvalid"),
    label: text(200).refine((value) => value.length > 0, "reporting:errors.labelRequired"),
    deadline: isoDate("reporting:errors.dateInvalid"),
  })
  .superRefine((value, ctx) => {
    if (value.periodEnd < value.periodStart)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "reporting:errors.periodEndBeforeStart" });
    if (value.deadline < value.periodStart)
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "reporting:errors.deadlineBeforeStart" });
  });
export type OpenCycleInput = z.infer<typeof OpenCycleSchema>;

/** The plain fields of a measure report; the figures are checked by `parseFigure` against each indicator. */
export const MeasureReportFieldsSchema = z
  .object({
    version: id(),
    status: z.enum(IMPLEMENTATION_STATUSES, "reporting:errors.statusRequired"),
    achievements: text(20_000),
    achievementsLocale: z
      .enum(NARRATIVE_LOCALES, "reporting:errors.localeRequired")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    challenges: text(20_000),
    challengesLocale: z
      .enum(NARRATIVE_LOCALES, "reporting:errors.localeRequired")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    recommendations: text(20_000),
    evidenceUrl: text(2_000).refine((value) => value === "" || isHttpUrl(value), "reporting:errors.urlInvalid"),
    evidenceLabel: text(300),
  })
  .superRefine((value, ctx) => {
    if (value.achievements && !value.achievementsLocale)
      ctx.addIssue({ code: "custom", path: ["achievementsLocale"], message: "reporting:errors.localeRequired" });
    if (value.challenges && !value.challengesLocale)
      ctx.addIssue({ code: "custom", path: ["challengesLocale"], message: "reporting:errors.localeRequired" });
  });
export type MeasureReportFields = z.infer<typeof MeasureReportFieldsSchema>;

/** A coordinator's decision on one submitted measure report. */
export const ReviewSchema = z
  .object({
    version: id(),
    decision: z.enum(["approve", "return"], "reporting:errors.decisionRequired"),
    comment: text(5_000),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "return" && value.comment === "")
      ctx.addIssue({ code: "custom", path: ["comment"], message: "reporting:errors.commentRequired" });
  });
export type ReviewInput = z.infer<typeof ReviewSchema>;

/** A civil-society observation on a measure; a dispute needs evidence (a link here, or an uploaded file). */
export const ObservationSchema = z.object({
  measureId: id("reporting:errors.measureRequired"),
  kind: z.enum(OBSERVATION_KINDS, "reporting:errors.kindRequired"),
  indicatorId: z.preprocess((value) => (value === "" || value === undefined ? undefined : value), id().optional()),
  body: text(10_000).refine((value) => value.length > 0, "reporting:errors.bodyRequired"),
  bodyLocale: z.enum(NARRATIVE_LOCALES, "reporting:errors.localeRequired"),
  evidenceUrl: text(2_000).refine((value) => value === "" || isHttpUrl(value), "reporting:errors.urlInvalid"),
});
export type ObservationInput = z.infer<typeof ObservationSchema>;

/** Compiling the annual report: its language and the coordination section written by the coordinator. */
export const CompileSchema = z.object({
  locale: z.enum(REPORT_LOCALES, "reporting:errors.localeRequired"),
  coordination: text(20_000),
});
export type CompileInput = z.infer<typeof CompileSchema>;

/** A figure checked against its indicator's unit: the decimal string to store, or the error key for the field. */
export type FigureResult = { ok: true; value: string | null } | { ok: false; error: string };

/**
 * Reads one figure typed into a form: empty means "not reported"; a number may use a decimal comma
 * (as written in Albanian and Serbian) and spaces between thousands. Then the unit's rules: counts
 * are whole and not negative, percentages between 0 and 100, amounts not negative.
 */
export function parseFigure(raw: string | null | undefined, unit: IndicatorUnitName): FigureResult {
  const compact = (raw ?? "").replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return { ok: true, value: null };
  if (!/^[-+]?\d+([.,]\d+)?$/.test(compact)) return { ok: false, error: "reporting:errors.notANumber" };
  const value = Number(compact.replace(",", "."));
  if (!Number.isFinite(value) || Math.abs(value) >= LARGEST_FIGURE)
    return { ok: false, error: "reporting:errors.tooLarge" };
  const decimals = compact.split(/[.,]/)[1]?.length ?? 0;
  switch (unit) {
    case "count":
      if (value < 0) return { ok: false, error: "reporting:errors.countNegative" };
      if (!Number.isInteger(value)) return { ok: false, error: "reporting:errors.countNotWhole" };
      break;
    case "percent":
      if (value < 0) return { ok: false, error: "reporting:errors.percentNegative" };
      if (value > 100) return { ok: false, error: "reporting:errors.percentAbove100" };
      break;
    case "amount":
      if (value < 0) return { ok: false, error: "reporting:errors.amountNegative" };
      if (decimals > 2) return { ok: false, error: "reporting:errors.amountCents" };
      break;
    case "number":
      break;
  }
  if (decimals > 4) return { ok: false, error: "reporting:errors.tooManyDecimals" };
  return { ok: true, value: String(value) };
}

/** The form field of an indicator's total, or of one of its disaggregation rows. */
export function figureField(indicatorId: number, dimension?: { community?: string; gender?: string }): string {
  if (dimension?.community) return `ind-${indicatorId}-c-${dimension.community}`;
  if (dimension?.gender) return `ind-${indicatorId}-g-${dimension.gender}`;
  return `ind-${indicatorId}`;
}

/** The form field of the money spent from one source. */
export function spendingField(source: (typeof SPENDING_SOURCES)[number]): string {
  return `spent-${source}`;
}

/** The indicator of a measure as the form needs it. */
export interface FormIndicator {
  id: number;
  unit: IndicatorUnitName;
  byCommunity: boolean;
  byGender: boolean;
  /** Communities it is disaggregated by (the measure's target communities, or every non-majority community). */
  communities: string[];
}

/** One reported figure, ready to store. */
export interface FigureRow {
  indicatorId: number;
  communityCode: string | null;
  gender: "female" | "male" | null;
  value: string;
}

/**
 * Checks every figure of a measure report form against its indicator (totals and disaggregation
 * rows) and the money spent by source; errors are keyed by field so each shows next to its input.
 */
export function parseFigures(
  form: FormData,
  indicators: FormIndicator[],
):
  | { ok: true; values: FigureRow[]; spending: { source: (typeof SPENDING_SOURCES)[number]; amount: string }[] }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const values: FigureRow[] = [];
  const read = (field: string) => {
    const raw = form.get(field);
    return typeof raw === "string" ? raw : null;
  };
  for (const indicator of indicators) {
    const cells: { field: string; communityCode: string | null; gender: "female" | "male" | null }[] = [
      { field: figureField(indicator.id), communityCode: null, gender: null },
    ];
    if (indicator.byCommunity)
      for (const c of indicator.communities)
        cells.push({ field: figureField(indicator.id, { community: c }), communityCode: c, gender: null });
    if (indicator.byGender)
      for (const g of GENDERS)
        cells.push({ field: figureField(indicator.id, { gender: g }), communityCode: null, gender: g });
    for (const cell of cells) {
      const result = parseFigure(read(cell.field), indicator.unit);
      if (!result.ok) errors[cell.field] = result.error;
      else if (result.value !== null)
        values.push({
          indicatorId: indicator.id,
          communityCode: cell.communityCode,
          gender: cell.gender,
          value: result.value,
        });
    }
  }
  const spending: { source: (typeof SPENDING_SOURCES)[number]; amount: string }[] = [];
  for (const source of SPENDING_SOURCES) {
    const field = spendingField(source);
    const result = parseFigure(read(field), "amount");
    if (!result.ok) errors[field] = result.error;
    else if (result.value !== null) spending.push({ source, amount: result.value });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values, spending };
}

/** A numeric id in the URL; anything else is a 404. */
export const IdParamSchema = idSchema();

/** The page of a task's measure reports (`?page=`): a whole number from 1; anything else is the first page. */
export const TaskPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

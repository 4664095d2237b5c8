import { z } from "zod";
import { optionalText as optionalFormText } from "#app/services/form-text.ts";
import { idSchema } from "#app/services/ids.ts";

/*
 * Form and URL schemas of the planning workspace, shared by the browser and the server. Error
 * messages are translation keys of the `planning` namespace (or `core:form.invalid`).
 */

/** The languages a person writes plan texts in through the workspace forms and the XLSX template. */
export const PLAN_TEXT_LOCALES = ["sq", "sr", "en"] as const;
export const BUDGET_SOURCES = ["government", "municipality", "donor"] as const;
export const INDICATOR_UNITS = ["count", "percent", "amount", "number"] as const;
export const INDICATOR_DIRECTIONS = ["increase", "decrease", "maintain"] as const;
export const PLAN_STATUSES = ["draft", "adopted", "closed"] as const;

const TOO_LONG = "planning:errors.tooLong";
/** Codes of objectives, measures and indicators: letters, digits, dots, dashes, underscores. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** Codes of plans (unique platform-wide). */
export const PLAN_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/;
/** A decimal as people type it: optional sign, digits, one "." or "," and at most four decimals. */
export const DECIMAL_PATTERN = /^-?\d{1,12}([.,]\d{1,4})?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A trimmed optional text: empty becomes null; too long, this module's message. */
export function optionalText(max: number) {
  return optionalFormText(max, TOO_LONG);
}

function requiredCode(pattern: RegExp) {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.string().min(1, "planning:errors.codeRequired").regex(pattern, "planning:errors.codeInvalid"),
  );
}

function year() {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z
      .string("planning:errors.yearInvalid")
      .regex(/^\d{4}$/, "planning:errors.yearInvalid")
      .transform(Number)
      .pipe(z.number().min(1990, "planning:errors.yearInvalid").max(2100, "planning:errors.yearInvalid")),
  );
}

function optionalYear() {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.union(
      [
        z.literal("").transform(() => null),
        z
          .string()
          .regex(/^\d{4}$/, "planning:errors.yearInvalid")
          .transform(Number)
          .pipe(z.number().min(1950, "planning:errors.yearInvalid").max(2100, "planning:errors.yearInvalid")),
      ],
      "planning:errors.yearInvalid",
    ),
  );
}

/** True when the text is a real calendar date in ISO form (yyyy-mm-dd). */
export function isIsoDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isoDate() {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z.string().min(1, "planning:errors.dateRequired").refine(isIsoDate, "planning:errors.dateInvalid"),
  );
}

/** A decimal typed by a person ("1500", "12,5") in canonical dotted form, or null when empty. */
export function parseDecimal(value: string): string | null {
  const text = value.trim().replace(/\s/g, "");
  if (!DECIMAL_PATTERN.test(text)) return null;
  return text.replace(",", ".");
}

function optionalDecimal() {
  return z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : ""),
    z
      .string()
      .refine((v) => v === "" || parseDecimal(v) !== null, "planning:errors.numberInvalid")
      .transform((v) => (v === "" ? null : parseDecimal(v))),
  );
}

function id() {
  return idSchema();
}

function optionalId() {
  return z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : value),
    idSchema().nullable(),
  );
}

function checkbox() {
  return z.preprocess((value) => value === "on" || value === "true" || value === "1" || value === true, z.boolean());
}

/** Several values of one field (checkboxes, a multiple select): a sorted list without repeats. */
function list<T extends z.ZodType>(item: T) {
  return z
    .preprocess(
      (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
      z.array(item).max(200, "core:form.invalid"),
    )
    .transform((values) => [...new Set(values as z.output<T>[])].sort());
}

const version = { version: id() };
/** Why an adopted plan is changed; required by the command when the plan is adopted. */
const reason = { reason: optionalText(500) };

const titleFields = { titleSq: optionalText(500), titleSr: optionalText(500), titleEn: optionalText(500) };
const descriptionFields = {
  descriptionSq: optionalText(5000),
  descriptionSr: optionalText(5000),
  descriptionEn: optionalText(5000),
};

function unlessFailed(fields: readonly string[]) {
  return (payload: z.core.ParsePayload) => !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

type Titled = { titleSq?: unknown; titleSr?: unknown; titleEn?: unknown };
type Period = { periodStartYear?: unknown; periodEndYear?: unknown };

function withTitle<T extends z.ZodType<Titled>>(schema: T) {
  return schema.refine((v) => Boolean(v.titleSq || v.titleSr || v.titleEn), {
    path: ["titleSq"],
    message: "planning:errors.titleRequired",
    when: unlessFailed(["titleSq", "titleSr", "titleEn"]),
  });
}

function withPeriod<T extends z.ZodType<Period>>(schema: T) {
  return schema.refine((v) => Number(v.periodEndYear) >= Number(v.periodStartYear), {
    path: ["periodEndYear"],
    message: "planning:errors.periodOrder",
    when: unlessFailed(["periodStartYear", "periodEndYear"]),
  });
}

const strategyFields = {
  ...titleFields,
  summarySq: optionalText(5000),
  summarySr: optionalText(5000),
  summaryEn: optionalText(5000),
  periodStartYear: year(),
  periodEndYear: year(),
  ownerOrganisationId: id(),
  status: z.enum(PLAN_STATUSES, "core:form.invalid"),
};

/** Creating a strategy. */
export const StrategyCreateSchema = withPeriod(withTitle(z.object(strategyFields)));
export type StrategyFormData = z.output<typeof StrategyCreateSchema>;
/** Editing a strategy. */
export const StrategyUpdateSchema = withPeriod(withTitle(z.object({ ...strategyFields, ...version })));
export type StrategyUpdateData = z.output<typeof StrategyUpdateSchema>;

/** Creating an action plan in a strategy. */
export const PlanCreateSchema = withPeriod(
  withTitle(
    z
      .object({
        kind: z.enum(["national", "local"], "planning:errors.kindRequired"),
        kasCode: optionalText(2),
        code: requiredCode(PLAN_CODE_PATTERN),
        ...titleFields,
        periodStartYear: year(),
        periodEndYear: year(),
      })
      .refine((v) => (v.kind === "local") === Boolean(v.kasCode), {
        path: ["kasCode"],
        message: "planning:errors.municipalityRequired",
        when: unlessFailed(["kind", "kasCode"]),
      }),
  ),
);
export type PlanCreateData = z.output<typeof PlanCreateSchema>;

/** Editing a plan's title and period. */
export const PlanUpdateSchema = withPeriod(
  withTitle(z.object({ ...titleFields, periodStartYear: year(), periodEndYear: year(), ...version, ...reason })),
);
export type PlanUpdateData = z.output<typeof PlanUpdateSchema>;

/** Adopting or closing a plan; closing asks for a reason too. */
export const PlanWorkflowSchema = z.object({ ...version, ...reason });

/** Adding a sector of the reference list to a plan. */
export const SectorAddSchema = z.object({
  sectorCode: z.string().regex(/^[a-z_]{1,40}$/, "planning:errors.sectorRequired"),
  ...version,
  ...reason,
});
/** Removing a sector (its objectives and measures go with it). */
export const SectorRemoveSchema = z.object({ planSectorId: id(), ...version, ...reason });
/** Removing anything: the plan version the reader saw and, for an adopted plan, why. */
export const RemoveSchema = z.object({ ...version, ...reason });
export type RemoveData = z.output<typeof RemoveSchema>;

/** An objective. */
export const ObjectiveSchema = withTitle(
  z.object({
    planSectorId: id(),
    code: requiredCode(CODE_PATTERN),
    ...titleFields,
    ...descriptionFields,
    ...version,
    ...reason,
  }),
);
export type ObjectiveData = z.output<typeof ObjectiveSchema>;

/** The name of a budget field: `budget-<year>-<source>`. */
export function budgetField(year: number, source: (typeof BUDGET_SOURCES)[number]): string {
  return `budget-${year}-${source}`;
}
/** The name of a target field: `target-<year>`. */
export function targetField(year: number): string {
  return `target-${year}`;
}

/**
 * The fields of a loose object's shape, as parsed, without the numbered fields it lets through
 * (`budget-<year>-<source>`, `target-<year>`), which the transform gathers into a list of its own.
 */
function namedFields<V extends Record<string, unknown>, Shape extends object>(
  value: V,
  shape: Shape,
): Pick<V, keyof Shape & keyof V> {
  return Object.fromEntries(Object.keys(shape).map((key) => [key, value[key]])) as Pick<V, keyof Shape & keyof V>;
}

const BUDGET_FIELD = /^budget-(\d{4})-(government|municipality|donor)$/;
const TARGET_FIELD = /^target-(\d{4})$/;

const measureFields = {
  objectiveId: id(),
  /** The measure's own sector (a plan sector id); blank: its objective's (decision 045). */
  planSectorId: optionalId(),
  code: requiredCode(CODE_PATTERN),
  ...titleFields,
  ...descriptionFields,
  responsibleOrganisationId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    idSchema("planning:errors.responsibleRequired"),
  ),
  supportingOrganisationIds: list(idSchema()),
  startDate: isoDate(),
  endDate: isoDate(),
  communities: list(z.string().regex(/^[a-z_]{1,40}$/, "core:form.invalid")),
  implementsMeasureId: optionalId(),
  ...version,
  ...reason,
};

/** A measure: texts, institutions, dates, communities, the national measure it implements, and budget fields `budget-<year>-<source>`. */
export const MeasureSchema = withTitle(
  z
    .looseObject(measureFields)
    .superRefine((value, ctx) => {
      for (const [key, raw] of Object.entries(value)) {
        if (!BUDGET_FIELD.test(key)) continue;
        const text = typeof raw === "string" ? raw.trim() : "";
        if (text === "") continue;
        const amount = parseDecimal(text);
        if (amount === null || Number(amount) < 0 || !/^\d+(\.\d{1,2})?$/.test(amount))
          ctx.addIssue({ code: "custom", path: [key], message: "planning:errors.amountInvalid" });
      }
    })
    .refine(
      (v) =>
        !isIsoDate(String(v.startDate)) || !isIsoDate(String(v.endDate)) || String(v.endDate) >= String(v.startDate),
      {
        path: ["endDate"],
        message: "planning:errors.dateOrder",
      },
    )
    .transform((value) => {
      const budget: { year: number; source: (typeof BUDGET_SOURCES)[number]; amount: string }[] = [];
      for (const [key, raw] of Object.entries(value)) {
        const match = BUDGET_FIELD.exec(key);
        const amount = typeof raw === "string" ? parseDecimal(raw) : null;
        if (match && amount !== null)
          budget.push({ year: Number(match[1]), source: match[2] as (typeof BUDGET_SOURCES)[number], amount });
      }
      return { ...namedFields(value, measureFields), budget };
    }),
);
export type MeasureData = z.output<typeof MeasureSchema>;

const indicatorFields = {
  code: requiredCode(CODE_PATTERN),
  nameSq: optionalText(500),
  nameSr: optionalText(500),
  nameEn: optionalText(500),
  unit: z.enum(INDICATOR_UNITS, "planning:errors.unitRequired"),
  direction: z.enum(INDICATOR_DIRECTIONS, "planning:errors.directionRequired"),
  baselineValue: optionalDecimal(),
  baselineYear: optionalYear(),
  byCommunity: checkbox(),
  byGender: checkbox(),
  ...version,
  ...reason,
};

/** An indicator with its targets `target-<year>`. */
export const IndicatorSchema = z
  .looseObject(indicatorFields)
  .refine((v) => Boolean(v.nameSq || v.nameSr || v.nameEn), {
    path: ["nameSq"],
    message: "planning:errors.nameRequired",
    when: unlessFailed(["nameSq", "nameSr", "nameEn"]),
  })
  .superRefine((value, ctx) => {
    for (const [key, raw] of Object.entries(value)) {
      if (!TARGET_FIELD.test(key)) continue;
      const text = typeof raw === "string" ? raw.trim() : "";
      if (text !== "" && parseDecimal(text) === null)
        ctx.addIssue({ code: "custom", path: [key], message: "planning:errors.numberInvalid" });
    }
  })
  .transform((value) => {
    const targets: { year: number; value: string }[] = [];
    for (const [key, raw] of Object.entries(value)) {
      const match = TARGET_FIELD.exec(key);
      const parsed = typeof raw === "string" ? parseDecimal(raw) : null;
      if (match && parsed !== null) targets.push({ year: Number(match[1]), value: parsed });
    }
    return { ...namedFields(value, indicatorFields), targets: targets.sort((a, b) => a.year - b.year) };
  });
export type IndicatorData = z.output<typeof IndicatorSchema>;

/** Ids in URLs. */
export const IdParamSchema = idSchema();

/** The page of the plan editor (`?page=`): a whole number from 1; anything else is the first page. */
export const PlanPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

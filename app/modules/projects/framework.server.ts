import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type {
  BaselineDimensionValue,
  DimensionValue,
  DisaggregatedValue,
  ProjectDisaggregation,
  ProjectIndicatorUnit,
  ProjectPeriodStatus,
  ProjectResultKind,
} from "#app/db/tables/projects.ts";
import type { PeriodValues, ResultView } from "./projects.queries.server.ts";

/** A whole results framework as one value: what the seed writes, the IATI file carries and the export reads. */

/** The row of one indicator of a framework, in its result, at its place among the result's indicators. */
function indicatorRow({
  resultId,
  indicator,
  order,
}: {
  resultId: number;
  indicator: FrameworkIndicator;
  order: number;
}) {
  return {
    result_id: resultId,
    name: indicator.name,
    unit: indicator.unit,
    baseline_value: indicator.baselineValue === null ? null : String(indicator.baselineValue),
    baseline_year: indicator.baselineYear,
    baseline_dimensions: JSON.stringify(indicator.baselineDimensions ?? []) as unknown as BaselineDimensionValue[],
    disaggregations: indicator.disaggregations,
    sort_order: order,
  };
}

/** The row of one result (outcome or output) of a framework, at its place in the framework, under its outcome's row. */
function resultRow(projectId: number, result: FrameworkResult, order: number, parentId: number | null) {
  return {
    project_id: projectId,
    kind: result.kind,
    parent_id: parentId,
    title: result.title,
    description: result.description,
    sort_order: order,
  };
}

/** The row of one period of an indicator, under the indicator's row; `now` is when it counts as submitted and approved. */
function periodRow({ indicatorId, p }: { indicatorId: number; p: FrameworkPeriod }, now: Date) {
  return {
    indicator_id: indicatorId,
    period_start: p.periodStart,
    period_end: p.periodEnd,
    target: p.target === null ? null : String(p.target),
    actual: p.actual === null ? null : String(p.actual),
    narrative: p.narrative,
    disaggregation: JSON.stringify(p.disaggregation) as unknown as DisaggregatedValue[],
    dimension_values: JSON.stringify(p.dimensionValues ?? []) as unknown as DimensionValue[],
    status: p.status,
    submitted_at: p.status === "draft" ? null : now,
    approved_at: p.status === "approved" ? now : null,
  };
}

export interface FrameworkPeriod extends PeriodValues {
  /** Disaggregated targets and actuals with all their dimensions as an IATI file gave them (none for the form's values). */
  dimensionValues?: DimensionValue[];
  status: ProjectPeriodStatus;
}

export interface FrameworkIndicator {
  name: TranslatedText;
  unit: ProjectIndicatorUnit;
  baselineValue: number | null;
  baselineYear: number | null;
  /** Disaggregated baselines as an IATI file gave them. */
  baselineDimensions?: BaselineDimensionValue[];
  disaggregations: ProjectDisaggregation[];
  periods: FrameworkPeriod[];
}

export interface FrameworkResult {
  /** A reference unique in the framework; an output names its outcome's in `parentRef`. */
  ref: string;
  kind: ProjectResultKind;
  parentRef: string | null;
  title: TranslatedText;
  description: TranslatedText;
  indicators: FrameworkIndicator[];
}

/** The loaded framework (queries) in the portable shape, references `r<position>`. */
export function frameworkOf(results: ResultView[]): FrameworkResult[] {
  const refs = new Map(results.map((r, i) => [r.id, `r${i + 1}`]));
  return results.map((r) => ({
    ref: refs.get(r.id) ?? "",
    kind: r.kind,
    parentRef: r.parentId === null ? null : (refs.get(r.parentId) ?? null),
    title: r.title,
    description: r.description,
    indicators: r.indicators.map((i) => ({
      name: i.name,
      unit: i.unit,
      baselineValue: i.baselineValue,
      baselineYear: i.baselineYear,
      baselineDimensions: i.baselineDimensions,
      disaggregations: i.disaggregations,
      periods: i.periods.map((p) => ({
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        target: p.target,
        actual: p.actual,
        narrative: p.narrative,
        disaggregation: p.disaggregation,
        dimensionValues: p.dimensionValues,
        status: p.status,
      })),
    })),
  }));
}

/**
 * Replaces a project's results framework with the given one (seed, IATI import). Runs in the
 * caller's transaction; the caller checks the policy and records the audit entry. Statements grow
 * with the framework's depth, not with the number of periods (one insert per level).
 */
export async function replaceFramework(trx: Db, projectId: number, framework: FrameworkResult[]): Promise<void> {
  await trx.deleteFrom("project_result").where("project_id", "=", projectId).execute();
  const idByRef = new Map<string, number>();
  for (const kind of ["outcome", "output"] as const) {
    const level = framework.map((r, order) => ({ r, order })).filter(({ r }) => r.kind === kind);
    if (level.length === 0) continue;
    const rows = await trx
      .insertInto("project_result")
      .values(
        level.map(({ r, order }) =>
          resultRow(projectId, r, order, r.parentRef ? (idByRef.get(r.parentRef) ?? null) : null),
        ),
      )
      .returning("id")
      .execute();
    level.forEach(({ r }, i) => idByRef.set(r.ref, rows[i]!.id));
  }
  const indicators = framework.flatMap((r) =>
    r.indicators.map((indicator, order) => ({ resultId: idByRef.get(r.ref)!, indicator, order })),
  );
  if (indicators.length === 0) return;
  const indicatorRows = await trx
    .insertInto("project_indicator")
    .values(indicators.map(indicatorRow))
    .returning("id")
    .execute();
  const periods = indicators.flatMap(({ indicator }, i) =>
    indicator.periods.map((p) => ({ indicatorId: indicatorRows[i]!.id, p })),
  );
  if (periods.length === 0) return;
  const now = new Date();
  await trx
    .insertInto("project_indicator_period")
    .values(periods.map((period) => periodRow(period, now)))
    .execute();
}

/**
 * Writes the results frameworks of many new projects (an IATI import, issue 14) in a constant number
 * of statements: one insert per level of results, one for the indicators, one for the periods (in
 * slices of 2,000 rows). The projects must have no framework yet; the caller audits.
 */
export async function insertFrameworks(
  trx: Db,
  entries: { projectId: number; framework: FrameworkResult[] }[],
): Promise<void> {
  const idByRef = new Map<string, number>();
  const key = (projectId: number, ref: string) => `${projectId}|${ref}`;
  const slices = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / 2000) }, (_, i) => rows.slice(i * 2000, (i + 1) * 2000));
  for (const kind of ["outcome", "output"] as const) {
    const level = entries.flatMap(({ projectId, framework }) =>
      framework.map((r, order) => ({ projectId, r, order })).filter(({ r }) => r.kind === kind),
    );
    for (const slice of slices(level)) {
      const rows = await trx
        .insertInto("project_result")
        .values(
          slice.map(({ projectId, r, order }) =>
            resultRow(projectId, r, order, r.parentRef ? (idByRef.get(key(projectId, r.parentRef)) ?? null) : null),
          ),
        )
        .returning("id")
        .execute();
      slice.forEach(({ projectId, r }, i) => idByRef.set(key(projectId, r.ref), rows[i]!.id));
    }
  }
  const indicators = entries.flatMap(({ projectId, framework }) =>
    framework.flatMap((r) =>
      r.indicators.map((indicator, order) => ({ resultId: idByRef.get(key(projectId, r.ref))!, indicator, order })),
    ),
  );
  const periods: { indicatorId: number; p: FrameworkIndicator["periods"][number] }[] = [];
  for (const slice of slices(indicators)) {
    const rows = await trx.insertInto("project_indicator").values(slice.map(indicatorRow)).returning("id").execute();
    slice.forEach(({ indicator }, i) =>
      periods.push(...indicator.periods.map((p) => ({ indicatorId: rows[i]!.id, p }))),
    );
  }
  const now = new Date();
  for (const slice of slices(periods)) {
    await trx
      .insertInto("project_indicator_period")
      .values(slice.map((period) => periodRow(period, now)))
      .execute();
  }
}

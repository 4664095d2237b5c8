import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { indexPlanMeasures, indexStrategy } from "#app/modules/plans/strategies.search.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { removeSearchEntry } from "#app/services/search-index.server.ts";
import { inCommandTransaction, refuse, type CommandFailure } from "#app/services/commands.server.ts";
import { editPlan, FORBIDDEN, NOT_FOUND } from "../planning.commands.server.ts";
import { nationalMeasuresOf, type CanonicalPlanTree } from "../plan-tree.server.ts";
import { WorkbookLimitError } from "./plan-workbook-limits.server.ts";
import {
  readWorkbook,
  validateWorkbook,
  type WorkbookError,
  type WorkbookReferences,
  type WorkbookTarget,
} from "./plan-workbook.server.ts";
import { planningPolicy } from "../planning.policy.ts";

/** Rows per INSERT statement (well under PostgreSQL's 65,535 parameters for the widest row). */
const BATCH = 1000;

/** Reports how far an import has come (rows written of all rows). */
export type ImportProgress = (done: number, total: number) => Promise<void> | void;

/** Loads what a workbook may refer to (a constant number of queries). */
export async function loadWorkbookReferences(
  db: Db,
  strategyId: number,
  targetPlanId: number | null,
): Promise<{
  references: WorkbookReferences;
  target: Omit<WorkbookTarget, "existing">;
  organisationIds: Map<string, number>;
  nationalMeasureIds: Map<string, number>;
} | null> {
  const [strategy, sectors, communities, municipalities, organisations, plans, national] = await Promise.all([
    db
      .selectFrom("strategy")
      .select(["period_start_year", "period_end_year"])
      .where("id", "=", strategyId)
      .executeTakeFirst(),
    db.selectFrom("sector").select("code").execute(),
    db.selectFrom("community").select("code").execute(),
    db.selectFrom("municipality").select("kas_code").execute(),
    db.selectFrom("organisation").select(["id", "slug"]).execute(),
    db.selectFrom("action_plan").select(["id", "code", "strategy_id", "kind", "kas_code"]).execute(),
    nationalMeasuresOf(db, strategyId).select(["m.id", "m.code"]).execute(),
  ]);
  if (!strategy) return null;
  const organisationIds = new Map(organisations.map((o) => [o.slug, o.id]));
  const others = plans.filter((p) => p.id !== targetPlanId);
  return {
    references: {
      sectors: new Set(sectors.map((s) => s.code)),
      communities: new Set(communities.map((c) => c.code)),
      municipalities: new Set(municipalities.map((m) => m.kas_code)),
      organisations: organisationIds,
      nationalMeasureCodes: new Set(national.map((m) => m.code)),
      strategyPeriod: { start: strategy.period_start_year, end: strategy.period_end_year },
    },
    target: {
      takenPlanCodes: new Set(others.map((p) => p.code)),
      hasNationalPlan: others.some((p) => p.strategy_id === strategyId && p.kind === "national"),
      localPlanMunicipalities: new Set(
        others
          .filter((p) => p.strategy_id === strategyId && p.kind === "local" && p.kas_code)
          .map((p) => p.kas_code as string),
      ),
    },
    organisationIds,
    nationalMeasureIds: new Map(national.map((m) => [m.code, m.id])),
  };
}

function batches<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/**
 * Makes a plan's contents exactly the tree: sectors, objectives, measures and indicators are
 * matched by code and updated in place (so their ids, and the links and reports that point at
 * them, survive), new ones are inserted, the rest deleted; budget lines, communities, supporting
 * institutions and targets are replaced. Every level is written with batched statements, so the
 * number of statements grows with the plan size divided by the batch size.
 */
export async function writePlanContent(
  trx: Db,
  planId: number,
  tree: CanonicalPlanTree,
  ids: { organisationIds: ReadonlyMap<string, number>; nationalMeasureIds: ReadonlyMap<string, number> },
  onProgress?: ImportProgress,
): Promise<{ sectors: number; objectives: number; measures: number; indicators: number; removedMeasureIds: number[] }> {
  // A measure's sector is its own when it has one, else its objective's (decision 045).
  const allMeasures = tree.sectors.flatMap((s) =>
    s.objectives.flatMap((o) =>
      o.measures.map((m, order) => ({ m, objectiveCode: o.code, sectorCode: m.sector ?? s.sectorCode, order })),
    ),
  );
  const allIndicators = allMeasures.flatMap(({ m }) =>
    m.indicators.map((i, order) => ({ i, measureCode: m.code, order })),
  );
  const total = allMeasures.length + allIndicators.length;
  let done = 0;
  // Never awaited: on PGlite the progress row is written through the one connection this
  // transaction holds, so waiting for it here would deadlock; the write lands after the commit
  // there, and at once on PostgreSQL (another connection of the pool).
  const step = async (n: number) => {
    done += n;
    if (onProgress) void Promise.resolve(onProgress(done, total)).catch(() => undefined);
  };

  await trx
    .updateTable("action_plan")
    .set({
      title: tree.plan.title,
      period_start_year: tree.plan.periodStartYear,
      period_end_year: tree.plan.periodEndYear,
    })
    .where("id", "=", planId)
    .execute();

  // Sectors
  const sectorIds = new Map<string, number>();
  if (tree.sectors.length) {
    const rows = await trx
      .insertInto("plan_sector")
      .values(
        tree.sectors.map((s, order) => ({ action_plan_id: planId, sector_code: s.sectorCode, sort_order: order })),
      )
      .onConflict((oc) =>
        oc
          .columns(["action_plan_id", "sector_code"])
          .doUpdateSet((eb) => ({ sort_order: eb.ref("excluded.sort_order") })),
      )
      .returning(["id", "sector_code"])
      .execute();
    for (const r of rows) sectorIds.set(r.sector_code, r.id);
  }

  // Objectives
  const objectiveIds = new Map<string, number>();
  const objectiveRows = tree.sectors.flatMap((s) =>
    s.objectives.map((o, order) => ({
      action_plan_id: planId,
      plan_sector_id: sectorIds.get(s.sectorCode) as number,
      code: o.code,
      title: JSON.stringify(o.title),
      description: JSON.stringify(o.description),
      sort_order: order,
    })),
  );
  for (const batch of batches(objectiveRows)) {
    const rows = await trx
      .insertInto("objective")
      .values(batch.map((r) => ({ ...r, title: sql`${r.title}::jsonb`, description: sql`${r.description}::jsonb` })))
      .onConflict((oc) =>
        oc.columns(["action_plan_id", "code"]).doUpdateSet((eb) => ({
          plan_sector_id: eb.ref("excluded.plan_sector_id"),
          title: eb.ref("excluded.title"),
          description: eb.ref("excluded.description"),
          sort_order: eb.ref("excluded.sort_order"),
        })),
      )
      .returning(["id", "code"])
      .execute();
    for (const r of rows) objectiveIds.set(r.code, r.id);
  }

  // Measures
  const measureIds = new Map<string, number>();
  const now = new Date();
  for (const batch of batches(allMeasures)) {
    const rows = await trx
      .insertInto("measure")
      .values(
        batch.map(({ m, objectiveCode, sectorCode, order }) => ({
          action_plan_id: planId,
          objective_id: objectiveIds.get(objectiveCode) as number,
          plan_sector_id: sectorIds.get(sectorCode) as number,
          code: m.code,
          title: sql`${JSON.stringify(m.title)}::jsonb`,
          description: sql`${JSON.stringify(m.description)}::jsonb`,
          responsible_organisation_id: ids.organisationIds.get(m.responsible) as number,
          start_date: m.startDate,
          end_date: m.endDate,
          implements_measure_id: m.implements ? (ids.nationalMeasureIds.get(m.implements) ?? null) : null,
          sort_order: order,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["action_plan_id", "code"]).doUpdateSet((eb) => ({
          objective_id: eb.ref("excluded.objective_id"),
          plan_sector_id: eb.ref("excluded.plan_sector_id"),
          title: eb.ref("excluded.title"),
          description: eb.ref("excluded.description"),
          responsible_organisation_id: eb.ref("excluded.responsible_organisation_id"),
          start_date: eb.ref("excluded.start_date"),
          end_date: eb.ref("excluded.end_date"),
          implements_measure_id: eb.ref("excluded.implements_measure_id"),
          sort_order: eb.ref("excluded.sort_order"),
          version: sql<number>`measure.version + 1`,
          updated_at: now,
        })),
      )
      .returning(["id", "code"])
      .execute();
    for (const r of rows) measureIds.set(r.code, r.id);
    await step(batch.length);
  }
  const keptMeasureIds = [...measureIds.values()];

  // The measures' own lists are replaced as a whole.
  const planMeasures = trx.selectFrom("measure").select("id").where("action_plan_id", "=", planId);
  await trx.deleteFrom("measure_supporting_organisation").where("measure_id", "in", planMeasures).execute();
  await trx.deleteFrom("measure_community").where("measure_id", "in", planMeasures).execute();
  await trx.deleteFrom("measure_budget").where("measure_id", "in", planMeasures).execute();
  const supporting = allMeasures.flatMap(({ m }) =>
    m.supporting.map((slug) => ({
      measure_id: measureIds.get(m.code) as number,
      organisation_id: ids.organisationIds.get(slug) as number,
    })),
  );
  for (const batch of batches(supporting))
    await trx.insertInto("measure_supporting_organisation").values(batch).execute();
  const communities = allMeasures.flatMap(({ m }) =>
    m.communities.map((community_code) => ({ measure_id: measureIds.get(m.code) as number, community_code })),
  );
  for (const batch of batches(communities)) await trx.insertInto("measure_community").values(batch).execute();
  const budget = allMeasures.flatMap(({ m }) =>
    m.budget.map((b) => ({
      measure_id: measureIds.get(m.code) as number,
      year: b.year,
      source: b.source,
      amount: b.amount,
    })),
  );
  for (const batch of batches(budget)) await trx.insertInto("measure_budget").values(batch).execute();

  // Indicators
  const indicatorIds = new Map<string, number>();
  for (const batch of batches(allIndicators)) {
    const rows = await trx
      .insertInto("indicator")
      .values(
        batch.map(({ i, measureCode, order }) => ({
          measure_id: measureIds.get(measureCode) as number,
          code: i.code,
          name: sql`${JSON.stringify(i.name)}::jsonb`,
          unit: i.unit,
          direction: i.direction,
          baseline_value: i.baselineValue,
          baseline_year: i.baselineYear,
          by_community: i.byCommunity,
          by_gender: i.byGender,
          sort_order: order,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["measure_id", "code"]).doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          unit: eb.ref("excluded.unit"),
          direction: eb.ref("excluded.direction"),
          baseline_value: eb.ref("excluded.baseline_value"),
          baseline_year: eb.ref("excluded.baseline_year"),
          by_community: eb.ref("excluded.by_community"),
          by_gender: eb.ref("excluded.by_gender"),
          sort_order: eb.ref("excluded.sort_order"),
        })),
      )
      .returning(["id", "measure_id", "code"])
      .execute();
    for (const r of rows) indicatorIds.set(`${r.measure_id}|${r.code}`, r.id);
    await step(batch.length);
  }
  const keptIndicatorIds = [...indicatorIds.values()];
  await trx
    .deleteFrom("indicator_target")
    .where(
      "indicator_id",
      "in",
      trx
        .selectFrom("indicator")
        .innerJoin("measure", "measure.id", "indicator.measure_id")
        .select("indicator.id")
        .where("measure.action_plan_id", "=", planId),
    )
    .execute();
  const targets = allIndicators.flatMap(({ i, measureCode }) => {
    const indicatorId = indicatorIds.get(`${measureIds.get(measureCode)}|${i.code}`) as number;
    return i.targets.map((t) => ({ indicator_id: indicatorId, year: t.year, value: t.value }));
  });
  for (const batch of batches(targets)) await trx.insertInto("indicator_target").values(batch).execute();

  // What the file no longer has goes.
  await trx
    .deleteFrom("indicator")
    .where("measure_id", "in", trx.selectFrom("measure").select("id").where("action_plan_id", "=", planId))
    .where(sql<boolean>`not (indicator.id = any(${sql.val(keptIndicatorIds)}::int[]))`)
    .execute();
  const removed = await trx
    .deleteFrom("measure")
    .where("action_plan_id", "=", planId)
    .where(sql<boolean>`not (measure.id = any(${sql.val(keptMeasureIds)}::int[]))`)
    .returning("id")
    .execute();
  await trx
    .deleteFrom("objective")
    .where("action_plan_id", "=", planId)
    .where(sql<boolean>`not (objective.id = any(${sql.val([...objectiveIds.values()])}::int[]))`)
    .execute();
  await trx
    .deleteFrom("plan_sector")
    .where("action_plan_id", "=", planId)
    .where(sql<boolean>`not (plan_sector.id = any(${sql.val([...sectorIds.values()])}::int[]))`)
    .execute();
  return {
    sectors: tree.sectors.length,
    objectives: objectiveRows.length,
    measures: allMeasures.length,
    indicators: allIndicators.length,
    removedMeasureIds: removed.map((r) => r.id),
  };
}

/** What an import asks for: the file, the strategy, and the plan to import into (null: a new plan). */
export interface ImportRequest {
  strategyId: number;
  planId: number | null;
  bytes: Uint8Array;
  /** The plan version the person saw (imports into an existing plan). */
  version: number | null;
  /** Why an adopted plan is changed. */
  reason: string | null;
}

export type ImportOutcome =
  | { ok: true; planId: number; measures: number; indicators: number }
  | { ok: false; status: 400; errors: Record<string, string>; rowErrors: WorkbookError[] }
  | CommandFailure;

/**
 * Imports a filled template: reads and validates every row first and reports every problem by
 * sheet, row and column; when there is none, writes the whole plan in one transaction (a new
 * draft plan, or the contents of an existing plan, with a revision when it is adopted) with an
 * audit record. Nothing is written when anything is wrong.
 */
export async function importPlanWorkbook(
  db: Db,
  audit: AuditContext,
  request: ImportRequest,
  onProgress?: ImportProgress,
): Promise<ImportOutcome> {
  const existing =
    request.planId === null
      ? null
      : await db
          .selectFrom("action_plan")
          .select(["id", "strategy_id", "code", "kind", "kas_code", "status"])
          .where("id", "=", request.planId)
          .executeTakeFirst();
  if (request.planId !== null) {
    if (!existing || existing.strategy_id !== request.strategyId) return NOT_FOUND;
    if (
      !planningPolicy.can(audit.actor, "plan.edit", {
        kind: existing.kind,
        kasCode: existing.kas_code,
        status: existing.status,
      })
    )
      return FORBIDDEN;
  } else if (!planningPolicy.can(audit.actor, "strategy.manage", null)) {
    return FORBIDDEN;
  }
  let sheets;
  try {
    sheets = await readWorkbook(request.bytes);
  } catch (error) {
    const key = error instanceof WorkbookLimitError ? error.refusal : "unreadable";
    return { ok: false, status: 400, errors: { file: `planning:import.errors.${key}` }, rowErrors: [] };
  }
  const loaded = await loadWorkbookReferences(db, request.strategyId, request.planId);
  if (!loaded) return NOT_FOUND;
  const result = validateWorkbook(sheets, loaded.references, {
    ...loaded.target,
    existing: existing ? { code: existing.code, kind: existing.kind, kasCode: existing.kas_code } : null,
  });
  if (!result.ok)
    return { ok: false, status: 400, errors: { file: "planning:import.errors.summary" }, rowErrors: result.errors };
  const tree = result.tree;
  await onProgress?.(
    0,
    tree.sectors.reduce(
      (n, s) => n + s.objectives.reduce((m, o) => m + o.measures.reduce((k, x) => k + 1 + x.indicators.length, 0), 0),
      0,
    ),
  );
  if (
    !planningPolicy.can(audit.actor, "plan.create", { kind: tree.plan.kind, kasCode: tree.plan.kasCode }) &&
    request.planId === null
  )
    return FORBIDDEN;

  const outcome = await inCommandTransaction(db, async (trx) => {
    if (request.planId === null) {
      const now = new Date();
      const plan = await trx
        .insertInto("action_plan")
        .values({
          strategy_id: request.strategyId,
          kind: tree.plan.kind,
          kas_code: tree.plan.kasCode,
          code: tree.plan.code,
          title: tree.plan.title,
          original_locale: tree.plan.title.sq ? "sq" : tree.plan.title.sr ? "sr" : "en",
          period_start_year: tree.plan.periodStartYear,
          period_end_year: tree.plan.periodEndYear,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const counts = await writePlanContent(trx, plan.id, tree, loaded, onProgress);
      await recordAudit(trx, audit, {
        action: "plan.import",
        subjectType: "action_plan",
        subjectId: plan.id,
        after: {
          code: tree.plan.code,
          sectors: counts.sectors,
          objectives: counts.objectives,
          measures: counts.measures,
          indicators: counts.indicators,
        },
      });
      await indexPlanMeasures(trx, plan.id);
      await indexStrategy(trx, request.strategyId);
      return { planId: plan.id, measures: counts.measures, indicators: counts.indicators };
    }
    if (request.version === null) refuse({ ok: false, status: 400, errors: { form: "core:form.invalid" } });
    return editPlan(trx, audit, request.planId, { version: request.version, reason: request.reason }, async (plan) => {
      const before = await trx
        .selectNoFrom((eb) => [
          eb
            .selectFrom("measure")
            .select((e) => e.fn.countAll<number>().as("n"))
            .where("action_plan_id", "=", plan.id)
            .as("measures"),
          eb
            .selectFrom("indicator")
            .innerJoin("measure", "measure.id", "indicator.measure_id")
            .select((e) => e.fn.countAll<number>().as("n"))
            .where("measure.action_plan_id", "=", plan.id)
            .as("indicators"),
        ])
        .executeTakeFirstOrThrow();
      const counts = await writePlanContent(trx, plan.id, tree, loaded, onProgress);
      for (const id of counts.removedMeasureIds) await removeSearchEntry(trx, "measure", id);
      await recordAudit(trx, audit, {
        action: "plan.import",
        subjectType: "action_plan",
        subjectId: plan.id,
        before: { measures: Number(before.measures), indicators: Number(before.indicators) },
        after: { measures: counts.measures, indicators: counts.indicators, reason: request.reason },
      });
      return { planId: plan.id, measures: counts.measures, indicators: counts.indicators };
    });
  });
  if (!outcome.ok) return outcome;
  return outcome;
}

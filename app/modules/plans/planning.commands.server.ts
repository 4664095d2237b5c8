import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import { insertRows } from "#app/db/insert-rows.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ActionPlanKind, StrategyStatus } from "#app/db/tables/strategies.ts";
import { slugify } from "#app/db/reference-data.server.ts";
import { indexPlanMeasures, indexStrategy } from "#app/modules/plans/strategies.search.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import {
  type CommandFailure,
  type CommandResult,
  inCommandTransaction,
  refuse,
  type Trx,
} from "#app/services/commands.server.ts";
import { linkedValues } from "#app/services/linked-row-values.server.ts";
import { removeSearchEntry } from "#app/services/search-index.server.ts";
import { uniqueSlug } from "#app/services/slugs.server.ts";
import {
  canonicalDecimal,
  canonicalText,
  INDICATOR_COLUMNS,
  loadCanonicalPlanTree,
  MEASURE_COLUMNS,
  MEASURE_LINKS,
  nationalMeasuresOf,
} from "./plan-tree.server.ts";
import { targetFits } from "./plan-rules.ts";
import { planningPolicy, type PlanSubject } from "./planning.policy.ts";
import type {
  IndicatorData,
  MeasureData,
  ObjectiveData,
  PlanCreateData,
  PlanUpdateData,
  RemoveData,
  StrategyFormData,
  StrategyUpdateData,
} from "./planning.schema.ts";

export const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "planning:errors.forbidden" } };
export const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "planning:errors.notFound" } };
export const EDITED_BY_OTHERS: CommandFailure = {
  ok: false,
  status: 409,
  errors: { form: "planning:errors.editedByOthers" },
};

function invalid(errors: Record<string, string>): CommandFailure {
  return { ok: false, status: 400, errors };
}

/** Builds a stored text from the form's languages (only the languages written; machine translations are not kept for edited fields). */
export function textFrom(values: { sq: string | null; sr: string | null; en: string | null }): TranslatedText {
  return canonicalText({ sq: values.sq ?? undefined, sr: values.sr ?? undefined, en: values.en ?? undefined });
}

/** The language a text was first written in: Albanian, else Serbian, else English. */
function originalLocaleOf(text: TranslatedText): "sq" | "sr" | "en" {
  return text.sq ? "sq" : text.sr ? "sr" : "en";
}

function organisationOf(audit: AuditContext): number | null {
  return audit.actor.kind === "user"
    ? (audit.actor.grants.find((g) => g.organisationId !== null)?.organisationId ?? null)
    : null;
}

// --- strategies ---------------------------------------------------------------------------

function uniqueStrategySlug(trx: Db, title: TranslatedText): Promise<string> {
  return uniqueSlug(
    trx,
    "strategy",
    slugify(title.en || title.sq || title.sr || "")
      .slice(0, 80)
      .replace(/-+$/, "") || "strategy",
  );
}

async function checkOrganisation(trx: Db, id: number): Promise<boolean> {
  return Boolean(await trx.selectFrom("organisation").select("id").where("id", "=", id).executeTakeFirst());
}

function strategyColumns(data: StrategyFormData) {
  const title = textFrom({ sq: data.titleSq, sr: data.titleSr, en: data.titleEn });
  return {
    title,
    summary: textFrom({ sq: data.summarySq, sr: data.summarySr, en: data.summaryEn }),
    original_locale: originalLocaleOf(title),
    period_start_year: data.periodStartYear,
    period_end_year: data.periodEndYear,
    owner_organisation_id: data.ownerOrganisationId,
    status: data.status,
  };
}

/** Creates a strategy (coordinators), with a unique slug from its English or Albanian title. */
export async function createStrategy(
  db: Db,
  audit: AuditContext,
  data: StrategyFormData,
): Promise<CommandResult<{ id: number; slug: string }>> {
  if (!planningPolicy.can(audit.actor, "strategy.manage", null)) return FORBIDDEN;
  return inCommandTransaction(db, async (trx) => {
    if (!(await checkOrganisation(trx, data.ownerOrganisationId)))
      refuse(invalid({ ownerOrganisationId: "planning:errors.unknownOrganisation" }));
    const columns = strategyColumns(data);
    const slug = await uniqueStrategySlug(trx, columns.title);
    const now = new Date();
    const row = await trx
      .insertInto("strategy")
      .values({ ...columns, slug, adopted_at: data.status === "draft" ? null : now, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "strategy.create",
      subjectType: "strategy",
      subjectId: row.id,
      after: { ...columns, slug },
      organisationId: organisationOf(audit),
    });
    await indexStrategy(trx, row.id);
    return { id: row.id, slug };
  });
}

/** Changes a strategy (coordinators); a stale version is a conflict (409). */
export async function updateStrategy(
  db: Db,
  audit: AuditContext,
  id: number,
  data: StrategyUpdateData,
): Promise<CommandResult<{ id: number }>> {
  if (!planningPolicy.can(audit.actor, "strategy.manage", null)) return FORBIDDEN;
  return inCommandTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("strategy")
      .select([
        "title",
        "summary",
        "original_locale",
        "period_start_year",
        "period_end_year",
        "owner_organisation_id",
        "status",
        "adopted_at",
        "version",
      ])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) refuse(NOT_FOUND);
    if (before.version !== data.version) refuse(EDITED_BY_OTHERS);
    if (!(await checkOrganisation(trx, data.ownerOrganisationId)))
      refuse(invalid({ ownerOrganisationId: "planning:errors.unknownOrganisation" }));
    const columns = strategyColumns(data);
    const adoptedAt = columns.status === "draft" ? null : (before.adopted_at ?? new Date());
    await trx
      .updateTable("strategy")
      .set({ ...columns, adopted_at: adoptedAt, version: before.version + 1, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    const { version: _v, adopted_at: _a, ...shown } = before;
    await recordAudit(trx, audit, {
      action: "strategy.update",
      subjectType: "strategy",
      subjectId: id,
      before: { ...shown, title: canonicalText(before.title), summary: canonicalText(before.summary) },
      after: columns,
      organisationId: organisationOf(audit),
    });
    await indexStrategy(trx, id);
    return { id };
  });
}

/** Locks a strategy for a change under it (a new plan, a document) and returns its period, or refuses with 404. */
export async function lockStrategy(trx: Db, strategyId: number) {
  const strategy = await trx
    .selectFrom("strategy")
    .select(["id", "period_start_year", "period_end_year"])
    .where("id", "=", strategyId)
    .forUpdate()
    .executeTakeFirst();
  if (!strategy) refuse(NOT_FOUND);
  return strategy;
}

// --- plans ---------------------------------------------------------------------------------

/** Creates a national or local action plan in a strategy (coordinators); one national plan and one local plan per municipality. */
export async function createPlan(
  db: Db,
  audit: AuditContext,
  strategyId: number,
  data: PlanCreateData,
): Promise<CommandResult<{ id: number }>> {
  const kasCode = data.kind === "local" ? data.kasCode : null;
  if (!planningPolicy.can(audit.actor, "plan.create", { kind: data.kind, kasCode })) return FORBIDDEN;
  return inCommandTransaction(db, async (trx) => {
    const strategy = await lockStrategy(trx, strategyId);
    const errors: Record<string, string> = {};
    if (
      kasCode &&
      !(await trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", kasCode).executeTakeFirst())
    )
      errors.kasCode = "planning:errors.unknownMunicipality";
    if (data.periodStartYear < strategy.period_start_year)
      errors.periodStartYear = "planning:errors.outsideStrategyPeriod";
    if (data.periodEndYear > strategy.period_end_year) errors.periodEndYear = "planning:errors.outsideStrategyPeriod";
    if (await trx.selectFrom("action_plan").select("id").where("code", "=", data.code).executeTakeFirst())
      errors.code = "planning:errors.codeTaken";
    const existing = await trx
      .selectFrom("action_plan")
      .select("id")
      .where("strategy_id", "=", strategyId)
      .where("kind", "=", data.kind)
      .$if(kasCode !== null, (q) => q.where("kas_code", "=", kasCode))
      .executeTakeFirst();
    if (existing)
      errors.kind = data.kind === "national" ? "planning:errors.nationalExists" : "planning:errors.localExists";
    if (Object.keys(errors).length) refuse(invalid(errors));
    const title = textFrom({ sq: data.titleSq, sr: data.titleSr, en: data.titleEn });
    const now = new Date();
    const columns = {
      strategy_id: strategyId,
      kind: data.kind as ActionPlanKind,
      kas_code: kasCode,
      code: data.code,
      title,
      original_locale: originalLocaleOf(title),
      period_start_year: data.periodStartYear,
      period_end_year: data.periodEndYear,
    };
    const row = await trx
      .insertInto("action_plan")
      .values({ ...columns, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "plan.create",
      subjectType: "action_plan",
      subjectId: row.id,
      after: columns,
      organisationId: organisationOf(audit),
    });
    await indexPlanMeasures(trx, row.id);
    return { id: row.id };
  });
}

/** The locked plan row an edit works on. */
export interface LockedPlan extends PlanSubject {
  id: number;
  strategyId: number;
  code: string;
  periodStartYear: number;
  periodEndYear: number;
  version: number;
  revision: number;
}

/** Locks a plan for a write (SELECT … FOR UPDATE), or refuses with 404. */
export async function lockPlan(trx: Trx, planId: number): Promise<LockedPlan> {
  const row = await trx
    .selectFrom("action_plan")
    .select([
      "id",
      "strategy_id",
      "code",
      "kind",
      "kas_code",
      "status",
      "period_start_year",
      "period_end_year",
      "version",
      "revision",
    ])
    .where("id", "=", planId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) refuse(NOT_FOUND);
  return {
    id: row.id,
    strategyId: row.strategy_id,
    code: row.code,
    kind: row.kind,
    kasCode: row.kas_code,
    status: row.status,
    periodStartYear: row.period_start_year,
    periodEndYear: row.period_end_year,
    version: row.version,
    revision: row.revision,
  };
}

/**
 * Writes a new revision snapshot of an adopted plan (the canonical tree after the change) with
 * its reason and author, and moves the plan's revision number on. Call it last, in the
 * transaction of the change.
 */
export async function writeRevision(
  trx: Db,
  audit: AuditContext,
  planId: number,
  revision: number,
  reason: string,
): Promise<void> {
  const snapshot = await loadCanonicalPlanTree(trx, planId);
  await trx
    .insertInto("action_plan_revision")
    .values({
      action_plan_id: planId,
      revision,
      reason,
      snapshot: JSON.stringify(snapshot),
      created_by: audit.actor.kind === "user" ? audit.actor.userId : null,
      created_at: new Date(),
    })
    .execute();
  await trx.updateTable("action_plan").set({ revision }).where("id", "=", planId).execute();
}

/**
 * Every change to a plan's contents goes through here: lock the plan, check the policy, the
 * version the editor started from (409 when someone saved in between) and, for an adopted plan,
 * the reason; run the change; move the version on; write the revision snapshot of an adopted
 * plan; refresh the search index. All in the caller's transaction.
 */
export async function editPlan<T extends object>(
  trx: Trx,
  audit: AuditContext,
  planId: number,
  input: { version: number; reason: string | null },
  change: (plan: LockedPlan) => Promise<T>,
): Promise<T> {
  const plan = await lockPlan(trx, planId);
  if (!planningPolicy.can(audit.actor, "plan.edit", plan)) refuse(FORBIDDEN);
  if (plan.version !== input.version) refuse(EDITED_BY_OTHERS);
  if (plan.status === "adopted" && !input.reason) refuse(invalid({ reason: "planning:errors.reasonRequired" }));
  const result = await change(plan);
  await trx
    .updateTable("action_plan")
    .set({ version: plan.version + 1, updated_at: new Date() })
    .where("id", "=", planId)
    .execute();
  if (plan.status === "adopted") await writeRevision(trx, audit, planId, plan.revision + 1, input.reason ?? "");
  await indexPlanMeasures(trx, planId);
  // The strategy's entry lists the sectors of its plans.
  await indexStrategy(trx, plan.strategyId);
  return result;
}

/** The audited changes of a plan's contents, each with what it is recorded on: the plan itself (its own fields, its sectors) or the item changed. */
const PLAN_CHANGES = {
  "plan.update": "action_plan",
  "plan.sector.add": "action_plan",
  "plan.sector.remove": "action_plan",
  "plan.objective.create": "objective",
  "plan.objective.update": "objective",
  "plan.objective.remove": "objective",
  "plan.measure.create": "measure",
  "plan.measure.update": "measure",
  "plan.measure.remove": "measure",
  "plan.indicator.create": "indicator",
  "plan.indicator.update": "indicator",
  "plan.indicator.remove": "indicator",
} as const;

/** An audited change of a plan's contents. */
export type PlanChangeAction = keyof typeof PLAN_CHANGES;

/** What one change of a plan's contents wrote: the command's result, and the state before and after for the audit record. */
export interface PlanChange<T extends { id: number }> {
  result: T;
  /** The state before the change (none for an item created). */
  before?: Record<string, unknown>;
  /** The state after the change (none for an item removed); the reason given is added to it. */
  after?: Record<string, unknown>;
}

/**
 * The command skeleton of every change of a plan's contents (its title and period, a sector, an
 * objective, a measure, an indicator), in one transaction: `editPlan` locks the plan and checks it,
 * `write` makes the change, the audit record of `action` keeps the state before and after it with the
 * reason — on the plan for the plan's own fields and its sectors, else on the item of the result's id —
 * and `editPlan` then moves the version on, writes the revision snapshot of an adopted plan and
 * refreshes the search index. A refusal anywhere rolls everything back.
 */
export function changePlan<T extends { id: number }>(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { version: number; reason: string | null },
  action: PlanChangeAction,
  write: (trx: Trx, plan: LockedPlan) => Promise<PlanChange<T>>,
): Promise<CommandResult<T>> {
  return inCommandTransaction(db, (trx) =>
    editPlan(trx, audit, planId, input, async (plan) => {
      const { result, before, after } = await write(trx, plan);
      const subjectType = PLAN_CHANGES[action];
      await recordAudit(trx, audit, {
        action,
        subjectType,
        subjectId: subjectType === "action_plan" ? planId : result.id,
        before,
        after: { ...after, reason: input.reason },
        organisationId: organisationOf(audit),
      });
      return result;
    }),
  );
}

/** Changes a plan's title and period (every measure, budget line and target must still fit the period). */
export function updatePlan(
  db: Db,
  audit: AuditContext,
  planId: number,
  data: PlanUpdateData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.update", async (trx, plan) => {
    const before = await trx
      .selectFrom("action_plan")
      .select(["title", "period_start_year", "period_end_year"])
      .where("id", "=", planId)
      .executeTakeFirstOrThrow();
    const strategy = await trx
      .selectFrom("strategy")
      .select(["period_start_year", "period_end_year"])
      .where("id", "=", plan.strategyId)
      .executeTakeFirstOrThrow();
    const errors: Record<string, string> = {};
    if (data.periodStartYear < strategy.period_start_year)
      errors.periodStartYear = "planning:errors.outsideStrategyPeriod";
    if (data.periodEndYear > strategy.period_end_year) errors.periodEndYear = "planning:errors.outsideStrategyPeriod";
    const span = await trx
      .selectNoFrom((eb) => [
        eb
          .selectFrom("measure")
          .select((e) => e.fn.min("start_date").as("v"))
          .where("action_plan_id", "=", planId)
          .as("first_start"),
        eb
          .selectFrom("measure")
          .select((e) => e.fn.max("end_date").as("v"))
          .where("action_plan_id", "=", planId)
          .as("last_end"),
        eb
          .selectFrom("measure_budget")
          .innerJoin("measure", "measure.id", "measure_budget.measure_id")
          .select((e) => e.fn.min("measure_budget.year").as("v"))
          .where("measure.action_plan_id", "=", planId)
          .as("first_budget"),
        eb
          .selectFrom("measure_budget")
          .innerJoin("measure", "measure.id", "measure_budget.measure_id")
          .select((e) => e.fn.max("measure_budget.year").as("v"))
          .where("measure.action_plan_id", "=", planId)
          .as("last_budget"),
      ])
      .executeTakeFirstOrThrow();
    const firstYear = Math.min(
      ...[span.first_start, span.first_budget].filter((v) => v !== null).map((v) => Number(String(v).slice(0, 4))),
    );
    const lastYear = Math.max(
      ...[span.last_end, span.last_budget].filter((v) => v !== null).map((v) => Number(String(v).slice(0, 4))),
    );
    if (Number.isFinite(firstYear) && firstYear < data.periodStartYear)
      errors.periodStartYear ??= "planning:errors.periodExcludesMeasures";
    if (Number.isFinite(lastYear) && lastYear > data.periodEndYear)
      errors.periodEndYear ??= "planning:errors.periodExcludesMeasures";
    if (Object.keys(errors).length) refuse(invalid(errors));
    const title = textFrom({ sq: data.titleSq, sr: data.titleSr, en: data.titleEn });
    const after = { title, period_start_year: data.periodStartYear, period_end_year: data.periodEndYear };
    await trx.updateTable("action_plan").set(after).where("id", "=", planId).execute();
    return { result: { id: planId }, before: { ...before, title: canonicalText(before.title) }, after };
  });
}

async function setPlanStatus(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { version: number; reason: string | null },
  target: "adopted" | "closed",
): Promise<CommandResult<{ id: number }>> {
  return inCommandTransaction(db, async (trx) => {
    const plan = await lockPlan(trx, planId);
    if (!planningPolicy.can(audit.actor, target === "adopted" ? "plan.adopt" : "plan.close", plan)) refuse(FORBIDDEN);
    if (plan.version !== input.version) refuse(EDITED_BY_OTHERS);
    if (
      target === "adopted" &&
      !(await trx.selectFrom("measure").select("id").where("action_plan_id", "=", planId).limit(1).executeTakeFirst())
    )
      refuse(invalid({ form: "planning:errors.adoptEmpty" }));
    if (target === "closed" && !input.reason) refuse(invalid({ reason: "planning:errors.reasonRequired" }));
    const now = new Date();
    await trx
      .updateTable("action_plan")
      .set({
        status: target,
        version: plan.version + 1,
        updated_at: now,
        ...(target === "adopted" ? { adopted_at: now } : {}),
      })
      .where("id", "=", planId)
      .execute();
    if (target === "adopted") await writeRevision(trx, audit, planId, plan.revision + 1, "adopted");
    await recordAudit(trx, audit, {
      action: target === "adopted" ? "plan.adopt" : "plan.close",
      subjectType: "action_plan",
      subjectId: planId,
      before: { status: plan.status },
      after: { status: target, reason: target === "adopted" ? "adopted" : input.reason },
      organisationId: organisationOf(audit),
    });
    await indexPlanMeasures(trx, planId);
    await indexStrategy(trx, plan.strategyId);
    return { id: planId };
  });
}

/** Adopts a draft plan (coordinators): status adopted and revision 1 with the reason "adopted". */
export function adoptPlan(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { version: number },
): Promise<CommandResult<{ id: number }>> {
  return setPlanStatus(db, audit, planId, { version: input.version, reason: null }, "adopted");
}

/** Closes an adopted plan (coordinators), with a reason; a closed plan is read-only. */
export function closePlan(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { version: number; reason: string | null },
): Promise<CommandResult<{ id: number }>> {
  return setPlanStatus(db, audit, planId, input, "closed");
}

// --- sectors and objectives ------------------------------------------------------------------

/** The sort order after the last of a parent's rows on one level of a plan (0 for the first). */
async function nextSortOrder(
  trx: Db,
  table: "plan_sector" | "objective" | "measure" | "indicator",
  parent: "action_plan_id" | "plan_sector_id" | "objective_id" | "measure_id",
  parentId: number,
): Promise<number> {
  const order = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.coalesce(eb.fn.max("sort_order"), eb.lit(-1)).as("max"))
    .where(parent, "=", parentId)
    .executeTakeFirstOrThrow();
  return Number(order.max) + 1;
}

/** Adds a sector of the reference list to a plan. */
export function addPlanSector(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { sectorCode: string; version: number; reason: string | null },
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, input, "plan.sector.add", async (trx) => {
    if (!(await trx.selectFrom("sector").select("code").where("code", "=", input.sectorCode).executeTakeFirst()))
      refuse(invalid({ sectorCode: "planning:errors.unknownSector" }));
    if (
      await trx
        .selectFrom("plan_sector")
        .select("id")
        .where("action_plan_id", "=", planId)
        .where("sector_code", "=", input.sectorCode)
        .executeTakeFirst()
    )
      refuse(invalid({ sectorCode: "planning:errors.sectorTaken" }));
    const sortOrder = await nextSortOrder(trx, "plan_sector", "action_plan_id", planId);
    const row = await trx
      .insertInto("plan_sector")
      .values({ action_plan_id: planId, sector_code: input.sectorCode, sort_order: sortOrder })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { result: { id: row.id }, after: { sector: input.sectorCode } };
  });
}

/** Ids of the measures below a sector or an objective, to take them out of the search index. */
async function measureIdsUnder(
  trx: Db,
  where: { planSectorId?: number; objectiveId?: number; measureId?: number },
): Promise<number[]> {
  let query = trx
    .selectFrom("measure")
    .innerJoin("objective", "objective.id", "measure.objective_id")
    .select("measure.id");
  // A sector takes with it its objectives' measures and the measures of other objectives that are in it.
  const sectorId = where.planSectorId;
  if (sectorId !== undefined)
    query = query.where((eb) =>
      eb.or([eb("objective.plan_sector_id", "=", sectorId), eb("measure.plan_sector_id", "=", sectorId)]),
    );
  if (where.objectiveId !== undefined) query = query.where("measure.objective_id", "=", where.objectiveId);
  if (where.measureId !== undefined) query = query.where("measure.id", "=", where.measureId);
  return (await query.execute()).map((r) => r.id);
}

async function unindexMeasures(trx: Db, ids: number[]): Promise<void> {
  for (const id of ids) await removeSearchEntry(trx, "measure", id);
}

/** Removes a sector from a plan, with its objectives (and all their measures), the measures in it, and their indicators. */
export function removePlanSector(
  db: Db,
  audit: AuditContext,
  planId: number,
  input: { planSectorId: number; version: number; reason: string | null },
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, input, "plan.sector.remove", async (trx) => {
    const sector = await trx
      .selectFrom("plan_sector")
      .select(["id", "sector_code"])
      .where("id", "=", input.planSectorId)
      .where("action_plan_id", "=", planId)
      .executeTakeFirst();
    if (!sector) refuse(NOT_FOUND);
    await unindexMeasures(trx, await measureIdsUnder(trx, { planSectorId: sector.id }));
    await trx.deleteFrom("plan_sector").where("id", "=", sector.id).execute();
    return { result: { id: sector.id }, before: { sector: sector.sector_code } };
  });
}

async function checkObjective(trx: Db, planId: number, data: ObjectiveData, objectiveId: number | null): Promise<void> {
  const errors: Record<string, string> = {};
  if (
    !(await trx
      .selectFrom("plan_sector")
      .select("id")
      .where("id", "=", data.planSectorId)
      .where("action_plan_id", "=", planId)
      .executeTakeFirst())
  )
    errors.planSectorId = "planning:errors.sectorRequired";
  const clash = await trx
    .selectFrom("objective")
    .select("id")
    .where("action_plan_id", "=", planId)
    .where("code", "=", data.code)
    .executeTakeFirst();
  if (clash && clash.id !== objectiveId) errors.code = "planning:errors.codeTaken";
  if (Object.keys(errors).length) refuse(invalid(errors));
}

function objectiveColumns(data: ObjectiveData) {
  return {
    plan_sector_id: data.planSectorId,
    code: data.code,
    title: textFrom({ sq: data.titleSq, sr: data.titleSr, en: data.titleEn }),
    description: textFrom({ sq: data.descriptionSq, sr: data.descriptionSr, en: data.descriptionEn }),
  };
}

/** An objective of the plan as its audit record shows it, or 404. */
async function objectiveBefore(trx: Db, planId: number, objectiveId: number) {
  const before = await trx
    .selectFrom("objective")
    .select(["plan_sector_id", "code", "title", "description"])
    .where("id", "=", objectiveId)
    .where("action_plan_id", "=", planId)
    .executeTakeFirst();
  if (!before) refuse(NOT_FOUND);
  return before;
}

/** Adds an objective under one of the plan's sectors. */
export function createObjective(
  db: Db,
  audit: AuditContext,
  planId: number,
  data: ObjectiveData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.objective.create", async (trx) => {
    await checkObjective(trx, planId, data, null);
    const columns = objectiveColumns(data);
    const sortOrder = await nextSortOrder(trx, "objective", "plan_sector_id", data.planSectorId);
    const row = await trx
      .insertInto("objective")
      .values({ ...columns, action_plan_id: planId, sort_order: sortOrder })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { result: { id: row.id }, after: columns };
  });
}

/** Changes an objective (its sector, code, title, description). */
export function updateObjective(
  db: Db,
  audit: AuditContext,
  planId: number,
  objectiveId: number,
  data: ObjectiveData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.objective.update", async (trx) => {
    const before = await objectiveBefore(trx, planId, objectiveId);
    await checkObjective(trx, planId, data, objectiveId);
    const columns = objectiveColumns(data);
    await trx.updateTable("objective").set(columns).where("id", "=", objectiveId).execute();
    return { result: { id: objectiveId }, before, after: columns };
  });
}

/** Removes an objective with its measures. */
export function removeObjective(
  db: Db,
  audit: AuditContext,
  planId: number,
  objectiveId: number,
  input: RemoveData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, input, "plan.objective.remove", async (trx) => {
    const before = await objectiveBefore(trx, planId, objectiveId);
    await unindexMeasures(trx, await measureIdsUnder(trx, { objectiveId }));
    await trx.deleteFrom("objective").where("id", "=", objectiveId).execute();
    return { result: { id: objectiveId }, before };
  });
}

// --- measures --------------------------------------------------------------------------------

/**
 * Checks a measure form against the plan and the reference data (a constant number of queries).
 * Returns the measure's plan sector: the one chosen, or its objective's (decision 045).
 */
async function checkMeasure(trx: Db, plan: LockedPlan, data: MeasureData, measureId: number | null): Promise<number> {
  const errors: Record<string, string> = {};
  const orgIds = [...new Set([data.responsibleOrganisationId, ...data.supportingOrganisationIds])];
  const [objective, sector, clash, organisations, communities, implemented] = await Promise.all([
    trx
      .selectFrom("objective")
      .select(["id", "plan_sector_id"])
      .where("id", "=", data.objectiveId)
      .where("action_plan_id", "=", plan.id)
      .executeTakeFirst(),
    data.planSectorId === null
      ? Promise.resolve(undefined)
      : trx
          .selectFrom("plan_sector")
          .select("id")
          .where("id", "=", data.planSectorId)
          .where("action_plan_id", "=", plan.id)
          .executeTakeFirst(),
    trx
      .selectFrom("measure")
      .select("id")
      .where("action_plan_id", "=", plan.id)
      .where("code", "=", data.code)
      .executeTakeFirst(),
    trx.selectFrom("organisation").select("id").where("id", "in", orgIds).execute(),
    data.communities.length
      ? trx.selectFrom("community").select("code").where("code", "in", data.communities).execute()
      : Promise.resolve([]),
    data.implementsMeasureId
      ? nationalMeasuresOf(trx, plan.strategyId)
          .select("m.id")
          .where("m.id", "=", data.implementsMeasureId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const known = new Set(organisations.map((o) => o.id));
  if (!objective) errors.objectiveId = "planning:errors.objectiveRequired";
  if (data.planSectorId !== null && !sector) errors.planSectorId = "planning:errors.sectorRequired";
  if (clash && clash.id !== measureId) errors.code = "planning:errors.codeTaken";
  if (!known.has(data.responsibleOrganisationId))
    errors.responsibleOrganisationId = "planning:errors.unknownOrganisation";
  if (data.supportingOrganisationIds.some((id) => !known.has(id)))
    errors.supportingOrganisationIds = "planning:errors.unknownOrganisation";
  if (communities.length !== data.communities.length) errors.communities = "planning:errors.unknownCommunity";
  if (data.implementsMeasureId && (plan.kind !== "local" || !implemented))
    errors.implementsMeasureId = "planning:errors.implementsInvalid";
  if (
    Number(data.startDate.slice(0, 4)) < plan.periodStartYear ||
    Number(data.startDate.slice(0, 4)) > plan.periodEndYear
  )
    errors.startDate = "planning:errors.outsidePeriod";
  if (Number(data.endDate.slice(0, 4)) > plan.periodEndYear || Number(data.endDate.slice(0, 4)) < plan.periodStartYear)
    errors.endDate = "planning:errors.outsidePeriod";
  for (const line of data.budget) {
    if (line.year < plan.periodStartYear || line.year > plan.periodEndYear)
      errors[`budget-${line.year}-${line.source}`] = "planning:errors.outsidePeriod";
  }
  if (Object.keys(errors).length || !objective) refuse(invalid(errors));
  return sector?.id ?? objective.plan_sector_id;
}

function measureColumns(data: MeasureData, planSectorId: number) {
  return {
    objective_id: data.objectiveId,
    plan_sector_id: planSectorId,
    code: data.code,
    title: textFrom({ sq: data.titleSq, sr: data.titleSr, en: data.titleEn }),
    description: textFrom({ sq: data.descriptionSq, sr: data.descriptionSr, en: data.descriptionEn }),
    responsible_organisation_id: data.responsibleOrganisationId,
    start_date: data.startDate,
    end_date: data.endDate,
    implements_measure_id: data.implementsMeasureId,
  };
}

async function measureSnapshot(trx: Db, measureId: number) {
  return trx
    .selectFrom("measure as m")
    .select([...MEASURE_COLUMNS, "m.version"])
    .select([
      linkedValues<number>(MEASURE_LINKS.supporting, "m.id").as("supporting"),
      linkedValues<string>(MEASURE_LINKS.communities, "m.id").as("communities"),
      sql<
        string[]
      >`array(select b.year || ' ' || b.source || ' ' || b.amount from measure_budget b where b.measure_id = m.id order by 1)`.as(
        "budget",
      ),
    ])
    .where("m.id", "=", measureId)
    .executeTakeFirst();
}

async function writeMeasureLinks(trx: Db, measureId: number, data: MeasureData, replace: boolean): Promise<void> {
  if (replace) {
    await trx.deleteFrom("measure_supporting_organisation").where("measure_id", "=", measureId).execute();
    await trx.deleteFrom("measure_community").where("measure_id", "=", measureId).execute();
    await trx.deleteFrom("measure_budget").where("measure_id", "=", measureId).execute();
  }
  const supporting = data.supportingOrganisationIds.filter((id) => id !== data.responsibleOrganisationId);
  await insertRows(
    trx,
    "measure_supporting_organisation",
    supporting.map((organisation_id) => ({ measure_id: measureId, organisation_id })),
  );
  await insertRows(
    trx,
    "measure_community",
    data.communities.map((community_code) => ({ measure_id: measureId, community_code })),
  );
  await insertRows(
    trx,
    "measure_budget",
    data.budget.map((b) => ({
      measure_id: measureId,
      year: b.year,
      source: b.source,
      amount: canonicalDecimal(b.amount),
    })),
  );
}

/** A measure of the plan as its audit record shows it (`measureSnapshot`), or 404. */
async function measureBefore(trx: Db, planId: number, measureId: number) {
  const before = await measureSnapshot(trx, measureId);
  const owner = await trx.selectFrom("measure").select("action_plan_id").where("id", "=", measureId).executeTakeFirst();
  if (!before || owner?.action_plan_id !== planId) refuse(NOT_FOUND);
  return before;
}

/** Adds a measure to an objective of the plan. */
export function createMeasure(
  db: Db,
  audit: AuditContext,
  planId: number,
  data: MeasureData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.measure.create", async (trx, plan) => {
    const columns = measureColumns(data, await checkMeasure(trx, plan, data, null));
    const sortOrder = await nextSortOrder(trx, "measure", "objective_id", data.objectiveId);
    const now = new Date();
    const row = await trx
      .insertInto("measure")
      .values({ ...columns, action_plan_id: planId, sort_order: sortOrder, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeMeasureLinks(trx, row.id, data, false);
    return { result: { id: row.id }, after: await measureSnapshot(trx, row.id) };
  });
}

/** Changes a measure: texts, institutions, dates, communities, the national measure it implements, the budget. */
export function updateMeasure(
  db: Db,
  audit: AuditContext,
  planId: number,
  measureId: number,
  data: MeasureData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.measure.update", async (trx, plan) => {
    const before = await measureBefore(trx, planId, measureId);
    const columns = measureColumns(data, await checkMeasure(trx, plan, data, measureId));
    await trx
      .updateTable("measure")
      .set({ ...columns, version: before.version + 1, updated_at: new Date() })
      .where("id", "=", measureId)
      .execute();
    await writeMeasureLinks(trx, measureId, data, true);
    return { result: { id: measureId }, before, after: await measureSnapshot(trx, measureId) };
  });
}

/** Removes a measure with its indicators. */
export function removeMeasure(
  db: Db,
  audit: AuditContext,
  planId: number,
  measureId: number,
  input: RemoveData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, input, "plan.measure.remove", async (trx) => {
    const before = await measureBefore(trx, planId, measureId);
    await trx.deleteFrom("measure").where("id", "=", measureId).execute();
    await removeSearchEntry(trx, "measure", measureId);
    return { result: { id: measureId }, before };
  });
}

// --- indicators ------------------------------------------------------------------------------

async function indicatorMeasure(trx: Db, planId: number, measureId: number): Promise<void> {
  const owner = await trx.selectFrom("measure").select("action_plan_id").where("id", "=", measureId).executeTakeFirst();
  if (owner?.action_plan_id !== planId) refuse(NOT_FOUND);
}

async function checkIndicator(
  trx: Db,
  plan: LockedPlan,
  measureId: number,
  data: IndicatorData,
  indicatorId: number | null,
): Promise<void> {
  const errors: Record<string, string> = {};
  const clash = await trx
    .selectFrom("indicator")
    .select("id")
    .where("measure_id", "=", measureId)
    .where("code", "=", data.code)
    .executeTakeFirst();
  if (clash && clash.id !== indicatorId) errors.code = "planning:errors.codeTaken";
  if (data.baselineYear !== null && data.baselineYear > plan.periodEndYear)
    errors.baselineYear = "planning:errors.outsidePeriod";
  for (const target of data.targets) {
    if (target.year < plan.periodStartYear || target.year > plan.periodEndYear)
      errors[`target-${target.year}`] = "planning:errors.outsidePeriod";
    else if (!targetFits(data.unit, target.value))
      errors[`target-${target.year}`] = `planning:errors.unit.${data.unit}`;
  }
  if (data.baselineValue !== null && !targetFits(data.unit, data.baselineValue))
    errors.baselineValue = `planning:errors.unit.${data.unit}`;
  if (Object.keys(errors).length) refuse(invalid(errors));
}

function indicatorColumns(data: IndicatorData) {
  return {
    code: data.code,
    name: textFrom({ sq: data.nameSq, sr: data.nameSr, en: data.nameEn }),
    unit: data.unit,
    direction: data.direction,
    baseline_value: data.baselineValue === null ? null : canonicalDecimal(data.baselineValue),
    baseline_year: data.baselineYear,
    by_community: data.byCommunity,
    by_gender: data.byGender,
  };
}

async function indicatorSnapshot(trx: Db, indicatorId: number) {
  return trx
    .selectFrom("indicator as i")
    .select(["i.measure_id", ...INDICATOR_COLUMNS])
    .select(
      sql<
        string[]
      >`array(select t.year || ' ' || t.value from indicator_target t where t.indicator_id = i.id order by 1)`.as(
        "targets",
      ),
    )
    .where("i.id", "=", indicatorId)
    .executeTakeFirst();
}

async function writeTargets(trx: Db, indicatorId: number, data: IndicatorData): Promise<void> {
  await trx.deleteFrom("indicator_target").where("indicator_id", "=", indicatorId).execute();
  await insertRows(
    trx,
    "indicator_target",
    data.targets.map((t) => ({ indicator_id: indicatorId, year: t.year, value: canonicalDecimal(t.value) })),
  );
}

/** An indicator of a measure of the plan as its audit record shows it (`indicatorSnapshot`), or 404. */
async function indicatorBefore(trx: Db, planId: number, indicatorId: number) {
  const before = await indicatorSnapshot(trx, indicatorId);
  if (!before) refuse(NOT_FOUND);
  await indicatorMeasure(trx, planId, before.measure_id);
  return before;
}

/** Adds an indicator (with its yearly targets) to a measure. */
export function createIndicator(
  db: Db,
  audit: AuditContext,
  planId: number,
  measureId: number,
  data: IndicatorData,
): Promise<CommandResult<{ id: number }>> {
  return changePlan(db, audit, planId, data, "plan.indicator.create", async (trx, plan) => {
    await indicatorMeasure(trx, planId, measureId);
    await checkIndicator(trx, plan, measureId, data, null);
    const sortOrder = await nextSortOrder(trx, "indicator", "measure_id", measureId);
    const row = await trx
      .insertInto("indicator")
      .values({ ...indicatorColumns(data), measure_id: measureId, sort_order: sortOrder })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeTargets(trx, row.id, data);
    return { result: { id: row.id }, after: await indicatorSnapshot(trx, row.id) };
  });
}

/** Changes an indicator and its targets. */
export function updateIndicator(
  db: Db,
  audit: AuditContext,
  planId: number,
  indicatorId: number,
  data: IndicatorData,
): Promise<CommandResult<{ id: number; measureId: number }>> {
  return changePlan(db, audit, planId, data, "plan.indicator.update", async (trx, plan) => {
    const before = await indicatorBefore(trx, planId, indicatorId);
    await checkIndicator(trx, plan, before.measure_id, data, indicatorId);
    await trx.updateTable("indicator").set(indicatorColumns(data)).where("id", "=", indicatorId).execute();
    await writeTargets(trx, indicatorId, data);
    const after = await indicatorSnapshot(trx, indicatorId);
    return { result: { id: indicatorId, measureId: before.measure_id }, before, after };
  });
}

/** Removes an indicator and its targets. */
export function removeIndicator(
  db: Db,
  audit: AuditContext,
  planId: number,
  indicatorId: number,
  input: RemoveData,
): Promise<CommandResult<{ id: number; measureId: number }>> {
  return changePlan(db, audit, planId, input, "plan.indicator.remove", async (trx) => {
    const before = await indicatorBefore(trx, planId, indicatorId);
    await trx.deleteFrom("indicator").where("id", "=", indicatorId).execute();
    return { result: { id: indicatorId, measureId: before.measure_id }, before };
  });
}

export type { StrategyStatus };

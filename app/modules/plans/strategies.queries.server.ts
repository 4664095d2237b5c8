import { camelRow } from "#app/db/camel-row.ts";
import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import { sql, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { ContentLocale, Database, TranslatedText } from "#app/db/schema.ts";
import type { MunicipalityNames } from "#app/modules/municipalities/projected-outlines.server.ts";
import { keptMeasureTotal, MEASURE_TOTAL_GENERATION } from "./measure-totals.server.ts";
import { APPROVED_COLUMNS, spendingOf, spentOnce, type ApprovedMeasureRow } from "./progress.server.ts";
import { linkedValues } from "#app/services/linked-row-values.server.ts";
import { INDICATOR_COLUMNS, MEASURE_LINKS, measuresWithPlan, plansWithStrategy } from "./plan-tree.server.ts";
import type {
  ActionPlanKind,
  BudgetSource,
  IndicatorDirection,
  IndicatorUnit,
  StrategyStatus,
} from "#app/db/tables/strategies.ts";

/*
 * Reads of the public side of strategies and action plans. Only adopted and closed strategies
 * and plans are public: every function here filters out drafts (`status <> 'draft'`), so a draft
 * can never reach a public page, the API or a download. Every function issues ONE query whatever
 * the size of the plan (related rows come as JSON arrays or aggregates).
 */

type Db = Kysely<Database>;

/** Numeric columns come back as decimal strings; JSON aggregates as numbers. */
function toNumber(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}

/** A municipality's names, for the reader's choice of script (the municipalities module's type). */
export type { MunicipalityNames };

/** An organisation as the public pages name it. */
export interface OrganisationRef {
  id: number;
  slug: string;
  name: TranslatedText;
  acronym: string | null;
}

/** A public action plan in a strategy's summary. */
export interface PlanSummary {
  id: number;
  code: string;
  kind: ActionPlanKind;
  title: TranslatedText;
  originalLocale: ContentLocale;
  status: StrategyStatus;
  periodStartYear: number;
  periodEndYear: number;
  municipality: MunicipalityNames | null;
  isDemo: boolean;
}

/** A public strategy with its public plans. */
export interface StrategySummary {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  originalLocale: ContentLocale;
  periodStartYear: number;
  periodEndYear: number;
  status: StrategyStatus;
  adoptedAt: Date | null;
  isDemo: boolean;
  owner: OrganisationRef;
  plans: PlanSummary[];
}

interface PlanJson {
  id: number;
  code: string;
  kind: ActionPlanKind;
  title: TranslatedText;
  original_locale: ContentLocale;
  status: StrategyStatus;
  period_start_year: number;
  period_end_year: number;
  kas_code: string | null;
  slug: string | null;
  name_sq: string | null;
  name_sr: string | null;
  name_sr_cyrl: string | null;
  is_demo: boolean;
}

function toPlanSummary(p: PlanJson): PlanSummary {
  return {
    id: p.id,
    code: p.code,
    kind: p.kind,
    title: p.title,
    originalLocale: p.original_locale,
    status: p.status,
    periodStartYear: p.period_start_year,
    periodEndYear: p.period_end_year,
    municipality: p.kas_code && p.slug ? municipalityNamesOf(p.kas_code, p.slug, p) : null,
    isDemo: p.is_demo,
  };
}

/** A municipality's names from a row's `name_sq`, `name_sr`, `name_sr_cyrl` (`municipalityNameColumns`), "" for a missing one. */
function municipalityNamesOf(
  kasCode: string,
  slug: string,
  names: { name_sq: string | null; name_sr: string | null; name_sr_cyrl: string | null },
): MunicipalityNames {
  return {
    kasCode,
    slug,
    nameSq: names.name_sq ?? "",
    nameSr: names.name_sr ?? "",
    nameSrCyrl: names.name_sr_cyrl ?? "",
  };
}

/** The columns of a `PlanSummary` (`PlanJson`): the plan `p` with its municipality `mu` (left join on the KAS code). */
const PLAN_SUMMARY_COLUMNS = [
  "p.id",
  "p.code",
  "p.kind",
  "p.title",
  "p.original_locale",
  "p.status",
  "p.period_start_year",
  "p.period_end_year",
  "p.kas_code",
  "p.is_demo",
  "mu.slug",
  ...municipalityNameColumns("mu"),
] as const;

/** The organisation `r` responsible for a row's measure, as `r_id`, `r_slug`, `r_name`, `r_acronym` (read back by `responsibleOf`). */
const RESPONSIBLE_COLUMNS = ["r.id as r_id", "r.slug as r_slug", "r.name as r_name", "r.acronym as r_acronym"] as const;

function responsibleOf(r: {
  r_id: number;
  r_slug: string;
  r_name: TranslatedText;
  r_acronym: string | null;
}): OrganisationRef {
  return { id: r.r_id, slug: r.r_slug, name: r.r_name, acronym: r.r_acronym };
}

/** The national measure `nm` a row's measure implements (left join), as `nm_id`, `nm_code`, `nm_title` (read back by `implementsOf`). */
const IMPLEMENTS_COLUMNS = ["nm.id as nm_id", "nm.code as nm_code", "nm.title as nm_title"] as const;

function implementsOf(r: {
  nm_id: number | null;
  nm_code: string | null;
  nm_title: TranslatedText | null;
}): { id: number; code: string; title: TranslatedText } | null {
  return r.nm_id !== null && r.nm_code !== null && r.nm_title !== null
    ? { id: r.nm_id, code: r.nm_code, title: r.nm_title }
    : null;
}

/** The planned budget of a measure `m`: every year and source (a decimal). */
const PLANNED_BUDGET = sql<string>`(select coalesce(sum(b.amount), 0) from measure_budget b where b.measure_id = m.id)`;

/** The strategy `s` of a row's plan as the pages link it (read back by `strategyRefOf`). */
const STRATEGY_REF_COLUMNS = [
  "s.slug as strategy_slug",
  "s.title as strategy_title",
  "s.original_locale as strategy_original_locale",
] as const;

function strategyRefOf(r: {
  strategy_slug: string;
  strategy_title: TranslatedText;
  strategy_original_locale: ContentLocale;
}) {
  return { slug: r.strategy_slug, title: r.strategy_title, originalLocale: r.strategy_original_locale };
}

/**
 * Measures `m` of public plans `p` of public strategies `s` (neither in draft): the public filter of a
 * measure, written once for the measure page, the implementing measures and the measures API.
 */
function publicMeasures(db: Db) {
  return measuresWithPlan(db)
    .innerJoin("strategy as s", "s.id", "p.strategy_id")
    .where("p.status", "<>", "draft")
    .where("s.status", "<>", "draft");
}

/** Public plans `p` of public strategies `s` (neither in draft): the public filter of a plan page and a municipality's plans. */
function publicPlans(db: Db) {
  return plansWithStrategy(db).where("s.status", "<>", "draft").where("p.status", "<>", "draft");
}

/**
 * The public plans of the strategy row `s`, national first, then local by municipality. Their
 * measure counts and planned budgets come with the kept figures (`loadStrategyFigures`), not from
 * a count over every measure per request.
 */
function publicPlansOf(db: Db) {
  return jsonArrayFrom(
    db
      .selectFrom("action_plan as p")
      .leftJoin("municipality as mu", "mu.kas_code", "p.kas_code")
      .select(PLAN_SUMMARY_COLUMNS)
      .whereRef("p.strategy_id", "=", sql.ref("s.id"))
      .where("p.status", "<>", "draft")
      .orderBy(sql`p.kind = 'national'`, "desc")
      .orderBy("mu.name_sq")
      .orderBy("p.code"),
  );
}

function strategyBase(db: Db) {
  return db
    .selectFrom("strategy as s")
    .innerJoin("organisation as o", "o.id", "s.owner_organisation_id")
    .select([
      "s.id",
      "s.slug",
      "s.title",
      "s.summary",
      "s.original_locale",
      "s.period_start_year",
      "s.period_end_year",
      "s.status",
      "s.adopted_at",
      "s.is_demo",
      "o.id as owner_id",
      "o.slug as owner_slug",
      "o.name as owner_name",
      "o.acronym as owner_acronym",
    ])
    .select(publicPlansOf(db).as("plans"))
    .where("s.status", "<>", "draft");
}

type StrategyRow = Awaited<ReturnType<ReturnType<typeof strategyBase>["executeTakeFirstOrThrow"]>>;

function toStrategySummary(row: StrategyRow): StrategySummary {
  const { owner_id, owner_slug, owner_name, owner_acronym, plans, ...strategy } = row;
  return {
    ...camelRow(strategy),
    owner: { id: owner_id, slug: owner_slug, name: owner_name, acronym: owner_acronym },
    plans: (plans as unknown as PlanJson[]).map(toPlanSummary),
  };
}

/** Every public strategy (adopted or closed) with its public plans, newest period first. One query. */
export async function listPublicStrategies(db: Db): Promise<StrategySummary[]> {
  const rows = await strategyBase(db).orderBy("s.period_start_year", "desc").orderBy("s.slug").execute();
  return rows.map(toStrategySummary);
}

/** A public strategy document (a stored file or a link). */
export interface StrategyDocument {
  id: number;
  title: TranslatedText;
  locale: ContentLocale;
  fileId: string | null;
  url: string | null;
}

/**
 * One public strategy with its documents, public plans and published implementation reports (the
 * library's published documents of type report linked to any of its measures), or null (unknown or
 * draft). One query.
 */
export async function getPublicStrategy(
  db: Db,
  slug: string,
): Promise<(StrategySummary & { documents: StrategyDocument[]; reports: StrategyReportRow[] }) | null> {
  const row = await strategyBase(db)
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("strategy_document as d")
          .select(["d.id", "d.title", "d.locale", "d.file_id", "d.url"])
          .whereRef("d.strategy_id", "=", "s.id")
          .orderBy("d.sort_order")
          .orderBy("d.id"),
      ).as("documents"),
    )
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("library_document as ld")
          .select(["ld.id", "ld.slug", "ld.title", "ld.original_locale", "ld.published_at"])
          .where("ld.status", "=", "published")
          .where("ld.doc_type", "=", "report")
          .where((w) =>
            w.exists(
              w
                .selectFrom("library_document_measure as dm")
                .innerJoin("measure as lm", "lm.id", "dm.measure_id")
                .innerJoin("action_plan as lap", "lap.id", "lm.action_plan_id")
                .select(sql.lit(1).as("one"))
                .whereRef("dm.document_id", "=", "ld.id")
                .whereRef("lap.strategy_id", "=", "s.id"),
            ),
          )
          .orderBy("ld.published_at", "desc")
          // A report and its Excel annex are published together: the report first.
          .orderBy("ld.id"),
      ).as("reports"),
    )
    .where("s.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toStrategySummary(row),
    documents: row.documents.map(camelRow),
    reports: row.reports.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      originalLocale: r.original_locale,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
    })),
  };
}

/** A public plan with its strategy and sectors. */
export interface PublicPlan extends PlanSummary {
  strategy: { id: number; slug: string; title: TranslatedText; originalLocale: ContentLocale; isDemo: boolean };
  sectors: { code: string; name: TranslatedText }[];
}

/**
 * One public plan of a public strategy, by the plan's code (unique across strategies) and, on the
 * strategy's pages, the strategy's slug; null when unknown or in draft. One query.
 */
export async function getPublicPlan(db: Db, strategySlug: string | null, planCode: string): Promise<PublicPlan | null> {
  let q = publicPlans(db)
    .leftJoin("municipality as mu", "mu.kas_code", "p.kas_code")
    .select([...PLAN_SUMMARY_COLUMNS, "s.id as strategy_id", ...STRATEGY_REF_COLUMNS, "s.is_demo as strategy_is_demo"])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("plan_sector as ps")
          .innerJoin("sector as sec", "sec.code", "ps.sector_code")
          .select(["ps.sector_code as code", "sec.name"])
          .whereRef("ps.action_plan_id", "=", "p.id")
          .orderBy("ps.sort_order")
          .orderBy("sec.sort_order"),
      ).as("sectors"),
    )
    .where("p.code", "=", planCode);
  if (strategySlug !== null) q = q.where("s.slug", "=", strategySlug);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return {
    ...toPlanSummary(row as unknown as PlanJson),
    strategy: { id: row.strategy_id, ...strategyRefOf(row), isDemo: row.strategy_is_demo },
    sectors: row.sectors,
  };
}

/** A row of a plan's measures table. */
export interface MeasureListRow {
  id: number;
  code: string;
  title: TranslatedText;
  originalLocale: ContentLocale;
  objectiveCode: string;
  sectorCode: string;
  responsible: OrganisationRef;
  startDate: string;
  endDate: string;
  planned: number;
  isDemo: boolean;
  /** For a local measure: the national measure it implements. */
  implements: { id: number; code: string; title: TranslatedText } | null;
}

/** The measures-table rows: `measure as m` with its plan, objective, sector, responsible and the national measure it implements. */
function measureRowsQuery(db: Db) {
  return measuresWithPlan(db)
    .innerJoin("objective as o", "o.id", "m.objective_id")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .innerJoin("organisation as r", "r.id", "m.responsible_organisation_id")
    .leftJoin("measure as nm", "nm.id", "m.implements_measure_id")
    .select([
      "m.id",
      "m.code",
      "m.title",
      "p.original_locale",
      "o.code as objective_code",
      "ps.sector_code",
      ...RESPONSIBLE_COLUMNS,
      "m.start_date",
      "m.end_date",
      "m.is_demo",
      ...IMPLEMENTS_COLUMNS,
      PLANNED_BUDGET.as("planned"),
    ]);
}

type MeasureRowRecord = Awaited<ReturnType<ReturnType<typeof measureRowsQuery>["execute"]>>[number];

function toMeasureListRow(r: MeasureRowRecord): MeasureListRow {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    originalLocale: r.original_locale,
    objectiveCode: r.objective_code,
    sectorCode: r.sector_code,
    responsible: responsibleOf(r),
    startDate: r.start_date,
    endDate: r.end_date,
    planned: toNumber(r.planned),
    isDemo: r.is_demo,
    implements: implementsOf(r),
  };
}

/**
 * Every measure of a plan in plan order, with the total count (the downloads; the pages take a
 * page of ids from the kept figures and call `listMeasureRows`). One query.
 */
export async function listPlanMeasures(
  db: Db,
  actionPlanId: number,
): Promise<{ rows: MeasureListRow[]; total: number }> {
  const rows = await measureRowsQuery(db)
    .where("m.action_plan_id", "=", actionPlanId)
    .orderBy("ps.sort_order")
    .orderBy("o.sort_order")
    .orderBy("m.sort_order")
    .orderBy("m.code")
    .execute();
  return { total: rows.length, rows: rows.map(toMeasureListRow) };
}

/**
 * The measures-table rows of the given measures, in the order given: a page chosen from the plan
 * order kept with the figures (`PlanFigures.order`), so the work is one page's whatever the size of
 * the plan. One query (none for no ids).
 */
export async function listMeasureRows(db: Db, measureIds: readonly number[]): Promise<MeasureListRow[]> {
  if (measureIds.length === 0) return [];
  const rows = await measureRowsQuery(db)
    .where("m.id", "in", [...measureIds])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toMeasureListRow(r)]));
  return measureIds.flatMap((id) => byId.get(id) ?? []);
}

/** An indicator with its targets. */
export interface IndicatorDetail {
  id: number;
  code: string;
  name: TranslatedText;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  baselineValue: number | null;
  baselineYear: number | null;
  byCommunity: boolean;
  byGender: boolean;
  isDemo: boolean;
  targets: { year: number; value: number }[];
}

/** A public measure with everything its page shows. */
export interface MeasureDetail {
  id: number;
  code: string;
  title: TranslatedText;
  description: TranslatedText;
  originalLocale: ContentLocale;
  startDate: string;
  endDate: string;
  isDemo: boolean;
  plan: {
    id: number;
    code: string;
    kind: ActionPlanKind;
    title: TranslatedText;
    municipality: MunicipalityNames | null;
  };
  strategy: { slug: string; title: TranslatedText; originalLocale: ContentLocale };
  objective: { code: string; title: TranslatedText };
  sector: { code: string; name: TranslatedText };
  responsible: OrganisationRef;
  supporting: OrganisationRef[];
  communities: { code: string; name: TranslatedText }[];
  budget: { year: number; source: BudgetSource; amount: number }[];
  implements: { id: number; code: string; title: TranslatedText } | null;
  indicators: IndicatorDetail[];
}

/** One public measure (its plan and strategy not in draft) with its indicators, or null. One query. */
export async function getPublicMeasure(db: Db, measureId: number): Promise<MeasureDetail | null> {
  const row = await publicMeasures(db)
    .innerJoin("objective as o", "o.id", "m.objective_id")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .innerJoin("sector as sec", "sec.code", "ps.sector_code")
    .innerJoin("organisation as r", "r.id", "m.responsible_organisation_id")
    .leftJoin("municipality as mu", "mu.kas_code", "p.kas_code")
    .leftJoin("measure as nm", "nm.id", "m.implements_measure_id")
    .select([
      "m.id",
      "m.code",
      "m.title",
      "m.description",
      "m.start_date",
      "m.end_date",
      "m.is_demo",
      "p.original_locale",
      "p.id as plan_id",
      "p.code as plan_code",
      "p.kind as plan_kind",
      "p.title as plan_title",
      "mu.kas_code",
      "mu.slug as mu_slug",
      ...municipalityNameColumns("mu"),
      ...STRATEGY_REF_COLUMNS,
      "o.code as objective_code",
      "o.title as objective_title",
      "ps.sector_code",
      "sec.name as sector_name",
      ...RESPONSIBLE_COLUMNS,
      ...IMPLEMENTS_COLUMNS,
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom("measure_supporting_organisation as mso")
          .innerJoin("organisation as so", "so.id", "mso.organisation_id")
          .select(["so.id", "so.slug", "so.name", "so.acronym"])
          .whereRef("mso.measure_id", "=", "m.id")
          .orderBy("so.slug"),
      ).as("supporting"),
      jsonArrayFrom(
        eb
          .selectFrom("measure_community as mc")
          .innerJoin("community as c", "c.code", "mc.community_code")
          .select(["c.code", "c.name"])
          .whereRef("mc.measure_id", "=", "m.id")
          .orderBy("c.sort_order"),
      ).as("communities"),
      jsonArrayFrom(
        eb
          .selectFrom("measure_budget as b")
          .select(["b.year", "b.source", "b.amount"])
          .whereRef("b.measure_id", "=", "m.id")
          .orderBy("b.year")
          .orderBy("b.source"),
      ).as("budget"),
      jsonArrayFrom(
        eb
          .selectFrom("indicator as i")
          .select([
            "i.id",
            ...INDICATOR_COLUMNS,
            "i.is_demo",
            sql<
              { year: number; value: number }[]
            >`coalesce((select json_agg(json_build_object('year', t.year, 'value', t.value) order by t.year) from indicator_target t where t.indicator_id = i.id), '[]'::json)`.as(
              "targets",
            ),
          ])
          .whereRef("i.measure_id", "=", "m.id")
          .orderBy("i.sort_order")
          .orderBy("i.code"),
      ).as("indicators"),
    ])
    .where("m.id", "=", measureId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    originalLocale: row.original_locale,
    startDate: row.start_date,
    endDate: row.end_date,
    isDemo: row.is_demo,
    plan: {
      id: row.plan_id,
      code: row.plan_code,
      kind: row.plan_kind,
      title: row.plan_title,
      municipality: row.kas_code && row.mu_slug ? municipalityNamesOf(row.kas_code, row.mu_slug, row) : null,
    },
    strategy: strategyRefOf(row),
    objective: { code: row.objective_code, title: row.objective_title },
    sector: { code: row.sector_code, name: row.sector_name },
    responsible: responsibleOf(row),
    supporting: row.supporting,
    communities: row.communities,
    budget: row.budget.map((b) => ({ year: b.year, source: b.source, amount: toNumber(b.amount) })),
    implements: implementsOf(row),
    indicators: row.indicators.map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      baselineValue: i.baseline_value === null ? null : toNumber(i.baseline_value),
      baselineYear: i.baseline_year,
      byCommunity: i.by_community,
      byGender: i.by_gender,
      isDemo: i.is_demo,
      targets: (i.targets as { year: number; value: number | string }[]).map((t) => ({
        year: t.year,
        value: toNumber(t.value),
      })),
    })),
  };
}

/** A local measure that implements a national one, with its municipality. */
export interface ImplementingMeasure {
  id: number;
  code: string;
  title: TranslatedText;
  originalLocale: ContentLocale;
  planCode: string;
  strategySlug: string;
  municipality: MunicipalityNames;
  responsible: OrganisationRef;
  planned: number;
  isDemo: boolean;
}

/** The public local measures that implement a national measure, by municipality. One query. */
export async function listImplementingMeasures(db: Db, nationalMeasureId: number): Promise<ImplementingMeasure[]> {
  const rows = await publicMeasures(db)
    .innerJoin("municipality as mu", "mu.kas_code", "p.kas_code")
    .innerJoin("organisation as r", "r.id", "m.responsible_organisation_id")
    .select([
      "m.id",
      "m.code",
      "m.title",
      "m.is_demo",
      "p.original_locale",
      "p.code as plan_code",
      "s.slug as strategy_slug",
      "mu.kas_code",
      "mu.slug",
      ...municipalityNameColumns("mu"),
      ...RESPONSIBLE_COLUMNS,
      PLANNED_BUDGET.as("planned"),
    ])
    .where("m.implements_measure_id", "=", nationalMeasureId)
    .orderBy("mu.name_sq")
    .orderBy("m.code")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    originalLocale: r.original_locale,
    planCode: r.plan_code,
    strategySlug: r.strategy_slug,
    municipality: municipalityNamesOf(r.kas_code, r.slug, r),
    responsible: responsibleOf(r),
    planned: toNumber(r.planned),
    isDemo: r.is_demo,
  }));
}

/** A municipality's public local plan with its measures and the national measures they implement. */
export interface MunicipalityPlan {
  id: number;
  code: string;
  title: TranslatedText;
  originalLocale: ContentLocale;
  status: StrategyStatus;
  periodStartYear: number;
  periodEndYear: number;
  isDemo: boolean;
  strategy: { slug: string; title: TranslatedText; originalLocale: ContentLocale };
  measures: {
    id: number;
    code: string;
    title: TranslatedText;
    planned: number;
    implements: { id: number; code: string; title: TranslatedText } | null;
    /** The measure with what its approved reports say, for the roll-up. */
    approved: ApprovedMeasureRow;
  }[];
}

/** The public local plans of one municipality, each with its measures. One query. */
export async function listMunicipalityPlans(db: Db, kasCode: string): Promise<MunicipalityPlan[]> {
  const rows = await publicPlans(db)
    .select([
      "p.id",
      "p.code",
      "p.title",
      "p.original_locale",
      "p.status",
      "p.period_start_year",
      "p.period_end_year",
      "p.is_demo",
      ...STRATEGY_REF_COLUMNS,
    ])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("measure as m")
          .innerJoin("objective as o", "o.id", "m.objective_id")
          .leftJoin("measure as nm", "nm.id", "m.implements_measure_id")
          .select([
            "m.id",
            "m.code",
            "m.title",
            ...IMPLEMENTS_COLUMNS,
            PLANNED_BUDGET.as("planned"),
            "o.plan_sector_id",
            "o.id as objective_id",
            APPROVED_COLUMNS.status.as("approved_status"),
            APPROVED_COLUMNS.label.as("approved_label"),
            APPROVED_COLUMNS.periodEnd.as("approved_period_end"),
            APPROVED_COLUMNS.spending.as("spending"),
          ])
          .whereRef("m.action_plan_id", "=", "p.id")
          .orderBy("o.sort_order")
          .orderBy("m.sort_order")
          .orderBy("m.code"),
      ).as("measures"),
    )
    .where("p.kind", "=", "local")
    .where("p.kas_code", "=", kasCode)
    .orderBy("s.period_start_year", "desc")
    .orderBy("p.code")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    originalLocale: r.original_locale,
    status: r.status,
    periodStartYear: r.period_start_year,
    periodEndYear: r.period_end_year,
    isDemo: r.is_demo,
    strategy: strategyRefOf(r),
    measures: r.measures.map((m) => ({
      id: m.id,
      code: m.code,
      title: m.title,
      planned: toNumber(m.planned),
      implements: implementsOf(m),
      approved: {
        id: m.id,
        actionPlanId: r.id,
        isLocal: true,
        kasCode,
        planSectorId: m.plan_sector_id,
        sectorCode: "",
        objectiveId: m.objective_id,
        // Within the municipality's plan only: its measures are the ones implementing, not implemented.
        implementsMeasureId: null,
        plannedBudget: toNumber(m.planned),
        approvedStatus: m.approved_status,
        approvedLabel: m.approved_label,
        approvedPeriodEnd: m.approved_period_end,
        spent: spentOnce(spendingOf(m.spending)),
      },
    })),
  }));
}

/** Filters of the public measures API. */
export interface MeasureSearch {
  sector?: string;
  /** KAS code: measures of that municipality's local plans. */
  municipality?: string;
  /** Organisation id: measures it is responsible for or supports. */
  institution?: number;
  page: number;
  pageSize: number;
}

/** A measure as the API lists it. */
export interface MeasureApiRow {
  id: number;
  code: string;
  title: TranslatedText;
  strategySlug: string;
  actionPlanId: number;
  planCode: string;
  planKind: ActionPlanKind;
  kasCode: string | null;
  sectorCode: string;
  responsibleOrganisationId: number;
  supportingOrganisationIds: number[];
  communities: string[];
  startDate: string;
  endDate: string;
  implementsMeasureId: number | null;
  planned: number;
  isDemo: boolean;
}

/** The public measures a search's filters select (draft plans and strategies never), joined to their plan, strategy and sector. */
function publicMeasuresOf(db: Db, search: MeasureSearch) {
  let measures = publicMeasures(db).innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id");
  if (search.sector) measures = measures.where("ps.sector_code", "=", search.sector);
  if (search.municipality) measures = measures.where("p.kas_code", "=", search.municipality);
  if (search.institution !== undefined) {
    const institution = search.institution;
    measures = measures.where((eb) =>
      eb.or([
        eb("m.responsible_organisation_id", "=", institution),
        eb.exists(
          eb
            .selectFrom("measure_supporting_organisation as x")
            .select("x.measure_id")
            .whereRef("x.measure_id", "=", "m.id")
            .where("x.organisation_id", "=", institution),
        ),
      ]),
    );
  }
  return measures;
}

/**
 * Public measures across plans, filtered, a page at a time, with the total. The page is one query,
 * which also reads the generations the total depends on; the total is counted once per filter and
 * generation ({@link keptMeasureTotal}), so a request does not count every measure (issue 18).
 */
export async function searchPublicMeasures(
  db: Db,
  search: MeasureSearch,
): Promise<{ rows: MeasureApiRow[]; total: number }> {
  const rows = await db
    .with("page", () =>
      publicMeasuresOf(db, search)
        .select("m.id")
        .orderBy("m.id")
        .limit(search.pageSize)
        .offset((search.page - 1) * search.pageSize),
    )
    .selectFrom("page")
    .innerJoin("measure as m", "m.id", "page.id")
    .innerJoin("action_plan as p", "p.id", "m.action_plan_id")
    .innerJoin("strategy as s", "s.id", "p.strategy_id")
    .innerJoin("objective as o", "o.id", "m.objective_id")
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .select([
      "m.id",
      "m.code",
      "m.title",
      "m.start_date",
      "m.end_date",
      "m.is_demo",
      "m.implements_measure_id",
      "m.responsible_organisation_id",
      "s.slug as strategy_slug",
      "p.id as plan_id",
      "p.code as plan_code",
      "p.kind as plan_kind",
      "p.kas_code",
      "ps.sector_code",
      MEASURE_TOTAL_GENERATION.as("generation"),
      linkedValues<number>(MEASURE_LINKS.supporting, "m.id").as("supporting"),
      linkedValues<string>(MEASURE_LINKS.communities, "m.id").as("communities"),
      PLANNED_BUDGET.as("planned"),
    ])
    .orderBy("m.id")
    .execute();
  const total = await keptMeasureTotal(db, search, rows[0]?.generation, () =>
    publicMeasuresOf(db, search)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow()
      .then((r) => toNumber(r.n)),
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      strategySlug: r.strategy_slug,
      actionPlanId: r.plan_id,
      planCode: r.plan_code,
      planKind: r.plan_kind,
      kasCode: r.kas_code,
      sectorCode: r.sector_code,
      responsibleOrganisationId: r.responsible_organisation_id,
      supportingOrganisationIds: r.supporting.map(Number),
      communities: r.communities,
      startDate: r.start_date,
      endDate: r.end_date,
      implementsMeasureId: r.implements_measure_id,
      planned: toNumber(r.planned),
      isDemo: r.is_demo,
    })),
  };
}

/** A published implementation report in the library, linked to measures of a strategy. */
export interface StrategyReportRow {
  id: number;
  slug: string;
  title: TranslatedText;
  originalLocale: ContentLocale;
  publishedAt: Date | null;
}

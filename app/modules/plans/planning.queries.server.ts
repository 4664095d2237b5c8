import { camelRow } from "#app/db/camel-row.ts";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ActionPlanKind, StrategyStatus } from "#app/db/tables/strategies.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { INTL_TAG, type Locale } from "#app/i18n/locales.ts";
import { localizedString } from "#app/i18n/translated-text.ts";
import { loadOrganisationChoices } from "#app/modules/organisations/organisations.queries.server.ts";
import { hasRole, isCoordinator, organisationsOf, type Actor } from "#app/services/authorization.ts";
import {
  measuresWithPlan,
  nationalMeasuresOf,
  PLAN_STATE_COLUMNS,
  type CanonicalPlanTree,
} from "./plan-tree.server.ts";

/** A plan as the workspace lists show it. */
export interface PlanListItem {
  id: number;
  code: string;
  kind: ActionPlanKind;
  kasCode: string | null;
  municipality: string | null;
  title: string;
  status: StrategyStatus;
  period: string;
  measureCount: number;
}

/** A strategy with the plans the actor may work on. */
export interface StrategyListItem {
  id: number;
  slug: string;
  title: string;
  status: StrategyStatus;
  period: string;
  plans: PlanListItem[];
}

/**
 * The strategies and plans the actor works on (two queries): coordinators see every one;
 * municipal officers see the local plans of their municipalities and the strategies they belong to.
 */
export async function listStrategiesForActor(db: Db, actor: Actor, locale: Locale): Promise<StrategyListItem[]> {
  const coordinator = isCoordinator(actor);
  const kasCodes =
    actor.kind === "user"
      ? actor.grants.filter((g) => g.role === "municipal_officer" && g.kasCode).map((g) => g.kasCode as string)
      : [];
  if (!coordinator && kasCodes.length === 0) return [];
  const plans = await db
    .selectFrom("action_plan as p")
    .leftJoin("municipality as mu", "mu.kas_code", "p.kas_code")
    .select([...PLAN_STATE_COLUMNS, "mu.name_sq", "mu.name_sr"])
    .select((eb) =>
      eb
        .selectFrom("measure")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("measure.action_plan_id", "=", "p.id")
        .as("measure_count"),
    )
    .$if(!coordinator, (q) => q.where("p.kind", "=", "local").where("p.kas_code", "in", kasCodes))
    .orderBy("p.kind", "desc")
    .orderBy("p.code")
    .execute();
  const strategyIds = [...new Set(plans.map((p) => p.strategy_id))];
  const strategies = await db
    .selectFrom("strategy")
    .select(["id", "slug", "title", "status", "period_start_year", "period_end_year"])
    .$if(!coordinator, (q) => (strategyIds.length ? q.where("id", "in", strategyIds) : q.where("id", "=", -1)))
    .orderBy("period_start_year", "desc")
    .orderBy("id", "desc")
    .execute();
  return strategies.map((s) => ({
    id: s.id,
    slug: s.slug,
    title: localizedString(s.title, locale),
    status: s.status,
    period: `${s.period_start_year}–${s.period_end_year}`,
    plans: plans
      .filter((p) => p.strategy_id === s.id)
      .map((p) => ({
        id: p.id,
        code: p.code,
        kind: p.kind,
        kasCode: p.kas_code,
        municipality: p.kas_code ? (locale === "sq" ? p.name_sq : p.name_sr) : null,
        title: localizedString(p.title, locale),
        status: p.status,
        period: `${p.period_start_year}–${p.period_end_year}`,
        measureCount: Number(p.measure_count ?? 0),
      })),
  }));
}

/** A strategy as its edit form needs it. */
export interface StrategyDetail {
  id: number;
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  periodStartYear: number;
  periodEndYear: number;
  ownerOrganisationId: number;
  status: StrategyStatus;
  version: number;
}

/** One strategy, or null. */
export async function getStrategy(db: Db, id: number): Promise<StrategyDetail | null> {
  const row = await db
    .selectFrom("strategy")
    .select([
      "id",
      "slug",
      "title",
      "summary",
      "period_start_year",
      "period_end_year",
      "owner_organisation_id",
      "status",
      "version",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? camelRow(row) : null;
}

/** A choice of a select list or a checkbox group. */
export interface Choice {
  value: string;
  label: string;
}

/** What the planning forms offer: institutions (with slugs), sectors, communities, municipalities, named in the reader's language. */
export interface PlanChoices {
  organisations: (Choice & { slug: string })[];
  sectors: Choice[];
  communities: Choice[];
  municipalities: Choice[];
}

/** The planning forms' choices (five queries). */
export async function loadPlanChoices(db: Db, locale: Locale): Promise<PlanChoices> {
  const [reference, organisations] = await Promise.all([
    loadOrganisationChoices(db, locale),
    db.selectFrom("organisation").select(["id", "slug", "name", "acronym"]).where("is_active", "=", true).execute(),
  ]);
  const collator = new Intl.Collator(INTL_TAG[locale]);
  return {
    organisations: organisations
      .map((o) => ({
        value: String(o.id),
        slug: o.slug,
        label: `${localizedString(o.name, locale)}${o.acronym ? ` (${o.acronym})` : ""}`,
      }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    sectors: reference.sectors,
    communities: reference.communities,
    municipalities: reference.municipalities,
  };
}

/** The measures of the strategy's national plan, which a local measure may implement (one query). */
export async function listNationalMeasures(db: Db, strategyId: number, locale: Locale): Promise<Choice[]> {
  const rows = await nationalMeasuresOf(db, strategyId)
    .select(["m.id", "m.code", "m.title"])
    .orderBy("m.code")
    .execute();
  return rows.map((r) => ({ value: String(r.id), label: `${r.code} ${localizedString(r.title, locale)}` }));
}

/** A revision as the history lists it. */
export interface RevisionItem {
  revision: number;
  reason: string;
  author: string | null;
  createdAt: string;
}

/** Every revision of a plan, newest first (one query). */
export async function listRevisions(db: Db, planId: number, locale: Locale): Promise<RevisionItem[]> {
  const rows = await db
    .selectFrom("action_plan_revision as r")
    .leftJoin("app_user as u", "u.id", "r.created_by")
    .select(["r.revision", "r.reason", "r.created_at", "u.name"])
    .where("r.action_plan_id", "=", planId)
    .orderBy("r.revision", "desc")
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    reason: r.reason,
    author: r.name,
    createdAt: formatDateTime(r.created_at, locale),
  }));
}

/** One revision's snapshot and the one before it (one query). */
export async function getRevisionPair(
  db: Db,
  planId: number,
  revision: number,
): Promise<{
  current: CanonicalPlanTree;
  previous: CanonicalPlanTree | null;
  reason: string;
  createdAt: Date;
  author: string | null;
} | null> {
  const rows = await db
    .selectFrom("action_plan_revision as r")
    .leftJoin("app_user as u", "u.id", "r.created_by")
    .select(["r.revision", "r.snapshot", "r.reason", "r.created_at", "u.name"])
    .where("r.action_plan_id", "=", planId)
    .where("r.revision", "in", [revision, revision - 1])
    .execute();
  const current = rows.find((r) => r.revision === revision);
  if (!current) return null;
  const previous = rows.find((r) => r.revision === revision - 1);
  return {
    current: current.snapshot as CanonicalPlanTree,
    previous: previous ? (previous.snapshot as CanonicalPlanTree) : null,
    reason: current.reason,
    createdAt: current.created_at,
    author: current.name,
  };
}

/** A measure on the focal point's "My measures" page. */
export interface MyMeasure {
  id: number;
  code: string;
  title: string;
  planCode: string;
  planTitle: string;
  planStatus: StrategyStatus;
  sector: string;
  role: "responsible" | "supporting";
  startDate: string;
  endDate: string;
  indicators: {
    code: string;
    name: string;
    unit: string;
    baseline: string | null;
    targets: { year: number; value: string }[];
  }[];
}

/**
 * The measures the actor's institutions are responsible for or support (three queries), with
 * their indicators and targets; values are formatted here for the page.
 */
export async function listMyMeasures(
  db: Db,
  actor: Actor,
  locale: Locale,
  format: (value: string) => string,
): Promise<MyMeasure[]> {
  const organisationIds =
    actor.kind === "user"
      ? actor.grants
          .filter((g) => g.role === "focal_point" && g.organisationId !== null)
          .map((g) => g.organisationId as number)
      : [];
  if (!hasRole(actor, "focal_point") || organisationIds.length === 0 || organisationsOf(actor).length === 0) return [];
  const measures = await measuresWithPlan(db)
    .innerJoin("plan_sector as ps", "ps.id", "m.plan_sector_id")
    .innerJoin("sector as s", "s.code", "ps.sector_code")
    .select([
      "m.id",
      "m.code",
      "m.title",
      "m.start_date",
      "m.end_date",
      "m.responsible_organisation_id",
      "p.code as plan_code",
      "p.title as plan_title",
      "p.status as plan_status",
      "s.name as sector_name",
    ])
    .where((eb) =>
      eb.or([
        eb("m.responsible_organisation_id", "in", organisationIds),
        eb(
          "m.id",
          "in",
          eb
            .selectFrom("measure_supporting_organisation")
            .select("measure_id")
            .where("organisation_id", "in", organisationIds),
        ),
      ]),
    )
    .orderBy("p.code")
    .orderBy("m.code")
    .execute();
  const ids = measures.map((m) => m.id);
  const indicators = ids.length
    ? await db
        .selectFrom("indicator")
        .select(["id", "measure_id", "code", "name", "unit", "baseline_value"])
        .where("measure_id", "in", ids)
        .orderBy("sort_order")
        .orderBy("code")
        .execute()
    : [];
  const targets = indicators.length
    ? await db
        .selectFrom("indicator_target")
        .select(["indicator_id", "year", "value"])
        .where(
          "indicator_id",
          "in",
          indicators.map((i) => i.id),
        )
        .orderBy("year")
        .execute()
    : [];
  return measures.map((m) => ({
    id: m.id,
    code: m.code,
    title: localizedString(m.title, locale),
    planCode: m.plan_code,
    planTitle: localizedString(m.plan_title, locale),
    planStatus: m.plan_status,
    sector: localizedString(m.sector_name, locale),
    role: organisationIds.includes(m.responsible_organisation_id) ? "responsible" : "supporting",
    startDate: m.start_date,
    endDate: m.end_date,
    indicators: indicators
      .filter((i) => i.measure_id === m.id)
      .map((i) => ({
        code: i.code,
        name: localizedString(i.name, locale),
        unit: i.unit,
        baseline: i.baseline_value === null ? null : format(i.baseline_value),
        targets: targets.filter((t) => t.indicator_id === i.id).map((t) => ({ year: t.year, value: format(t.value) })),
      })),
  }));
}

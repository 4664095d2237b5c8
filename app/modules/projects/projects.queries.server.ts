import { sql } from "kysely";
import { camelRow } from "#app/db/camel-row.ts";
import type { Db } from "#app/db/client.server.ts";
import { groupBy } from "#app/services/group-by.ts";
import { linkedValues } from "#app/services/linked-row-values.server.ts";
import type { ContentLocale, TranslatedText } from "#app/db/schema.ts";
import type {
  BaselineDimensionValue,
  DimensionValue,
  DisaggregatedValue,
  ProjectDisaggregation,
  ProjectIndicatorUnit,
  ProjectPeriodStatus,
  ProjectResultKind,
  ProjectValidationStatus,
} from "#app/db/tables/projects.ts";
import type { ProjectInput } from "./projects.schema.ts";

/** A project's identity and standing, as the policy and the pages need them. */
export interface ProjectHeader {
  id: number;
  ownerOrganisationId: number;
  validationStatus: ProjectValidationStatus;
  version: number;
  iatiIdentifier: string | null;
  title: TranslatedText;
  originalLocale: ContentLocale;
  isDemo: boolean;
  submittedAt: Date | null;
  validatedAt: Date | null;
}

/** The header of one project, or null. */
export async function getProjectHeader(db: Db, id: number): Promise<ProjectHeader | null> {
  const row = await db
    .selectFrom("project")
    .select([
      "id",
      "owner_organisation_id",
      "validation_status",
      "version",
      "iati_identifier",
      "title",
      "original_locale",
      "is_demo",
      "submitted_at",
      "validated_at",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? camelRow(row) : null;
}

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/**
 * Every field of a project as a project input (the form's, the audit's and the IATI export's
 * shape), in one query: the lists come as arrays of the child tables.
 */
export async function loadProjectInputs(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, ProjectInput & { version: number; validationStatus: ProjectValidationStatus }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("project as p")
    .select([
      "p.id",
      "p.owner_organisation_id",
      "p.iati_identifier",
      "p.title",
      "p.description",
      "p.original_locale",
      "p.activity_status",
      "p.validation_status",
      sql<string>`p.planned_start::text`.as("planned_start"),
      sql<string>`p.planned_end::text`.as("planned_end"),
      sql<string | null>`p.actual_start::text`.as("actual_start"),
      sql<string | null>`p.actual_end::text`.as("actual_end"),
      "p.budget",
      "p.currency",
      "p.version",
      sortedListOf<string, "sectors">("project_sector", "sector_code", "sectors"),
      sortedListOf<string, "communities">("project_community", "community_code", "communities"),
      sortedListOf<number, "measure_ids">("project_measure", "measure_id", "measure_ids"),
      sql<
        { kasCode: string; budgetShare: string | null }[]
      >`coalesce((select json_agg(json_build_object('kasCode', m.kas_code, 'budgetShare', m.budget_share) order by m.kas_code) from project_municipality m where m.project_id = p.id), '[]')`.as(
        "municipalities",
      ),
      sql<
        { organisationId: number; role: string }[]
      >`coalesce((select json_agg(json_build_object('organisationId', o.organisation_id, 'role', o.role) order by array_position(array['funding','accountable','extending','implementing','partner'], o.role), o.organisation_id) from project_organisation o where o.project_id = p.id), '[]')`.as(
        "organisations",
      ),
      sql<
        { year: number; kind: string; amount: string }[]
      >`coalesce((select json_agg(json_build_object('year', f.year, 'kind', f.kind, 'amount', f.amount) order by f.year, f.kind) from project_finance f where f.project_id = p.id), '[]')`.as(
        "finance",
      ),
      sql<
        { name: string; organisationName: string | null; email: string | null; phone: string | null }[]
      >`coalesce((select json_agg(json_build_object('name', c.name, 'organisationName', c.organisation_name, 'email', c.email, 'phone', c.phone) order by c.sort_order, c.id) from project_contact c where c.project_id = p.id), '[]')`.as(
        "contacts",
      ),
      sql<
        { kind: "document" | "photo"; title: string; url: string }[]
      >`coalesce((select json_agg(json_build_object('kind', d.kind, 'title', d.title, 'url', d.url) order by d.sort_order, d.id) from project_document d where d.project_id = p.id), '[]')`.as(
        "documents",
      ),
    ])
    .where("p.id", "in", ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ownerOrganisationId: r.owner_organisation_id,
        iatiIdentifier: r.iati_identifier,
        title: withoutMachine(r.title),
        description: withoutMachine(r.description),
        originalLocale: r.original_locale,
        activityStatus: r.activity_status,
        validationStatus: r.validation_status,
        plannedStart: dateText(r.planned_start) ?? "",
        plannedEnd: dateText(r.planned_end) ?? "",
        actualStart: dateText(r.actual_start),
        actualEnd: dateText(r.actual_end),
        budget: r.budget === null ? null : Number(r.budget),
        currency: r.currency,
        sectors: r.sectors,
        communities: r.communities,
        measureIds: r.measure_ids.map(Number),
        municipalities: r.municipalities.map((m) => ({
          kasCode: m.kasCode,
          budgetShare: m.budgetShare === null ? null : Number(m.budgetShare),
        })),
        organisations: r.organisations.map((o) => ({
          organisationId: Number(o.organisationId),
          role: o.role as ProjectInput["organisations"][number]["role"],
        })),
        finance: r.finance.map((f) => ({
          year: Number(f.year),
          kind: f.kind as "commitment" | "disbursement",
          amount: Number(f.amount),
        })),
        contacts: r.contacts,
        documents: r.documents,
        version: r.version,
      },
    ]),
  );
}

/** One column of a project's list table (`p` the project), sorted, as the array column `alias` of a select. */
function sortedListOf<T extends string | number, A extends string>(
  table: "project_sector" | "project_community" | "project_measure",
  column: string,
  alias: A,
) {
  return linkedValues<T>({ table, key: "project_id", column }, "p.id").as(alias);
}

/** One project as a project input, or null. */
export async function loadProjectInput(db: Db, id: number) {
  return (await loadProjectInputs(db, [id])).get(id) ?? null;
}

function withoutMachine(text: TranslatedText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(text))
    if (key !== "machine" && typeof value === "string" && value) out[key] = value;
  return out;
}

/** What an indicator records for one period: its dates, target, actual, narrative and disaggregated values (as recorded, as a form sends them, as a framework carries them). */
export interface PeriodValues {
  periodStart: string;
  periodEnd: string;
  target: number | null;
  actual: number | null;
  narrative: TranslatedText;
  disaggregation: DisaggregatedValue[];
}

/** An indicator's value for one period. */
export interface PeriodView extends PeriodValues {
  id: number;
  indicatorId: number;
  /** Disaggregated targets and actuals with every dimension an IATI file gave (decision 027). */
  dimensionValues: DimensionValue[];
  status: ProjectPeriodStatus;
  version: number;
}

export interface IndicatorView {
  id: number;
  resultId: number;
  name: TranslatedText;
  unit: ProjectIndicatorUnit;
  baselineValue: number | null;
  baselineYear: number | null;
  /** Disaggregated baselines as an IATI file gave them. */
  baselineDimensions: BaselineDimensionValue[];
  disaggregations: ProjectDisaggregation[];
  periods: PeriodView[];
}

export interface ResultView {
  id: number;
  kind: ProjectResultKind;
  parentId: number | null;
  title: TranslatedText;
  description: TranslatedText;
  indicators: IndicatorView[];
}

/**
 * The results frameworks of several projects (three queries whatever their size): results in
 * order (outcomes, each followed by its outputs), with indicators and their periods.
 */
export async function loadResultsFrameworks(
  db: Db,
  projectIds: readonly number[],
  options: { approvedOnly: boolean },
): Promise<Map<number, ResultView[]>> {
  const out = new Map<number, ResultView[]>(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) return out;
  const results = await db
    .selectFrom("project_result")
    .select(["id", "project_id", "kind", "parent_id", "title", "description", "sort_order"])
    .where("project_id", "in", projectIds)
    .orderBy("project_id")
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  const resultIds = results.map((r) => r.id);
  const indicators = resultIds.length
    ? await db
        .selectFrom("project_indicator")
        .selectAll()
        .where("result_id", "in", resultIds)
        .orderBy("sort_order")
        .orderBy("id")
        .execute()
    : [];
  const indicatorIds = indicators.map((i) => i.id);
  let periodQuery = db
    .selectFrom("project_indicator_period")
    .select([
      "id",
      "indicator_id",
      sql<string>`period_start::text`.as("period_start"),
      sql<string>`period_end::text`.as("period_end"),
      "target",
      "actual",
      "narrative",
      "disaggregation",
      "dimension_values",
      "status",
      "version",
    ])
    .where("indicator_id", "in", indicatorIds.length ? indicatorIds : [-1])
    .orderBy("period_start");
  if (options.approvedOnly) periodQuery = periodQuery.where("status", "=", "approved");
  const periods = indicatorIds.length ? await periodQuery.execute() : [];
  const periodsByIndicator = groupBy(
    periods.map((p): PeriodView => ({
      id: p.id,
      indicatorId: p.indicator_id,
      periodStart: dateText(p.period_start) ?? "",
      periodEnd: dateText(p.period_end) ?? "",
      target: p.target === null ? null : Number(p.target),
      actual: p.actual === null ? null : Number(p.actual),
      narrative: p.narrative,
      disaggregation: p.disaggregation,
      dimensionValues: p.dimension_values ?? [],
      status: p.status,
      version: p.version,
    })),
    (p) => p.indicatorId,
  );
  const indicatorsByResult = groupBy(
    indicators.map((i): IndicatorView => ({
      id: i.id,
      resultId: i.result_id,
      name: i.name,
      unit: i.unit,
      baselineValue: i.baseline_value === null ? null : Number(i.baseline_value),
      baselineYear: i.baseline_year,
      baselineDimensions: i.baseline_dimensions ?? [],
      disaggregations: i.disaggregations,
      periods: periodsByIndicator.get(i.id) ?? [],
    })),
    (i) => i.resultId,
  );
  for (const projectId of projectIds) {
    const own = results.filter((r) => r.project_id === projectId);
    const view = (r: (typeof own)[number]): ResultView => ({
      id: r.id,
      kind: r.kind,
      parentId: r.parent_id,
      title: r.title,
      description: r.description,
      indicators: indicatorsByResult.get(r.id) ?? [],
    });
    const ordered: ResultView[] = [];
    for (const outcome of own.filter((r) => r.kind === "outcome")) {
      ordered.push(view(outcome));
      for (const output of own.filter((r) => r.kind === "output" && r.parent_id === outcome.id))
        ordered.push(view(output));
    }
    out.set(projectId, ordered);
  }
  return out;
}

/** The Office's comments on a project, newest first. */
export async function listProjectComments(db: Db, projectId: number) {
  return db
    .selectFrom("project_comment")
    .select(["id", "period_id", "author_label", "body", "created_at"])
    .where("project_id", "=", projectId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * What `loadProjectChoices` reads besides the reference lists: every measure (forms), none, or the
 * measures one project contributes to; every active organisation, none, or one project's. Public
 * lists read neither and a project's page only its own, so their cost does not grow with the
 * strategies or the directory (decision 044).
 */
export interface ChoicesScope {
  measures?: "all" | "none" | { ofProject: number };
  /** Every active organisation (true, the default), none, or the active organisations of one project (its page). */
  organisations?: boolean | { ofProject: number };
}

/** Names of organisations, sectors, communities, municipalities and measures, for forms and pages (one query). */
export async function loadProjectChoices(db: Db, scope: ChoicesScope = {}) {
  const measures = scope.measures ?? "all";
  const measureFilter =
    measures === "all"
      ? sql`true`
      : measures === "none"
        ? sql`false`
        : sql`me.id in (select pm.measure_id from project_measure pm where pm.project_id = ${measures.ofProject})`;
  const organisations = scope.organisations ?? true;
  const withOrganisations =
    typeof organisations === "boolean"
      ? sql`${organisations}`
      : sql`o.id in (select po.organisation_id from project_organisation po where po.project_id = ${organisations.ofProject})`;
  const row = await db
    .selectNoFrom([
      sql<
        { id: number; name: TranslatedText; nameSrCyrl: string | null; acronym: string | null }[]
      >`(select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'nameSrCyrl', o.name_sr_cyrl, 'acronym', o.acronym) order by o.id), '[]') from organisation o where o.is_active and ${withOrganisations})`.as(
        "organisations",
      ),
      sql<
        { code: string; name: TranslatedText }[]
      >`(select coalesce(json_agg(json_build_object('code', s.code, 'name', s.name) order by s.sort_order), '[]') from sector s)`.as(
        "sectors",
      ),
      sql<
        { code: string; name: TranslatedText; isMajority: boolean }[]
      >`(select coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'isMajority', c.is_majority) order by c.sort_order), '[]') from community c)`.as(
        "communities",
      ),
      sql<
        { kasCode: string; nameSq: string; nameSr: string; nameSrCyrl: string; slug: string }[]
      >`(select coalesce(json_agg(json_build_object('kasCode', m.kas_code, 'nameSq', m.name_sq, 'nameSr', m.name_sr, 'nameSrCyrl', m.name_sr_cyrl, 'slug', m.slug) order by m.name_sq), '[]') from municipality m)`.as(
        "municipalities",
      ),
      sql<
        { id: number; code: string; title: TranslatedText; planCode: string; planTitle: TranslatedText }[]
      >`(select coalesce(json_agg(json_build_object('id', me.id, 'code', me.code, 'title', me.title, 'planCode', ap.code, 'planTitle', ap.title) order by ap.code, me.sort_order, me.code), '[]') from measure me join action_plan ap on ap.id = me.action_plan_id where ${measureFilter})`.as(
        "measures",
      ),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

/** A sector an IATI file gave a project, in its vocabulary (decision 027). */
export interface IatiSectorView {
  vocabulary: string;
  code: string;
  percentage: number | null;
}

/** The IATI sectors of the given projects, each project's in their order, grouped once (one query). */
export async function loadIatiSectors(db: Db, ids: readonly number[]): Promise<Map<number, IatiSectorView[]>> {
  const rows = await db
    .selectFrom("project_iati_sector")
    .select(["project_id", "vocabulary", "code", "percentage"])
    .where("project_id", "in", ids)
    .orderBy("project_id")
    .orderBy("sort_order")
    .execute();
  const byProject = new Map<number, IatiSectorView[]>();
  for (const r of rows) {
    let list = byProject.get(r.project_id);
    if (!list) byProject.set(r.project_id, (list = []));
    list.push({
      vocabulary: r.vocabulary,
      code: r.code,
      percentage: r.percentage === null ? null : Number(r.percentage),
    });
  }
  return byProject;
}

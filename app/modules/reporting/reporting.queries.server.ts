import { municipalityNameColumns } from "#app/db/municipality-columns.ts";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type {
  CycleStatus,
  ImplementationStatus,
  ObservationKind,
  ReviewState,
  TaskStatus,
} from "#app/db/tables/reporting.ts";
import type { BudgetSource, IndicatorUnit } from "#app/db/tables/strategies.ts";
import { formatDate, formatDateTime, formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { localize, localizedString, writtenText, type LocalizedText } from "#app/i18n/translated-text.ts";
import { municipalityName } from "#app/modules/municipalities/municipality-name.ts";
import { organisationsOf, type Actor } from "#app/services/authorization.ts";
import { GENDERS, SPENDING_SOURCES, type FormIndicator } from "./reporting.schema.ts";

/** Today's date in Kosovo (yyyy-mm-dd): deadlines are days in Kosovo time. */
export function kosovoToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Belgrade",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** True when a task is late: its cycle is open, the deadline day has passed and it is not (re)submitted. */
export function isOverdue(
  task: { status: TaskStatus; cycleStatus: CycleStatus; deadline: string },
  today: string,
): boolean {
  return (
    task.cycleStatus === "open" && task.deadline < today && (task.status === "draft" || task.status === "returned")
  );
}

/** CSO observations (`ob`) with their measure (`m`) and organisation (`o`): the observation lists and the annual report. */
export function observationsWithMeasure(db: Db) {
  return db
    .selectFrom("cso_observation as ob")
    .innerJoin("measure as m", "m.id", "ob.measure_id")
    .innerJoin("organisation as o", "o.id", "ob.organisation_id");
}

/**
 * The evidence of a CSO observation (`ob`), in the order it was added: each link, and each file as
 * `filePrefix` and its id (`/files/…` on the pages, `file:…` in the annual report).
 */
export function observationEvidence(filePrefix: "/files/" | "file:") {
  return sql<
    string[]
  >`array(select coalesce(e.url, ${sql.lit(filePrefix)} || e.file_id) from evidence e where e.observation_id = ob.id order by e.id)`.as(
    "evidence",
  );
}

/**
 * The name of a row's municipality for the reader, from the names a left join selected
 * (`municipalityNameColumns`), or null when the row has none (a national plan, task or measure).
 */
export function joinedMunicipalityName(
  row: { name_sq: string | null; name_sr: string | null; name_sr_cyrl: string | null },
  locale: Locale,
): string | null {
  return row.name_sq
    ? municipalityName({ nameSq: row.name_sq, nameSr: row.name_sr ?? "", nameSrCyrl: row.name_sr_cyrl ?? "" }, locale)
    : null;
}

/** A plan one can open a cycle for. */
export interface PlanChoice {
  id: number;
  label: string;
}

/** The action plans for the "open a cycle" form: national plans first, then local ones (one query). */
export async function listPlanChoices(db: Db, locale: Locale): Promise<PlanChoice[]> {
  const rows = await db
    .selectFrom("action_plan as ap")
    .leftJoin("municipality as mu", "mu.kas_code", "ap.kas_code")
    .select(["ap.id", "ap.code", "ap.title", "ap.original_locale", "ap.kind", ...municipalityNameColumns("mu")])
    .orderBy(sql`ap.kind = 'local'`)
    .orderBy("ap.code")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: `${r.code} — ${localizedString(r.title, locale, r.original_locale)}${r.name_sq ? ` (${joinedMunicipalityName(r, locale)})` : ""}`,
  }));
}

/** A cycle in the list. */
export interface CycleSummary {
  id: number;
  label: string;
  plan: string;
  status: CycleStatus;
  deadline: string;
  deadlineText: string;
  periodText: string;
  tasks: number;
  tasksApproved: number;
  tasksOverdue: number;
}

/** Reporting cycles (`c`) joined to their action plan (`ap`): the cycle list and board, the annual report and its publication. */
export function cyclesOfPlans(db: Db) {
  return db.selectFrom("reporting_cycle as c").innerJoin("action_plan as ap", "ap.id", "c.action_plan_id");
}

/** The cycles (`c`) with their action plan (`ap`): what the list and the board show of each. */
function cyclesWithPlan(db: Db) {
  return cyclesOfPlans(db).select([
    "c.id",
    "c.label",
    "c.status",
    "c.deadline",
    "c.period_start",
    "c.period_end",
    "ap.code",
    "ap.title",
    "ap.original_locale",
  ]);
}

/** Every cycle, newest first, with task counts (one query). */
export async function listCycles(db: Db, locale: Locale, now: Date = new Date()): Promise<CycleSummary[]> {
  const today = kosovoToday(now);
  const rows = await cyclesWithPlan(db)
    .select([
      sql<number>`(select count(*) from reporting_task t where t.cycle_id = c.id)`.as("tasks"),
      sql<number>`(select count(*) from reporting_task t where t.cycle_id = c.id and t.status = 'approved')`.as(
        "approved",
      ),
      sql<number>`(select count(*) from reporting_task t where t.cycle_id = c.id and t.status in ('draft', 'returned') and c.status = 'open' and c.deadline < ${today})`.as(
        "overdue",
      ),
    ])
    .orderBy("c.period_end", "desc")
    .orderBy("c.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    plan: `${r.code} — ${localizedString(r.title, locale, r.original_locale)}`,
    status: r.status,
    deadline: r.deadline,
    deadlineText: formatDate(r.deadline, locale),
    periodText: `${formatDate(r.period_start, locale)} – ${formatDate(r.period_end, locale)}`,
    tasks: Number(r.tasks),
    tasksApproved: Number(r.approved),
    tasksOverdue: Number(r.overdue),
  }));
}

/** A task as listed for the people who report for it, on the board and on the dashboard. */
export interface TaskSummary {
  id: number;
  cycleId: number;
  cycleLabel: string;
  cycleStatus: CycleStatus;
  organisation: string;
  organisationId: number;
  kasCode: string | null;
  municipality: string | null;
  status: TaskStatus;
  deadline: string;
  deadlineText: string;
  submittedText: string | null;
  isOverdue: boolean;
  measures: number;
  /** Measure reports by review state. */
  byState: Record<ReviewState, number>;
  /** The same counts formatted for the reader (decision 010). */
  measuresLabel: string;
  byStateLabel: Record<ReviewState, string>;
}

/** Reporting tasks (`t`) joined to their cycle (`c`): where every read of tasks with their cycle starts. */
export function tasksWithCycle(db: Db) {
  return db.selectFrom("reporting_task as t").innerJoin("reporting_cycle as c", "c.id", "t.cycle_id");
}

/** Reporting tasks (`t`) with their cycle (`c`) and institution (`o`): the task lists and the deadline reminders. */
export function tasksWithInstitution(db: Db) {
  return tasksWithCycle(db).innerJoin("organisation as o", "o.id", "t.organisation_id");
}

/** How many measure reports a task `t` has (in one of `states`, when given), as a column of a query over tasks. */
export function taskReportCount(states?: readonly ReviewState[]) {
  const inStates = states ? sql` and r.review_state in (${sql.join(states)})` : sql``;
  return sql<number>`(select count(*) from measure_report r where r.task_id = t.id${inStates})`;
}

/** Compiled annual reports (`rr`) joined to their cycle (`c`): the compiled report's page and the publishing command. */
export function compiledReportsWithCycle(db: Db) {
  return db.selectFrom("reporting_report as rr").innerJoin("reporting_cycle as c", "c.id", "rr.cycle_id");
}

/** Measure reports (`r`) joined to their task (`t`) and cycle (`c`): the report page's read and the commands' lock. */
export function reportsWithTaskAndCycle(db: Db) {
  return db
    .selectFrom("measure_report as r")
    .innerJoin("reporting_task as t", "t.id", "r.task_id")
    .innerJoin("reporting_cycle as c", "c.id", "r.cycle_id");
}

/** The tasks (`t`, the whole row) with their cycle's label, status and deadline, the institution's and the municipality's names. */
function taskQuery(db: Db) {
  return tasksWithInstitution(db)
    .leftJoin("municipality as mu", "mu.kas_code", "t.kas_code")
    .selectAll("t")
    .select([
      "c.label",
      "c.status as cycle_status",
      "c.deadline",
      "o.name as org_name",
      ...municipalityNameColumns("mu"),
    ])
    .select([
      taskReportCount().as("measures"),
      taskReportCount(["draft"]).as("n_draft"),
      taskReportCount(["submitted"]).as("n_submitted"),
      taskReportCount(["returned"]).as("n_returned"),
      taskReportCount(["approved"]).as("n_approved"),
    ]);
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>["execute"]>>[number];

function toTaskSummary(r: TaskRow, locale: Locale, today: string): TaskSummary & { version: number } {
  return {
    id: r.id,
    version: r.version,
    cycleId: r.cycle_id,
    cycleLabel: r.label,
    cycleStatus: r.cycle_status,
    organisation: localizedString(r.org_name as TranslatedText, locale),
    organisationId: r.organisation_id,
    kasCode: r.kas_code,
    municipality: joinedMunicipalityName(r, locale),
    status: r.status,
    deadline: r.deadline,
    deadlineText: formatDate(r.deadline, locale),
    submittedText: r.submitted_at ? formatDateTime(r.submitted_at, locale) : null,
    isOverdue: isOverdue({ status: r.status, cycleStatus: r.cycle_status, deadline: r.deadline }, today),
    measures: Number(r.measures),
    byState: {
      draft: Number(r.n_draft),
      submitted: Number(r.n_submitted),
      returned: Number(r.n_returned),
      approved: Number(r.n_approved),
    },
    measuresLabel: formatNumber(Number(r.measures), locale),
    byStateLabel: {
      draft: formatNumber(Number(r.n_draft), locale),
      submitted: formatNumber(Number(r.n_submitted), locale),
      returned: formatNumber(Number(r.n_returned), locale),
      approved: formatNumber(Number(r.n_approved), locale),
    },
  };
}

/**
 * Whom an actor fills in reports for: the institutions they are focal point or municipal officer
 * of, and the municipalities (KAS codes) they are municipal officer in.
 */
export function reportingScope(actor: Extract<Actor, { kind: "user" }>): { orgs: number[]; kasCodes: string[] } {
  const orgs = organisationsOf({
    ...actor,
    grants: actor.grants.filter((g) => g.role === "focal_point" || g.role === "municipal_officer"),
  });
  const kasCodes = actor.grants
    .filter((g) => g.role === "municipal_officer" && g.kasCode)
    .map((g) => g.kasCode as string);
  return { orgs, kasCodes };
}

/** The tasks of the institutions the actor reports for, open cycles first (one query). */
export async function listTasksForActor(
  db: Db,
  actor: Actor,
  locale: Locale,
  now: Date = new Date(),
): Promise<TaskSummary[]> {
  if (actor.kind !== "user") return [];
  const { orgs, kasCodes } = reportingScope(actor);
  if (orgs.length === 0 && kasCodes.length === 0) return [];
  const rows = await taskQuery(db)
    .where((eb) =>
      eb.or([
        ...(orgs.length ? [eb("t.organisation_id", "in", orgs)] : []),
        ...(kasCodes.length ? [eb("t.kas_code", "in", kasCodes)] : []),
      ]),
    )
    .orderBy(sql`c.status = 'closed'`)
    .orderBy("c.deadline", "desc")
    .orderBy("t.id")
    .execute();
  const today = kosovoToday(now);
  return rows.map((r) => toTaskSummary(r, locale, today));
}

/** A cycle's board: the cycle and every task (institution × status), overdue ones marked (two queries). */
export async function loadCycleBoard(db: Db, cycleId: number, locale: Locale, now: Date = new Date()) {
  const cycle = await cyclesWithPlan(db)
    .select(["c.period_kind", "c.version", "ap.strategy_id"])
    .where("c.id", "=", cycleId)
    .executeTakeFirst();
  if (!cycle) return null;
  const today = kosovoToday(now);
  const rows = await taskQuery(db)
    .where("t.cycle_id", "=", cycleId)
    .orderBy(sql`t.kas_code is not null`)
    .orderBy("t.kas_code")
    .orderBy("t.organisation_id")
    .execute();
  const tasks = rows.map((r) => toTaskSummary(r, locale, today));
  return {
    cycle: {
      id: cycle.id,
      label: cycle.label,
      status: cycle.status,
      version: cycle.version,
      strategyId: cycle.strategy_id,
      plan: `${cycle.code} — ${localizedString(cycle.title, locale, cycle.original_locale)}`,
      deadlineText: formatDate(cycle.deadline, locale),
      periodText: `${formatDate(cycle.period_start, locale)} – ${formatDate(cycle.period_end, locale)}`,
    },
    tasks,
    toReview: tasks.reduce((n, t) => n + t.byState.submitted, 0),
  };
}

/** One measure report as a row of its task's list. */
export interface TaskMeasureRow {
  reportId: number;
  measureId: number;
  code: string;
  title: LocalizedText | null;
  status: ImplementationStatus;
  reviewState: ReviewState;
  reviewerComment: string | null;
}

/** Measure reports per page of a task (decision 047): a ministry's task can list hundreds. */
export const TASK_MEASURES_PER_PAGE = 25;

/**
 * A task with its cycle and one page of the measure reports it lists (two queries; the page's rows,
 * not the task's size, bound the second).
 */
export async function loadTask(db: Db, taskId: number, locale: Locale, options: { page?: number; now?: Date } = {}) {
  const row = await taskQuery(db).where("t.id", "=", taskId).executeTakeFirst();
  if (!row) return null;
  const pageCount = Math.max(1, Math.ceil(Number(row.measures) / TASK_MEASURES_PER_PAGE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const measures = await db
    .selectFrom("measure_report as r")
    .innerJoin("measure as m", "m.id", "r.measure_id")
    .select(["r.id", "r.measure_id", "r.status", "r.review_state", "r.reviewer_comment", "m.code", "m.title"])
    .where("r.task_id", "=", taskId)
    .orderBy("m.action_plan_id")
    .orderBy("m.sort_order")
    .orderBy("m.code")
    .orderBy("r.id")
    .limit(TASK_MEASURES_PER_PAGE)
    .offset((page - 1) * TASK_MEASURES_PER_PAGE)
    .execute();
  return {
    task: toTaskSummary(row, locale, kosovoToday(options.now ?? new Date())),
    page,
    pageCount,
    measures: measures.map((m): TaskMeasureRow => ({
      reportId: m.id,
      measureId: m.measure_id,
      code: m.code,
      title: localize(m.title, locale),
      status: m.status,
      reviewState: m.review_state,
      reviewerComment: m.reviewer_comment,
    })),
  };
}

/** An indicator in the measure report form, with what was reported. */
export interface ReportIndicator extends FormIndicator {
  code: string;
  name: LocalizedText | null;
  unit: IndicatorUnit;
  baselineText: string | null;
  targetText: string | null;
  communityNames: Record<string, string>;
  /** Stored figures by form field, as typed (decimal point). */
  values: Record<string, string>;
}

/** Trims a stored numeric ("42.5000") to its shortest form ("42.5"). */
export function plainNumber(value: string): string {
  return String(Number(value));
}

/**
 * Everything the page of one measure report shows: the report with its task and cycle, the measure,
 * its indicators with the reported figures, planned budget and spending by source, evidence, the
 * history of versions and the CSO observations — a fixed number of queries.
 */
export async function loadMeasureReport(db: Db, reportId: number, locale: Locale) {
  const report = await reportsWithTaskAndCycle(db)
    .innerJoin("measure as m", "m.id", "r.measure_id")
    .innerJoin("organisation as o", "o.id", "t.organisation_id")
    .selectAll("r")
    .select([
      "t.organisation_id",
      "t.kas_code",
      "t.status as task_status",
      "c.label as cycle_label",
      "c.status as cycle_status",
      "c.period_start",
      "c.period_end",
      "m.code",
      "m.title",
      "m.description",
      "o.name as org_name",
    ])
    .where("r.id", "=", reportId)
    .executeTakeFirst();
  if (!report) return null;
  const year = Number(report.period_end.slice(0, 4));
  const [
    indicators,
    targets,
    targetCommunities,
    communities,
    values,
    budget,
    spending,
    evidence,
    versions,
    observations,
  ] = await Promise.all([
    db
      .selectFrom("indicator")
      .selectAll()
      .where("measure_id", "=", report.measure_id)
      .orderBy("sort_order")
      .orderBy("code")
      .execute(),
    // The indicators' targets for the cycle's year.
    db
      .selectFrom("indicator_target as it")
      .innerJoin("indicator as i", "i.id", "it.indicator_id")
      .select(["it.indicator_id", "it.value"])
      .where("i.measure_id", "=", report.measure_id)
      .where("it.year", "=", year)
      .execute(),
    db.selectFrom("measure_community").select("community_code").where("measure_id", "=", report.measure_id).execute(),
    db.selectFrom("community").select(["code", "name", "is_majority"]).orderBy("sort_order").execute(),
    db
      .selectFrom("indicator_value")
      .select(["indicator_id", "community_code", "gender", "value"])
      .where("measure_report_id", "=", reportId)
      .execute(),
    db
      .selectFrom("measure_budget")
      .select(["source", sql<string>`sum(amount)`.as("amount")])
      .where("measure_id", "=", report.measure_id)
      .where("year", "=", year)
      .groupBy("source")
      .execute(),
    db.selectFrom("measure_spending").select(["source", "amount"]).where("measure_report_id", "=", reportId).execute(),
    db
      .selectFrom("evidence")
      .select(["id", "file_id", "url", "label"])
      .where("measure_report_id", "=", reportId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("measure_report_version as v")
      .leftJoin("app_user as u", "u.id", "v.actor_user_id")
      .select(["v.id", "v.version", "v.event", "v.snapshot", "v.comment", "v.created_at", "u.name as actor_name"])
      .where("v.measure_report_id", "=", reportId)
      .orderBy("v.id", "desc")
      .execute(),
    db
      .selectFrom("cso_observation as ob")
      .innerJoin("organisation as o", "o.id", "ob.organisation_id")
      .select([
        "ob.id",
        "ob.kind",
        "ob.body",
        "ob.body_locale",
        "ob.indicator_id",
        "ob.created_at",
        "o.name as org_name",
      ])
      .select(observationEvidence("/files/"))
      .where("ob.cycle_id", "=", report.cycle_id)
      .where("ob.measure_id", "=", report.measure_id)
      .orderBy("ob.id")
      .execute(),
  ]);
  const targetCodes = targetCommunities.map((c) => c.community_code);
  const disaggregation = targetCodes.length
    ? communities.filter((c) => targetCodes.includes(c.code))
    : communities.filter((c) => !c.is_majority);
  const communityNames = Object.fromEntries(communities.map((c) => [c.code, localizedString(c.name, locale)]));
  const fieldOf = (v: { indicator_id: number; community_code: string | null; gender: string | null }) =>
    v.community_code
      ? `ind-${v.indicator_id}-c-${v.community_code}`
      : v.gender
        ? `ind-${v.indicator_id}-g-${v.gender}`
        : `ind-${v.indicator_id}`;
  const valueByField = new Map(values.map((v) => [fieldOf(v), plainNumber(v.value)]));
  const amountText = (value: number) =>
    formatNumber(value, locale, { style: "currency", currency: "EUR", maximumFractionDigits: 2 });
  return {
    report: {
      id: report.id,
      version: report.version,
      measureId: report.measure_id,
      taskId: report.task_id,
      cycleId: report.cycle_id,
      status: report.status,
      achievements: report.achievements,
      achievementsLocale: report.achievements_locale ?? "",
      challenges: report.challenges,
      challengesLocale: report.challenges_locale ?? "",
      recommendations: report.recommendations,
      reviewState: report.review_state,
      reviewerComment: report.reviewer_comment,
      cycleLabel: report.cycle_label,
      cycleStatus: report.cycle_status,
      taskStatus: report.task_status,
      organisationId: report.organisation_id,
      kasCode: report.kas_code,
      organisation: localizedString(report.org_name as TranslatedText, locale),
      year,
    },
    measure: {
      code: report.code,
      title: localize(report.title, locale),
      description: localize(report.description, locale),
    },
    indicators: indicators.map((i): ReportIndicator => ({
      id: i.id,
      code: i.code,
      name: localize(i.name, locale),
      unit: i.unit,
      byCommunity: i.by_community,
      byGender: i.by_gender,
      communities: disaggregation.map((c) => c.code),
      communityNames,
      baselineText:
        i.baseline_value !== null
          ? `${formatNumber(Number(i.baseline_value), locale)}${i.baseline_year ? ` (${i.baseline_year})` : ""}`
          : null,
      targetText: (() => {
        const t = targets.find((x) => x.indicator_id === i.id);
        return t ? formatNumber(Number(t.value), locale) : null;
      })(),
      values: Object.fromEntries(
        [
          `ind-${i.id}`,
          ...disaggregation.map((c) => `ind-${i.id}-c-${c.code}`),
          ...GENDERS.map((g) => `ind-${i.id}-g-${g}`),
        ]
          .filter((f) => valueByField.has(f))
          .map((f) => [f, valueByField.get(f) ?? ""]),
      ),
    })),
    budget: SPENDING_SOURCES.map((source) => {
      const planned = Number(budget.find((b) => b.source === source)?.amount ?? 0);
      const spent = spending.find((s) => s.source === source);
      return {
        source: source as BudgetSource,
        plannedText: amountText(planned),
        spent: spent ? plainNumber(spent.amount) : "",
      };
    }),
    evidence: evidence.map((e) => ({
      id: e.id,
      href: e.url ?? `/files/${e.file_id}`,
      label: e.label || e.url || e.file_id || "",
      isFile: e.file_id !== null,
    })),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      event: v.event,
      comment: v.comment,
      actor: v.actor_name ?? "",
      atText: formatDateTime(v.created_at, locale),
      snapshot: v.snapshot as SnapshotView,
    })),
    observations: observations.map((o) => ({
      id: o.id,
      kind: o.kind,
      body: o.body,
      text: writtenText(o.body, o.body_locale, locale),
      organisation: localizedString(o.org_name as TranslatedText, locale),
      indicatorId: o.indicator_id,
      atText: formatDateTime(o.created_at, locale),
      evidence: o.evidence,
    })),
  };
}

/** A version of a report as kept in the history. */
export interface SnapshotView {
  status?: ImplementationStatus;
  achievements?: string;
  challenges?: string;
  recommendations?: string;
  values?: { indicator_id: number; community_code: string | null; gender: string | null; value: string }[];
  spending?: { source: string; amount: string }[];
  evidence?: { url: string | null; file_id: string | null; label: string }[];
}

/** A dispute raised by a CSO against an official figure. */
export interface Dispute {
  id: number;
  cycleId: number;
  cycleLabel: string;
  measureId: number;
  measureCode: string;
  indicatorId: number | null;
  organisation: string;
  body: string;
  bodyLocale: string;
  createdAt: Date;
  evidence: string[];
}

/**
 * The disputes raised by civil society — of one cycle, or on given measures — for the public pages
 * and the annual report to show next to the official figure (one query).
 */
export async function listDisputes(
  db: Db,
  scope: { cycleId?: number; measureIds?: number[] },
  locale: Locale,
): Promise<Dispute[]> {
  let query = observationsWithMeasure(db)
    .innerJoin("reporting_cycle as c", "c.id", "ob.cycle_id")
    .selectAll("ob")
    .select(["c.label", "m.code", "o.name"])
    .select(observationEvidence("/files/"))
    .where("ob.kind", "=", "dispute");
  if (scope.cycleId !== undefined) query = query.where("ob.cycle_id", "=", scope.cycleId);
  if (scope.measureIds !== undefined)
    query = query.where("ob.measure_id", "in", scope.measureIds.length ? scope.measureIds : [-1]);
  const rows = await query.orderBy("ob.measure_id").orderBy("ob.id").execute();
  return rows.map((r) => ({
    id: r.id,
    cycleId: r.cycle_id,
    cycleLabel: r.label,
    measureId: r.measure_id,
    measureCode: r.code,
    indicatorId: r.indicator_id,
    organisation: localizedString(r.name as TranslatedText, locale),
    body: r.body,
    bodyLocale: r.body_locale,
    createdAt: r.created_at,
    evidence: r.evidence,
  }));
}

/** The measures of a cycle for the observation form, with their indicators (two queries). */
export async function listCycleMeasures(db: Db, cycleId: number, locale: Locale) {
  const measures = await db
    .selectFrom("measure_report as r")
    .innerJoin("measure as m", "m.id", "r.measure_id")
    .select(["m.id", "m.code", "m.title", "r.review_state", "r.status"])
    .where("r.cycle_id", "=", cycleId)
    .orderBy("m.action_plan_id")
    .orderBy("m.sort_order")
    .orderBy("m.code")
    .execute();
  const indicators = measures.length
    ? await db
        .selectFrom("indicator")
        .select(["id", "measure_id", "code", "name"])
        .where(
          "measure_id",
          "in",
          measures.map((m) => m.id),
        )
        .orderBy("measure_id")
        .orderBy("sort_order")
        .execute()
    : [];
  return {
    measures: measures.map((m) => ({
      id: m.id,
      label: `${m.code} — ${localizedString(m.title, locale)}`,
      reviewState: m.review_state,
      status: m.status,
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      measureId: i.measure_id,
      label: `${i.code} — ${localizedString(i.name, locale)}`,
    })),
  };
}

/** Observations of a cycle, newest first (one query). */
export async function listCycleObservations(db: Db, cycleId: number, locale: Locale) {
  const rows = await observationsWithMeasure(db)
    .select(["ob.id", "ob.kind", "ob.body", "ob.body_locale", "ob.created_at", "m.code", "o.name"])
    .select(observationEvidence("/files/"))
    .where("ob.cycle_id", "=", cycleId)
    .orderBy("ob.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ObservationKind,
    body: r.body,
    text: writtenText(r.body, r.body_locale, locale),
    measureCode: r.code,
    organisation: localizedString(r.name as TranslatedText, locale),
    atText: formatDateTime(r.created_at, locale),
    evidence: r.evidence,
  }));
}

/** Compiled annual reports (`rr`) with the job that compiles them (`j`): the cycle's list of reports and a report's page. */
function reportsWithJob(db: Db) {
  return db.selectFrom("reporting_report as rr").leftJoin("job as j", "j.id", "rr.job_id");
}

/** The compiled reports of a cycle and their jobs (one query). */
export async function listCycleReports(db: Db, cycleId: number, locale: Locale) {
  const rows = await reportsWithJob(db)
    .select([
      "rr.id",
      "rr.locale",
      "rr.created_at",
      "rr.compiled_at",
      "rr.docx_file_id",
      "rr.xlsx_file_id",
      "j.status as job_status",
    ])
    .where("rr.cycle_id", "=", cycleId)
    .orderBy("rr.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    createdText: formatDateTime(r.created_at, locale),
    status: r.job_status ?? "queued",
    docx: r.docx_file_id ? `/files/${r.docx_file_id}` : null,
    xlsx: r.xlsx_file_id ? `/files/${r.xlsx_file_id}` : null,
  }));
}

/** One compiled report with its job's progress (two queries). */
export async function loadCompiledReport(db: Db, reportId: number, locale: Locale) {
  const row = await reportsWithJob(db)
    .innerJoin("reporting_cycle as c", "c.id", "rr.cycle_id")
    .select([
      "rr.id",
      "rr.cycle_id",
      "rr.locale",
      "rr.docx_file_id",
      "rr.xlsx_file_id",
      "rr.compiled_at",
      "rr.published_at",
      "c.label",
      "j.status",
      "j.progress_done",
      "j.progress_total",
      "j.last_error",
    ])
    .select(
      sql<
        string | null
      >`(select d.slug from library_document d join library_document_file f on f.document_id = d.id where f.file_id = rr.docx_file_id and d.status = 'published' order by d.id desc limit 1)`.as(
        "library_slug",
      ),
    )
    .where("rr.id", "=", reportId)
    .executeTakeFirst();
  if (!row) return null;
  const percent =
    row.progress_total && row.progress_total > 0
      ? Math.min(100, Math.floor(((row.progress_done ?? 0) / row.progress_total) * 100))
      : row.status === "succeeded"
        ? 100
        : 0;
  return {
    id: row.id,
    cycleId: row.cycle_id,
    cycleLabel: row.label,
    locale: row.locale,
    status: row.status ?? "queued",
    percent,
    percentText: formatNumber(percent / 100, locale, { style: "percent" }),
    docx: row.docx_file_id ? `/files/${row.docx_file_id}` : null,
    xlsx: row.xlsx_file_id ? `/files/${row.xlsx_file_id}` : null,
    compiledText: row.compiled_at ? formatDateTime(row.compiled_at, locale) : null,
    hasError: Boolean(row.last_error),
    publishedText: row.published_at ? formatDateTime(row.published_at, locale) : null,
    libraryHref: row.library_slug ? `/${locale}/library/${row.library_slug}` : null,
  };
}

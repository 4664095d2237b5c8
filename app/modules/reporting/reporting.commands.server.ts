import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { ReviewState, TaskStatus } from "#app/db/tables/reporting.ts";
import { recordAudit, type AuditContext, type SystemAuditContext } from "#app/services/audit.server.ts";
import { type CommandFailure, fail, inTransaction } from "#app/services/commands.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { ACCEPTED_TYPES, type FileStore } from "#app/services/files.server.ts";
import { enqueueJob } from "#app/services/jobs.server.ts";
import { enqueueMail } from "#app/services/mail.server.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { reportingPolicy, type TaskSubject } from "./reporting.policy.ts";
import { compiledReportsWithCycle, reportsWithTaskAndCycle, tasksWithCycle } from "./reporting.queries.server.ts";
import { mailLocale, reportingTranslator } from "./reporting.translator.server.ts";
import type {
  CompileInput,
  FigureRow,
  MeasureReportFields,
  ObservationInput,
  OpenCycleInput,
  ReviewInput,
  SPENDING_SOURCES,
} from "./reporting.schema.ts";

/** The job kind that compiles an annual report. */
export const COMPILE_REPORT_JOB = "reporting.compile";

const FORBIDDEN: CommandFailure = { ok: false, status: 403, errors: { form: "reporting:errors.forbidden" } };
const NOT_FOUND: CommandFailure = { ok: false, status: 404, errors: { form: "reporting:errors.notFound" } };
const EDITED_BY_OTHERS: CommandFailure = {
  ok: false,
  status: 409,
  errors: { form: "reporting:errors.editedByOthers" },
};
const CYCLE_CLOSED: CommandFailure = { ok: false, status: 409, errors: { form: "reporting:errors.cycleClosed" } };

const INSERT_CHUNK = 1_000;

function userId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

function chunks<T>(rows: T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** A measure a cycle asks a report of, with the institution responsible for it (and its plan's municipality). */
export interface CycleMeasure {
  id: number;
  code: string;
  organisationId: number;
  kasCode: string | null;
}

/** The measures of one plan, or of every plan of a strategy, whose dates overlap the period, by id. */
export async function measuresInPeriod(
  db: Db,
  scope: { actionPlanId: number } | { strategyId: number },
  period: { start: string; end: string },
): Promise<CycleMeasure[]> {
  const rows = await db
    .selectFrom("measure as m")
    .innerJoin("action_plan as ap", "ap.id", "m.action_plan_id")
    .select(["m.id", "m.code", "m.responsible_organisation_id", "ap.kas_code"])
    .where((eb) =>
      "strategyId" in scope ? eb("ap.strategy_id", "=", scope.strategyId) : eb("ap.id", "=", scope.actionPlanId),
    )
    .where("m.start_date", "<=", period.end)
    .where("m.end_date", ">=", period.start)
    .orderBy("m.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    organisationId: r.responsible_organisation_id,
    kasCode: r.kas_code,
  }));
}

/**
 * The tasks of a new cycle: one per institution responsible for its measures (with the municipality
 * for a local plan's measures). Returns them, and the task of a measure.
 */
export async function insertCycleTasks(trx: Db, cycleId: number, measures: readonly CycleMeasure[]) {
  const key = (organisationId: number, kasCode: string | null) => `${organisationId}|${kasCode ?? ""}`;
  const wanted = new Map<string, { organisation_id: number; kas_code: string | null }>();
  for (const m of measures)
    wanted.set(key(m.organisationId, m.kasCode), { organisation_id: m.organisationId, kas_code: m.kasCode });
  const tasks = await trx
    .insertInto("reporting_task")
    .values([...wanted.values()].map((t) => ({ ...t, cycle_id: cycleId })))
    .returning(["id", "organisation_id", "kas_code"])
    .execute();
  const taskIds = new Map(tasks.map((t) => [key(t.organisation_id, t.kas_code), t.id]));
  return { tasks, taskOf: (m: CycleMeasure) => taskIds.get(key(m.organisationId, m.kasCode)) ?? 0 };
}

/**
 * Opens a reporting cycle for a plan and period and creates, in the same transaction, one task per
 * responsible institution listing their measures (a measure belongs to the cycle when its dates
 * overlap the period). A national plan's cycle also covers the local plans of the same strategy:
 * their measures go to each municipality's institutions, with the municipality on the task.
 */
export async function openCycle(
  db: Db,
  audit: AuditContext,
  input: OpenCycleInput,
): Promise<{ ok: true; cycleId: number; tasks: number; measures: number } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "cycle.manage", null)) return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const plan = await trx
      .selectFrom("action_plan")
      .select(["id", "kind", "strategy_id"])
      .where("id", "=", input.actionPlanId)
      .executeTakeFirst();
    if (!plan) return fail(400, { actionPlanId: "reporting:errors.planRequired" });
    const measures = await measuresInPeriod(
      trx,
      plan.kind === "national" ? { strategyId: plan.strategy_id } : { actionPlanId: plan.id },
      { start: input.periodStart, end: input.periodEnd },
    );
    if (measures.length === 0) return fail(400, { periodStart: "reporting:errors.noMeasures" });

    // The cycle's columns, written and audited as they are.
    const columns = {
      action_plan_id: plan.id,
      period_kind: input.periodKind,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      label: input.label,
      deadline: input.deadline,
    };
    const cycle = await trx
      .insertInto("reporting_cycle")
      .values({ ...columns, created_by: userId(audit.actor) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { tasks, taskOf } = await insertCycleTasks(trx, cycle.id, measures);
    for (const chunk of chunks(measures)) {
      await trx
        .insertInto("measure_report")
        .values(
          chunk.map((m) => ({
            cycle_id: cycle.id,
            task_id: taskOf(m),
            measure_id: m.id,
            updated_by: userId(audit.actor),
          })),
        )
        .execute();
    }
    await recordAudit(trx, audit, {
      action: "reporting.cycle.open",
      subjectType: "reporting_cycle",
      subjectId: cycle.id,
      after: { ...columns, tasks: tasks.length, measures: measures.length },
    });
    return { ok: true, cycleId: cycle.id, tasks: tasks.length, measures: measures.length } as const;
  });
}

/** Closes a cycle: nothing more can be filled in or submitted; reviews and observations stay possible. */
export async function closeCycle(
  db: Db,
  audit: AuditContext,
  input: { cycleId: number; version: number },
): Promise<{ ok: true } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "cycle.manage", null)) return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const cycle = await trx
      .selectFrom("reporting_cycle")
      .select(["id", "status", "version"])
      .where("id", "=", input.cycleId)
      .forUpdate()
      .executeTakeFirst();
    if (!cycle) return NOT_FOUND;
    if (cycle.version !== input.version) return EDITED_BY_OTHERS;
    if (cycle.status === "closed") return CYCLE_CLOSED;
    await markCycleClosed(trx, audit, cycle.id, cycle.version + 1);
    return { ok: true } as const;
  });
}

/**
 * Marks an open cycle closed (at `now`, as version `version`) and records it in the audit log: what closing
 * writes, which the command and the demo seed share.
 */
export async function markCycleClosed(
  trx: Db,
  audit: AuditContext | SystemAuditContext,
  cycleId: number,
  version: number,
  now = new Date(),
): Promise<void> {
  await trx
    .updateTable("reporting_cycle")
    .set({ status: "closed", closed_at: now, version })
    .where("id", "=", cycleId)
    .execute();
  await recordAudit(trx, audit, {
    action: "reporting.cycle.close",
    subjectType: "reporting_cycle",
    subjectId: cycleId,
    before: { status: "open" },
    after: { status: "closed" },
  });
}

/** A measure report with its task and cycle, locked for the write. */
async function lockReport(trx: Db, reportId: number) {
  return reportsWithTaskAndCycle(trx)
    .select([
      "r.id",
      "r.measure_id",
      "r.task_id",
      "r.status",
      "r.achievements",
      "r.achievements_locale",
      "r.challenges",
      "r.challenges_locale",
      "r.recommendations",
      "r.review_state",
      "r.reviewer_comment",
      "r.version",
      "t.organisation_id",
      "t.kas_code",
      "c.status as cycle_status",
      "c.id as cycle_id",
      "c.label as cycle_label",
    ])
    .where("r.id", "=", reportId)
    .forUpdate("r")
    .executeTakeFirst();
}

/**
 * A measure report locked for its reporter's write: 404 when there is none, 403 unless the actor
 * reports for its institution, 409 when its cycle is closed, someone saved it since `version`, or it
 * is submitted or approved.
 */
async function lockEditableReport(trx: Db, actor: Actor, reportId: number, version: number) {
  const report = await lockReport(trx, reportId);
  if (!report) return NOT_FOUND;
  if (!reportingPolicy.can(actor, "task.report", { organisationId: report.organisation_id, kasCode: report.kas_code }))
    return FORBIDDEN;
  if (report.cycle_status !== "open") return CYCLE_CLOSED;
  if (report.version !== version) return EDITED_BY_OTHERS;
  if (report.review_state === "submitted" || report.review_state === "approved")
    return fail(409, { form: `reporting:errors.locked_${report.review_state}` });
  return { ok: true as const, ...report };
}

/** Stores an evidence file uploaded with a form (a document or an image), if there is one: its id, or null. */
async function storeEvidenceFile(
  trx: Db,
  input: { upload?: Upload | null; files?: FileStore },
): Promise<{ ok: true; fileId: string | null } | CommandFailure> {
  if (!input.upload || input.upload.bytes.byteLength === 0) return { ok: true, fileId: null };
  if (!input.files) return fail(400, { evidenceFile: "reporting:errors.uploadUnavailable" });
  const stored = await input.files.put(trx, input.upload.bytes, {
    originalName: input.upload.name,
    accept: [...ACCEPTED_TYPES.document, ...ACCEPTED_TYPES.image],
  });
  if (!stored.ok) return fail(400, { evidenceFile: `reporting:errors.upload_${stored.error}` });
  return { ok: true, fileId: stored.file.id };
}

/** The evidence given with a form, for a measure report or an observation: its link and its stored file, a row each. */
async function insertEvidence(
  trx: Db,
  owner: { measure_report_id: number } | { observation_id: number },
  actor: Actor,
  evidence: { url: string; urlLabel: string; fileId: string | null; fileLabel: string },
): Promise<void> {
  if (evidence.url)
    await trx
      .insertInto("evidence")
      .values({ ...owner, url: evidence.url, label: evidence.urlLabel, created_by: userId(actor) })
      .execute();
  if (evidence.fileId)
    await trx
      .insertInto("evidence")
      .values({ ...owner, file_id: evidence.fileId, label: evidence.fileLabel, created_by: userId(actor) })
      .execute();
}

/** The whole content of measure reports (fields, figures, spending, evidence) as kept in the history, in three queries. */
export async function loadReportSnapshots(trx: Db, reportIds: number[]): Promise<Map<number, Record<string, unknown>>> {
  const out = new Map<number, Record<string, unknown>>();
  if (reportIds.length === 0) return out;
  const [reports, values, spending, evidence] = await Promise.all([
    trx
      .selectFrom("measure_report")
      .select([
        "id",
        "status",
        "achievements",
        "achievements_locale",
        "challenges",
        "challenges_locale",
        "recommendations",
        "review_state",
        "reviewer_comment",
        "version",
      ])
      .where("id", "in", reportIds)
      .execute(),
    trx
      .selectFrom("indicator_value")
      .select(["measure_report_id", "indicator_id", "community_code", "gender", "value"])
      .where("measure_report_id", "in", reportIds)
      .orderBy("id")
      .execute(),
    trx
      .selectFrom("measure_spending")
      .select(["measure_report_id", "source", "amount"])
      .where("measure_report_id", "in", reportIds)
      .orderBy("source")
      .execute(),
    trx
      .selectFrom("evidence")
      .select(["measure_report_id", "file_id", "url", "label"])
      .where("measure_report_id", "in", reportIds)
      .orderBy("id")
      .execute(),
  ]);
  for (const r of reports) out.set(r.id, { ...r, values: [], spending: [], evidence: [] });
  for (const v of values)
    (out.get(v.measure_report_id)?.values as unknown[] | undefined)?.push({
      indicator_id: v.indicator_id,
      community_code: v.community_code,
      gender: v.gender,
      value: v.value,
    });
  for (const s of spending)
    (out.get(s.measure_report_id)?.spending as unknown[] | undefined)?.push({ source: s.source, amount: s.amount });
  for (const e of evidence)
    if (e.measure_report_id !== null)
      (out.get(e.measure_report_id)?.evidence as unknown[] | undefined)?.push({
        file_id: e.file_id,
        url: e.url,
        label: e.label,
      });
  return out;
}

/** An evidence file uploaded with a form. */
export interface Upload {
  bytes: Uint8Array;
  name: string;
}

/**
 * Saves the draft of one measure report: its status, narratives, figures (replacing the earlier
 * ones), money spent by source and new evidence. Refused when someone saved it since the form was
 * loaded (its version differs: 409, nothing written), when it is submitted or approved (locked), or
 * when the cycle is closed.
 */
export async function saveMeasureReport(
  db: Db,
  audit: AuditContext,
  input: {
    reportId: number;
    fields: MeasureReportFields;
    values: FigureRow[];
    spending: { source: (typeof SPENDING_SOURCES)[number]; amount: string }[];
    upload?: Upload | null;
    files?: FileStore;
  },
): Promise<{ ok: true; version: number } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const report = await lockEditableReport(trx, audit.actor, input.reportId, input.fields.version);
    if (!report.ok) return report;
    const before = (await loadReportSnapshots(trx, [report.id])).get(report.id) ?? null;

    const stored = await storeEvidenceFile(trx, input);
    if (!stored.ok) return stored;
    const fileId = stored.fileId;
    const f = input.fields;
    const version = report.version + 1;
    await trx
      .updateTable("measure_report")
      .set({
        status: f.status,
        achievements: f.achievements,
        achievements_locale: f.achievements ? (f.achievementsLocale ?? null) : null,
        challenges: f.challenges,
        challenges_locale: f.challenges ? (f.challengesLocale ?? null) : null,
        recommendations: f.recommendations,
        updated_by: userId(audit.actor),
        updated_at: new Date(),
        version,
      })
      .where("id", "=", report.id)
      .execute();
    await trx.deleteFrom("indicator_value").where("measure_report_id", "=", report.id).execute();
    if (input.values.length) {
      const allowed = await trx
        .selectFrom("indicator")
        .select("id")
        .where("measure_id", "=", report.measure_id)
        .execute();
      const ids = new Set(allowed.map((a) => a.id));
      const rows = input.values.filter((v) => ids.has(v.indicatorId));
      if (rows.length)
        await trx
          .insertInto("indicator_value")
          .values(
            rows.map((v) => ({
              measure_report_id: report.id,
              indicator_id: v.indicatorId,
              community_code: v.communityCode,
              gender: v.gender,
              value: v.value,
            })),
          )
          .execute();
    }
    await trx.deleteFrom("measure_spending").where("measure_report_id", "=", report.id).execute();
    if (input.spending.length)
      await trx
        .insertInto("measure_spending")
        .values(input.spending.map((s) => ({ measure_report_id: report.id, source: s.source, amount: s.amount })))
        .execute();
    await insertEvidence(trx, { measure_report_id: report.id }, audit.actor, {
      url: f.evidenceUrl,
      urlLabel: f.evidenceLabel || (input.upload?.name ?? f.evidenceUrl).slice(0, 300),
      fileId,
      fileLabel: f.evidenceLabel || (input.upload?.name ?? ""),
    });
    const after = (await loadReportSnapshots(trx, [report.id])).get(report.id) ?? null;
    await recordAudit(trx, audit, {
      action: "reporting.report.save",
      subjectType: "measure_report",
      subjectId: report.id,
      before,
      after,
      organisationId: report.organisation_id,
    });
    return { ok: true, version } as const;
  });
}

/** Removes one piece of evidence from a measure report that can still be edited. */
export async function removeEvidence(
  db: Db,
  audit: AuditContext,
  input: { reportId: number; evidenceId: number; version: number },
): Promise<{ ok: true } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const report = await lockEditableReport(trx, audit.actor, input.reportId, input.version);
    if (!report.ok) return report;
    const removed = await trx
      .deleteFrom("evidence")
      .where("id", "=", input.evidenceId)
      .where("measure_report_id", "=", report.id)
      .returning(["id", "url", "file_id", "label"])
      .executeTakeFirst();
    if (!removed) return NOT_FOUND;
    await trx
      .updateTable("measure_report")
      .set({ version: report.version + 1, updated_at: new Date(), updated_by: userId(audit.actor) })
      .where("id", "=", report.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "reporting.evidence.remove",
      subjectType: "measure_report",
      subjectId: report.id,
      before: { evidence: removed },
      after: null,
      organisationId: report.organisation_id,
    });
    return { ok: true } as const;
  });
}

/**
 * Submits a whole task: every measure report still in draft or returned becomes submitted, and its
 * content is kept as a version in the history. The task remembers when it was first submitted (for
 * the on-time rate).
 */
export async function submitTask(
  db: Db,
  audit: AuditContext,
  input: { taskId: number; version: number },
): Promise<{ ok: true; submitted: number } | CommandFailure> {
  return inTransaction(db, async (trx) => {
    const task = await tasksWithCycle(trx)
      .select(["t.id", "t.organisation_id", "t.kas_code", "t.status", "t.version", "c.status as cycle_status"])
      .where("t.id", "=", input.taskId)
      .forUpdate("t")
      .executeTakeFirst();
    if (!task) return NOT_FOUND;
    if (
      !reportingPolicy.can(audit.actor, "task.report", { organisationId: task.organisation_id, kasCode: task.kas_code })
    )
      return FORBIDDEN;
    if (task.cycle_status !== "open") return CYCLE_CLOSED;
    if (task.version !== input.version) return EDITED_BY_OTHERS;
    if (task.status === "submitted" || task.status === "approved")
      return fail(409, { form: `reporting:errors.task_${task.status}` });
    const now = new Date();
    const pending = await trx
      .updateTable("measure_report")
      .set((eb) => ({ review_state: "submitted", submitted_at: now, version: eb("version", "+", 1) }))
      .where("task_id", "=", task.id)
      .where("review_state", "in", ["draft", "returned"])
      .returning(["id", "version"])
      .execute();
    const snapshots = await loadReportSnapshots(
      trx,
      pending.map((p) => p.id),
    );
    for (const chunk of chunks(pending)) {
      await trx
        .insertInto("measure_report_version")
        .values(
          chunk.map((p) => ({
            measure_report_id: p.id,
            version: p.version,
            event: "submitted" as const,
            snapshot: sql`cast(${JSON.stringify(snapshots.get(p.id) ?? {})} as jsonb)` as unknown as Record<
              string,
              unknown
            >,
            actor_user_id: userId(audit.actor),
          })),
        )
        .execute();
    }
    await trx
      .updateTable("reporting_task")
      .set((eb) => ({
        status: "submitted",
        submitted_at: now,
        first_submitted_at: eb.fn.coalesce("first_submitted_at", sql<Date>`${now}`),
        version: task.version + 1,
      }))
      .where("id", "=", task.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "reporting.task.submit",
      subjectType: "reporting_task",
      subjectId: task.id,
      before: { status: task.status },
      after: { status: "submitted", reports: pending.length },
      organisationId: task.organisation_id,
    });
    return { ok: true, submitted: pending.length } as const;
  });
}

/** The task's status that follows from the review states of its measure reports. */
export function taskStatusFrom(states: ReviewState[]): TaskStatus {
  if (states.length > 0 && states.every((s) => s === "approved")) return "approved";
  if (states.some((s) => s === "returned")) return "returned";
  if (states.some((s) => s === "draft")) return "draft";
  return "submitted";
}

/**
 * A coordinator approves or returns one submitted measure report (a return needs a comment).
 * Approved data is locked; a returned report goes back to the institution, who is told by e-mail.
 * Either way the report's content is kept as a version in the history.
 */
export async function reviewMeasureReport(
  db: Db,
  audit: AuditContext,
  input: { reportId: number } & ReviewInput,
  options: { publicUrl?: string } = {},
): Promise<{ ok: true; taskStatus: TaskStatus } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "report.review", null)) return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const report = await lockReport(trx, input.reportId);
    if (!report) return NOT_FOUND;
    if (report.version !== input.version) return EDITED_BY_OTHERS;
    if (report.review_state !== "submitted") return fail(409, { form: "reporting:errors.notSubmitted" });
    const state: ReviewState = input.decision === "approve" ? "approved" : "returned";
    const version = report.version + 1;
    const now = new Date();
    await trx
      .updateTable("measure_report")
      .set({
        review_state: state,
        reviewer_comment: input.comment || null,
        reviewed_by: userId(audit.actor),
        reviewed_at: now,
        version,
      })
      .where("id", "=", report.id)
      .execute();
    const snapshot = (await loadReportSnapshots(trx, [report.id])).get(report.id) ?? {};
    await trx
      .insertInto("measure_report_version")
      .values({
        measure_report_id: report.id,
        version,
        event: state === "approved" ? "approved" : "returned",
        snapshot: sql`cast(${JSON.stringify(snapshot)} as jsonb)` as unknown as Record<string, unknown>,
        comment: input.comment || null,
        actor_user_id: userId(audit.actor),
      })
      .execute();
    const states = await trx
      .selectFrom("measure_report")
      .select("review_state")
      .where("task_id", "=", report.task_id)
      .execute();
    const taskStatus = taskStatusFrom(states.map((s) => s.review_state));
    await trx
      .updateTable("reporting_task")
      .set((eb) => ({
        status: taskStatus,
        approved_at: taskStatus === "approved" ? now : null,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", report.task_id)
      .execute();
    if (state === "returned") {
      const reporters = await reportersOf(trx, { organisationId: report.organisation_id, kasCode: report.kas_code });
      const measure = await trx
        .selectFrom("measure")
        .select(["code"])
        .where("id", "=", report.measure_id)
        .executeTakeFirst();
      for (const reporter of reporters) {
        const t = reportingTranslator(reporter.locale);
        await enqueueMail(trx, {
          to: reporter.email,
          subject: t("mail.returnedSubject", { code: measure?.code ?? "", cycle: report.cycle_label }),
          text: [
            t("mail.greeting"),
            "",
            t("mail.returnedBody", { code: measure?.code ?? "" }),
            "",
            input.comment,
            "",
            t("mail.link"),
            `${options.publicUrl ?? ""}/${reporter.locale}/workspace/reporting/reports/${report.id}`,
            "",
            t("mail.signature"),
          ].join("\n"),
        });
      }
    }
    await recordAudit(trx, audit, {
      action: `reporting.report.${input.decision}`,
      subjectType: "measure_report",
      subjectId: report.id,
      before: { review_state: report.review_state, reviewer_comment: report.reviewer_comment },
      after: { review_state: state, reviewer_comment: input.comment || null },
      organisationId: report.organisation_id,
    });
    return { ok: true, taskStatus } as const;
  });
}

/** The people who report for a task's institution (active users): their e-mail address and language. */
export async function reportersOf(db: Db, task: TaskSubject): Promise<{ email: string; locale: Locale }[]> {
  const rows = await db
    .selectFrom("role_assignment as r")
    .innerJoin("app_user as u", "u.id", "r.user_id")
    .select(["u.email", "u.preferred_locale"])
    .distinct()
    .where("u.is_active", "=", true)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("r.role", "in", ["focal_point", "municipal_officer"]),
          eb("r.organisation_id", "=", task.organisationId),
        ]),
        ...(task.kasCode
          ? [eb.and([eb("r.role", "=", "municipal_officer"), eb("r.kas_code", "=", task.kasCode)])]
          : []),
      ]),
    )
    .orderBy("u.email")
    .execute();
  return rows.map((r) => ({ email: r.email, locale: mailLocale(r.preferred_locale) }));
}

/**
 * A civil-society organisation's observation on a measure of a cycle (open or closed): it confirms,
 * disputes or comments on what was reported. A dispute must come with evidence (a link or a file).
 */
export async function addObservation(
  db: Db,
  audit: AuditContext,
  input: { cycleId: number; observation: ObservationInput; upload?: Upload | null; files?: FileStore },
): Promise<{ ok: true; observationId: number } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "observation.create", null) || audit.actor.kind !== "user") return FORBIDDEN;
  const organisationId = audit.actor.grants.find(
    (g) => g.role === "cso_member" && g.organisationId !== null,
  )?.organisationId;
  if (!organisationId) return FORBIDDEN;
  const o = input.observation;
  const hasUpload = Boolean(input.upload && input.upload.bytes.byteLength > 0);
  if (o.kind === "dispute" && !o.evidenceUrl && !hasUpload)
    return { ok: false, status: 400, errors: { evidenceUrl: "reporting:errors.disputeNeedsEvidence" } };
  return inTransaction(db, async (trx) => {
    const inCycle = await trx
      .selectFrom("measure_report")
      .select("id")
      .where("cycle_id", "=", input.cycleId)
      .where("measure_id", "=", o.measureId)
      .executeTakeFirst();
    if (!inCycle) return fail(400, { measureId: "reporting:errors.measureRequired" });
    if (o.indicatorId !== undefined) {
      const indicator = await trx
        .selectFrom("indicator")
        .select("id")
        .where("id", "=", o.indicatorId)
        .where("measure_id", "=", o.measureId)
        .executeTakeFirst();
      if (!indicator) return fail(400, { indicatorId: "reporting:errors.indicatorInvalid" });
    }
    const stored = await storeEvidenceFile(trx, input);
    if (!stored.ok) return stored;
    const fileId = stored.fileId;
    const row = await trx
      .insertInto("cso_observation")
      .values({
        cycle_id: input.cycleId,
        measure_id: o.measureId,
        organisation_id: organisationId,
        author_user_id: userId(audit.actor),
        kind: o.kind,
        indicator_id: o.indicatorId ?? null,
        body: o.body,
        body_locale: o.bodyLocale,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertEvidence(trx, { observation_id: row.id }, audit.actor, {
      url: o.evidenceUrl,
      urlLabel: o.evidenceUrl.slice(0, 300),
      fileId,
      fileLabel: input.upload?.name ?? "",
    });
    await recordAudit(trx, audit, {
      action: "reporting.observation.create",
      subjectType: "cso_observation",
      subjectId: row.id,
      after: {
        cycle_id: input.cycleId,
        measure_id: o.measureId,
        kind: o.kind,
        indicator_id: o.indicatorId ?? null,
        body: o.body,
        evidence_url: o.evidenceUrl || null,
        evidence_file: fileId,
      },
      organisationId,
    });
    return { ok: true, observationId: row.id } as const;
  });
}

/** Starts compiling the annual report of a cycle in the background; returns the report to follow. */
export async function requestAnnualReport(
  db: Db,
  audit: AuditContext,
  input: { cycleId: number } & CompileInput,
): Promise<{ ok: true; reportId: number; jobId: number } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "annual.compile", null)) return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const cycle = await trx
      .selectFrom("reporting_cycle")
      .select("id")
      .where("id", "=", input.cycleId)
      .executeTakeFirst();
    if (!cycle) return NOT_FOUND;
    const report = await trx
      .insertInto("reporting_report")
      .values({
        cycle_id: cycle.id,
        locale: input.locale,
        coordination: input.coordination,
        created_by: userId(audit.actor),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const job = await enqueueJob(trx, COMPILE_REPORT_JOB, { reportId: report.id }, { maxAttempts: 3 });
    await trx.updateTable("reporting_report").set({ job_id: job.id }).where("id", "=", report.id).execute();
    await recordAudit(trx, audit, {
      action: "reporting.annual.compile",
      subjectType: "reporting_report",
      subjectId: report.id,
      after: { cycle_id: cycle.id, locale: input.locale, coordination: input.coordination },
    });
    return { ok: true, reportId: report.id, jobId: job.id } as const;
  });
}

/** What the library module must provide to publish a compiled report (wired by the lead after merging it). */
export type PublishToLibrary = (
  trx: Db,
  audit: AuditContext | SystemAuditContext,
  document: {
    title: string;
    locale: "sq" | "sr" | "en";
    docxFileId: string;
    xlsxFileId: string;
    cycleId: number;
    isDemo?: boolean;
  },
) => Promise<{ documentId: number | string; annexDocumentId?: number | string }>;

/**
 * Publishes a compiled annual report to the public library: marks it published and hands its files
 * to the library's own command, in one transaction with the audit record. The library module is
 * built in another branch; until it is merged no route calls this (see decision 018).
 */
export async function publishAnnualReport(
  db: Db,
  audit: AuditContext,
  input: { reportId: number },
  publishToLibrary: PublishToLibrary,
): Promise<{ ok: true; documentId: number | string; annexDocumentId: number | string | null } | CommandFailure> {
  if (!reportingPolicy.can(audit.actor, "annual.publish", null)) return FORBIDDEN;
  return inTransaction(db, async (trx) => {
    const report = await compiledReportsWithCycle(trx)
      .select(["rr.id", "rr.cycle_id", "rr.locale", "rr.docx_file_id", "rr.xlsx_file_id", "rr.published_at", "c.label"])
      .where("rr.id", "=", input.reportId)
      .forUpdate("rr")
      .executeTakeFirst();
    if (!report) return NOT_FOUND;
    if (!report.docx_file_id || !report.xlsx_file_id) return fail(409, { form: "reporting:errors.notCompiled" });
    if (report.published_at) return fail(409, { form: "reporting:errors.alreadyPublished" });
    const published = await handToLibrary(trx, audit, publishToLibrary, report.id, {
      title: report.label,
      locale: report.locale,
      docxFileId: report.docx_file_id,
      xlsxFileId: report.xlsx_file_id,
      cycleId: report.cycle_id,
    });
    return { ok: true, documentId: published.documentId, annexDocumentId: published.annexDocumentId ?? null } as const;
  });
}

/**
 * Hands a compiled report's files to the library, marks the report published (at `now`) and records it in the
 * audit log: the last step of publishing, which the command and the demo seed share.
 */
export async function handToLibrary(
  trx: Db,
  audit: AuditContext | SystemAuditContext,
  publishToLibrary: PublishToLibrary,
  reportId: number,
  document: Parameters<PublishToLibrary>[2],
  now = new Date(),
): Promise<Awaited<ReturnType<PublishToLibrary>>> {
  const published = await publishToLibrary(trx, audit, document);
  await trx.updateTable("reporting_report").set({ published_at: now }).where("id", "=", reportId).execute();
  await recordAudit(trx, audit, {
    action: "reporting.annual.publish",
    subjectType: "reporting_report",
    subjectId: reportId,
    before: { published_at: null },
    after: {
      published: true,
      library_document: published.documentId,
      library_annex: published.annexDocumentId ?? null,
    },
  });
  return published;
}

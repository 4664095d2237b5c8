import { sql, type Kysely } from "kysely";
import type { Database } from "#app/db/schema.ts";
import type { ImplementationStatus } from "#app/db/tables/reporting.ts";
import type { BudgetSource } from "#app/db/tables/strategies.ts";
import { recordAudit, systemAuditContext, type SystemAuditContext } from "#app/services/audit.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import {
  buildAnnualReportDocx,
  buildAnnualReportXlsx,
  loadAnnualReportData,
  storeCompiledReport,
} from "./annual-report.server.ts";
import {
  handToLibrary,
  insertCycleTasks,
  loadReportSnapshots,
  markCycleClosed,
  measuresInPeriod,
  type CycleMeasure,
} from "./reporting.commands.server.ts";
import { publishToLibrary } from "./publish-to-library.server.ts";
import { kosovoToday } from "./reporting.queries.server.ts";

/*
 * DEMO CONTENT — the reporting story of the demo strategy (issue 17): one annual cycle complete
 * (every institution submitted, one report returned and corrected, civil-society observations with
 * a dispute, everything approved, the annual report compiled in sq, sr and en through the report
 * compiler and published in the library) and the next cycle open with tasks waiting for the
 * ministry of the demo focal point and the Prizren office of the demo municipal officer.
 *
 * The seed runs before any user exists (the demo accounts are created afterwards, and never in
 * production), while the reporting commands attribute every write to a person (foreign keys to
 * app_user). So it writes the same rows the commands write — cycle, tasks, measure reports,
 * figures, spending, version history, observations, evidence — batched, with audit records by
 * "System (demo seed)", and compiles and publishes through the real compiler and library command.
 * The figures are INVENTED, derived from each indicator's target so they read plausibly.
 */

const DAY = 86_400_000;
const AUDIT: SystemAuditContext = systemAuditContext("demo seed");
const CSO_SLUG = "balkan-sunflowers-kosova";

/** The measure whose report the Office returned once and the institution corrected. */
export const DEMO_RETURNED_MEASURE = "3.1.1";
/** The measure civil society disputed (with evidence). */
export const DEMO_DISPUTED_MEASURE = "1.1.1";

/** Small deterministic generator, so the demo is the same on every first start. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const STATUSES: ImplementationStatus[] = [
  "completed",
  "in_progress",
  "completed",
  "delayed",
  "completed",
  "in_progress",
];

const NARRATIVE = {
  completed: {
    en: (code: string) =>
      `[Demo] Measure ${code} was carried out as planned this year: the activities reached the communities named in the plan and the figures below are confirmed by the institution's records.`,
    sq: (code: string) =>
      `[Demo] Masa ${code} u zbatua sipas planit këtë vit: aktivitetet arritën te komunitetet e përmendura në plan dhe shifrat më poshtë konfirmohen nga regjistrat e institucionit.`,
  },
  in_progress: {
    en: (code: string) =>
      `[Demo] Measure ${code} is under way: most activities started on time and the remaining ones are scheduled for the first half of next year.`,
    sq: (code: string) =>
      `[Demo] Masa ${code} është në zbatim: shumica e aktiviteteve filluan me kohë dhe të tjerat janë planifikuar për gjysmën e parë të vitit të ardhshëm.`,
  },
  delayed: {
    en: (code: string) =>
      `[Demo] Measure ${code} is delayed: the tender was repeated and the work could start only in the last quarter.`,
    sq: (code: string) =>
      `[Demo] Masa ${code} është vonuar: tenderi u përsërit dhe puna mund të fillonte vetëm në tremujorin e fundit.`,
  },
} as const;

const COORDINATION = {
  sq: "[Demo] Takim sektorial për arsimin me ministritë dhe pikat kontaktuese\n[Demo] Takim sektorial për punësimin dhe mirëqenien sociale\n[Demo] Seancë informuese me zyrat komunale për komunitete dhe kthim",
  sr: "[Demo] Sektorski sastanak o obrazovanju sa ministarstvima i kontakt osobama\n[Demo] Sektorski sastanak o zapošljavanju i socijalnoj zaštiti\n[Demo] Informativna sesija sa opštinskim kancelarijama za zajednice i povratak",
  en: "[Demo] Sector meeting on education with the ministries and focal points\n[Demo] Sector meeting on employment and social welfare\n[Demo] Information session with the municipal offices for communities and returns",
} as const;

/** The measures of the strategy (national and local plans) whose dates overlap the year, by id. */
function measuresOfYear(trx: Kysely<Database>, strategyId: number, year: number): Promise<CycleMeasure[]> {
  return measuresInPeriod(trx, { strategyId }, { start: `${year}-01-01`, end: `${year}-12-31` });
}

/** Opens a cycle with its tasks and empty measure reports, as `openCycle` does; returns the report ids by measure. */
async function insertCycle(
  trx: Kysely<Database>,
  input: { planId: number; year: number; deadline: string; createdAt: Date; measures: CycleMeasure[] },
): Promise<{
  cycleId: number;
  tasks: { id: number; organisationId: number; kasCode: string | null }[];
  reports: Map<number, { id: number; taskId: number }>;
}> {
  // The cycle's columns, written and audited as openCycle writes and audits them.
  const columns = {
    action_plan_id: input.planId,
    period_kind: "annual" as const,
    period_start: `${input.year}-01-01`,
    period_end: `${input.year}-12-31`,
    label: String(input.year),
    deadline: input.deadline,
  };
  const cycle = await trx
    .insertInto("reporting_cycle")
    .values({ ...columns, created_at: input.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { tasks, taskOf } = await insertCycleTasks(trx, cycle.id, input.measures);
  const reports = await trx
    .insertInto("measure_report")
    .values(
      input.measures.map((m) => ({
        cycle_id: cycle.id,
        task_id: taskOf(m),
        measure_id: m.id,
        updated_at: input.createdAt,
      })),
    )
    .returning(["id", "measure_id", "task_id"])
    .execute();
  await recordAudit(trx, AUDIT, {
    action: "reporting.cycle.open",
    subjectType: "reporting_cycle",
    subjectId: cycle.id,
    after: { ...columns, tasks: tasks.length, measures: input.measures.length },
  });
  return {
    cycleId: cycle.id,
    tasks: tasks.map((t) => ({ id: t.id, organisationId: t.organisation_id, kasCode: t.kas_code })),
    reports: new Map(reports.map((r) => [r.measure_id, { id: r.id, taskId: r.task_id }])),
  };
}

/**
 * Demo seeder of the reporting story; needs the demo strategy (seeded before it) and a file store
 * for the compiled report (without one, the cycles are written and the compilation is left out).
 */
export async function seedReportingDemo(
  trx: Kysely<Database>,
  options: { files: FileStore | null; now: Date },
): Promise<void> {
  const plan = await trx
    .selectFrom("action_plan as ap")
    .innerJoin("strategy as s", "s.id", "ap.strategy_id")
    .select(["ap.id", "ap.strategy_id", "ap.period_end_year"])
    .where("s.is_demo", "=", true)
    .where("ap.kind", "=", "national")
    .orderBy("ap.id")
    .executeTakeFirst();
  if (!plan) return;
  const already = await trx
    .selectFrom("reporting_cycle")
    .select("id")
    .where("action_plan_id", "=", plan.id)
    .executeTakeFirst();
  if (already) return;
  const now = options.now;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const random = sequence(17);

  // The complete cycle: the plan's last-but-one year, opened three months ago, closed three weeks ago.
  const year = plan.period_end_year - 1;
  const measures = await measuresOfYear(trx, plan.strategy_id, year);
  if (measures.length === 0) return;
  const complete = await insertCycle(trx, {
    planId: plan.id,
    year,
    deadline: kosovoToday(ago(45)),
    createdAt: ago(90),
    measures,
  });

  const measureIds = measures.map((m) => m.id);
  const [indicators, targets, communities, budgets] = await Promise.all([
    trx
      .selectFrom("indicator")
      .select(["id", "measure_id", "by_community", "by_gender", "unit", "baseline_value"])
      .where("measure_id", "in", measureIds)
      .orderBy("sort_order")
      .execute(),
    trx
      .selectFrom("indicator_target as t")
      .innerJoin("indicator as i", "i.id", "t.indicator_id")
      .select(["t.indicator_id", "t.value"])
      .where("i.measure_id", "in", measureIds)
      .where("t.year", "=", year)
      .execute(),
    trx
      .selectFrom("measure_community")
      .select(["measure_id", "community_code"])
      .where("measure_id", "in", measureIds)
      .execute(),
    trx
      .selectFrom("measure_budget")
      .select(["measure_id", "source", "amount"])
      .where("measure_id", "in", measureIds)
      .where("year", "=", year)
      .execute(),
  ]);
  const targetOf = new Map(targets.map((t) => [t.indicator_id, Number(t.value)]));
  const communitiesOf = new Map<number, string[]>();
  for (const c of communities)
    communitiesOf.set(c.measure_id, [...(communitiesOf.get(c.measure_id) ?? []), c.community_code]);

  // Reports: status, narratives, figures and spending, as the institutions saved them.
  const values: {
    measure_report_id: number;
    indicator_id: number;
    community_code: string | null;
    gender: "female" | "male" | null;
    value: string;
  }[] = [];
  const spending: { measure_report_id: number; source: BudgetSource; amount: string }[] = [];
  const statusOf = new Map<number, ImplementationStatus>();
  for (const [i, m] of measures.entries()) {
    const report = complete.reports.get(m.id)!;
    const status = m.code === DEMO_RETURNED_MEASURE ? "in_progress" : STATUSES[i % STATUSES.length]!;
    statusOf.set(m.id, status);
    const locale = m.kasCode ? "sq" : "en";
    await trx
      .updateTable("measure_report")
      .set({
        status,
        achievements: NARRATIVE[status as keyof typeof NARRATIVE][locale](m.code),
        achievements_locale: locale,
        challenges:
          status === "delayed"
            ? locale === "en"
              ? "[Demo] The first tender received no valid offer."
              : "[Demo] Tenderi i parë nuk pati asnjë ofertë të vlefshme."
            : "",
        challenges_locale: status === "delayed" ? locale : null,
        recommendations:
          status === "completed"
            ? ""
            : locale === "en"
              ? "[Demo] Start procurement in the first quarter."
              : "[Demo] Prokurimi të fillojë në tremujorin e parë.",
        updated_at: ago(50),
        version: 2,
      })
      .where("id", "=", report.id)
      .execute();
    for (const indicator of indicators.filter((x) => x.measure_id === m.id)) {
      const target =
        targetOf.get(indicator.id) ?? (indicator.baseline_value === null ? 10 : Number(indicator.baseline_value));
      const factor = status === "completed" ? 0.95 + random() * 0.15 : 0.6 + random() * 0.3;
      const total =
        indicator.unit === "percent"
          ? Math.min(100, Math.round(target * factor * 10) / 10)
          : Math.max(1, Math.round(target * factor));
      /** One figure of the indicator: its total, or a community's or a gender's part. */
      const figure = (community: string | null, gender: "female" | "male" | null, value: number) =>
        values.push({
          measure_report_id: report.id,
          indicator_id: indicator.id,
          community_code: community,
          gender,
          value: String(value),
        });
      figure(null, null, total);
      if (indicator.unit === "percent") continue;
      if (indicator.by_community) {
        const codes = communitiesOf.get(m.id) ?? ["roma", "ashkali", "egyptian"];
        let left = total;
        for (const [n, code] of codes.entries()) {
          const part = n === codes.length - 1 ? left : Math.round(total * (n === 0 ? 0.55 : 0.3));
          left -= part;
          figure(code, null, Math.max(0, part));
        }
      }
      if (indicator.by_gender || indicator.by_community) {
        const female = Math.round(total * (0.44 + random() * 0.1));
        figure(null, "female", female);
        figure(null, "male", total - female);
      }
    }
    for (const b of budgets.filter((x) => x.measure_id === m.id)) {
      const share = status === "completed" ? 0.85 + random() * 0.12 : 0.4 + random() * 0.3;
      spending.push({
        measure_report_id: report.id,
        source: b.source,
        amount: (Math.round(Number(b.amount) * share * 100) / 100).toFixed(2),
      });
    }
  }
  if (values.length) await trx.insertInto("indicator_value").values(values).execute();
  if (spending.length) await trx.insertInto("measure_spending").values(spending).execute();
  const evidenceReport = complete.reports.get(measures[0]!.id)!;
  await trx
    .insertInto("evidence")
    .values({
      measure_report_id: evidenceReport.id,
      url: "https://example.org/demo/attendance-records",
      label: "[Demo] Attendance records",
      created_at: ago(50),
    })
    .execute();

  // Every task submitted (ministries and municipalities), most on time; then reviewed and approved.
  const reportIds = [...complete.reports.values()].map((r) => r.id);
  const snapshots = async () => loadReportSnapshots(trx, reportIds);
  const submittedAt = (n: number) => ago(60 - (n % 5) * 4);
  for (const [n, task] of complete.tasks.entries()) {
    const at = submittedAt(n);
    await trx
      .updateTable("measure_report")
      .set({ review_state: "submitted", submitted_at: at, version: 3 })
      .where("task_id", "=", task.id)
      .execute();
    await trx
      .updateTable("reporting_task")
      .set({ status: "submitted", submitted_at: at, first_submitted_at: at, version: 2 })
      .where("id", "=", task.id)
      .execute();
    await recordAudit(trx, AUDIT, {
      action: "reporting.task.submit",
      subjectType: "reporting_task",
      subjectId: task.id,
      before: { status: "draft" },
      after: { status: "submitted" },
      organisationId: task.organisationId,
    });
  }
  const firstSubmission = await snapshots();
  const versions: {
    measure_report_id: number;
    version: number;
    event: "submitted" | "returned" | "approved";
    snapshot: unknown;
    comment: string | null;
    created_at: Date;
  }[] = [];
  /** A version of report `id` for its history, with its snapshot from `snapshots` (by report id). */
  const addVersion = (
    id: number,
    version: number,
    event: "submitted" | "returned" | "approved",
    snapshots: ReadonlyMap<number, unknown>,
    at: Date,
    comment: string | null = null,
  ) =>
    versions.push({
      measure_report_id: id,
      version,
      event,
      snapshot: snapshots.get(id) ?? {},
      comment,
      created_at: at,
    });
  for (const r of complete.reports.values())
    addVersion(r.id, 3, "submitted", firstSubmission, submittedAt(complete.tasks.findIndex((t) => t.id === r.taskId)));

  // One report returned with a comment, corrected (figures and narrative) and submitted again.
  const returnedMeasure = measures.find((m) => m.code === DEMO_RETURNED_MEASURE);
  const returnComment =
    "[Demo] The coverage figure is missing the breakdown by community; please add it and explain the delay in the second health centre.";
  if (returnedMeasure) {
    const r = complete.reports.get(returnedMeasure.id)!;
    await trx
      .updateTable("measure_report")
      .set({ review_state: "returned", reviewer_comment: returnComment, reviewed_at: ago(40), version: 4 })
      .where("id", "=", r.id)
      .execute();
    addVersion(r.id, 4, "returned", await loadReportSnapshots(trx, [r.id]), ago(40), returnComment);
    /** The audit record of a step of the return, by the returned measure's institution. */
    const auditStep = (action: string, before: Record<string, unknown>, after: Record<string, unknown>) =>
      recordAudit(trx, AUDIT, {
        action,
        subjectType: "measure_report",
        subjectId: r.id,
        before,
        after,
        organisationId: returnedMeasure.organisationId,
      });
    await auditStep(
      "reporting.report.return",
      { review_state: "submitted" },
      { review_state: "returned", reviewer_comment: returnComment },
    );
    await trx
      .updateTable("measure_report")
      .set({
        challenges:
          "[Demo] The second health centre opened two months late because the building permit was delayed; the breakdown by community is now added.",
        challenges_locale: "en",
        review_state: "submitted",
        submitted_at: ago(35),
        updated_at: ago(35),
        version: 6,
      })
      .where("id", "=", r.id)
      .execute();
    await trx
      .updateTable("reporting_task")
      .set({ submitted_at: ago(35), version: 4 })
      .where("id", "=", r.taskId)
      .execute();
    addVersion(r.id, 6, "submitted", await loadReportSnapshots(trx, [r.id]), ago(35));
    await auditStep("reporting.report.save", { challenges: "" }, { challenges: "corrected" });
  }
  await trx
    .updateTable("measure_report")
    .set((eb) => ({
      review_state: "approved",
      reviewed_at: ago(30),
      reviewer_comment: null,
      version: eb("version", "+", 1),
    }))
    .where("cycle_id", "=", complete.cycleId)
    .execute();
  await trx
    .updateTable("reporting_task")
    .set((eb) => ({ status: "approved", approved_at: ago(30), version: eb("version", "+", 1) }))
    .where("cycle_id", "=", complete.cycleId)
    .execute();
  const approved = await snapshots();
  const approvedVersions = await trx
    .selectFrom("measure_report")
    .select(["id", "version"])
    .where("cycle_id", "=", complete.cycleId)
    .execute();
  for (const r of approvedVersions) addVersion(r.id, r.version, "approved", approved, ago(30));
  await trx
    .insertInto("measure_report_version")
    .values(
      versions.map((v) => ({
        ...v,
        snapshot: sql`cast(${JSON.stringify(v.snapshot)} as jsonb)` as unknown as Record<string, unknown>,
      })),
    )
    .execute();
  await trx
    .insertInto("audit_log")
    .values(
      approvedVersions.map((r) => ({
        actor_user_id: null,
        actor_label: "system: demo seed",
        action: "reporting.report.approve",
        subject_type: "measure_report",
        subject_id: String(r.id),
        diff: { review_state: { before: "submitted", after: "approved" } },
        request_id: AUDIT.requestId,
      })),
    )
    .execute();

  // Civil society's observations: a confirmation, a comment and a dispute with evidence.
  const cso = await trx.selectFrom("organisation").select("id").where("slug", "=", CSO_SLUG).executeTakeFirst();
  if (cso) {
    const disputed = measures.find((m) => m.code === DEMO_DISPUTED_MEASURE) ?? measures[0]!;
    const disputedIndicator = indicators.find((i) => i.measure_id === disputed.id);
    const confirmed = measures.find((m) => m.code !== disputed.code && statusOf.get(m.id) === "completed");
    const commented = measures.find((m) => m.kasCode !== null);
    const rows = [
      {
        measure: disputed,
        kind: "dispute" as const,
        indicator: disputedIndicator?.id ?? null,
        body: "[Demo] Our field visits in Fushë Kosovë and Gjakovë counted fewer scholarship holders than reported; several students received the payment only in the following year.",
      },
      ...(confirmed
        ? [
            {
              measure: confirmed,
              kind: "confirm" as const,
              indicator: null,
              body: "[Demo] We confirm the activities reported for this measure: our mediators took part in them.",
            },
          ]
        : []),
      ...(commented
        ? [
            {
              measure: commented,
              kind: "comment" as const,
              indicator: null,
              body: "[Demo] Families in the Roma neighbourhood asked that the next round be announced in Romani as well.",
            },
          ]
        : []),
    ];
    for (const o of rows) {
      const row = await trx
        .insertInto("cso_observation")
        .values({
          cycle_id: complete.cycleId,
          measure_id: o.measure.id,
          organisation_id: cso.id,
          kind: o.kind,
          indicator_id: o.indicator,
          body: o.body,
          body_locale: "en",
          created_at: ago(25),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (o.kind === "dispute")
        await trx
          .insertInto("evidence")
          .values({
            observation_id: row.id,
            url: "https://example.org/demo/field-visits",
            label: "[Demo] Field visit notes",
            created_at: ago(25),
          })
          .execute();
      await recordAudit(trx, AUDIT, {
        action: "reporting.observation.create",
        subjectType: "cso_observation",
        subjectId: row.id,
        after: { cycle_id: complete.cycleId, measure_id: o.measure.id, kind: o.kind, body: o.body },
        organisationId: cso.id,
      });
    }
  }
  await markCycleClosed(trx, AUDIT, complete.cycleId, 2, ago(21));

  // The annual report, compiled in the three languages and published in the library.
  if (options.files) {
    for (const locale of ["sq", "sr", "en"] as const) {
      const report = await trx
        .insertInto("reporting_report")
        .values({ cycle_id: complete.cycleId, locale, coordination: COORDINATION[locale], created_at: ago(14) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const data = await loadAnnualReportData(trx, complete.cycleId, locale, COORDINATION[locale], now);
      if (!data) throw new Error("The demo cycle vanished while compiling.");
      const [docx, xlsx] = await Promise.all([buildAnnualReportDocx(data), buildAnnualReportXlsx(data)]);
      const compiled = { docx, xlsx, name: `${data.cycleLabel}-${locale}`, maxBytes: 50 * 1024 * 1024 };
      const stored = await storeCompiledReport(trx, options.files, report.id, compiled, now);
      if ("refused" in stored) throw new Error("The demo report's files were refused by the file store.");
      await recordAudit(trx, AUDIT, {
        action: "reporting.annual.compile",
        subjectType: "reporting_report",
        subjectId: report.id,
        after: { cycle_id: complete.cycleId, locale },
      });
      await handToLibrary(
        trx,
        AUDIT,
        publishToLibrary,
        report.id,
        {
          title: data.cycleLabel,
          locale,
          docxFileId: stored.docx,
          xlsxFileId: stored.xlsx,
          cycleId: complete.cycleId,
          isDemo: true,
        },
        now,
      );
    }
  }

  // The next cycle, open: tasks waiting for every institution, due in three weeks.
  const nextYear = year + 1;
  const nextMeasures = await measuresOfYear(trx, plan.strategy_id, nextYear);
  if (nextMeasures.length)
    await insertCycle(trx, {
      planId: plan.id,
      year: nextYear,
      deadline: kosovoToday(new Date(now.getTime() + 21 * DAY)),
      createdAt: ago(7),
      measures: nextMeasures,
    });
}

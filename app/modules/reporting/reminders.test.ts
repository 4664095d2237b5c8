import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "#app/services/authorization.ts";
import { openAnnualCycle } from "../../../tests/support/plan-instances.ts";
import { createTestUser } from "../../../tests/support/workspace-actors.ts";
import pino from "pino";
import { enqueueIfDue } from "#app/services/scheduler.server.ts";
import { jobHandlers, PERIODIC_JOBS } from "../../../server/job-handlers.ts";
import { setUpReportingTest } from "./annual-report.test-support.ts";
import { REMINDERS_JOB, REPORTING_SCHEDULES, reminderHandlers, sendDeadlineReminders } from "./reminders.server.ts";

const setUp = setUpReportingTest(
  {
    national: { measures: [{ code: "N1" }, { code: "N2" }] },
    locals: [{ kasCode: "07", measures: [{ code: "L1" }] }],
  },
  "r",
);
const { handle, audit } = setUp;
let focal: Extract<Actor, { kind: "user" }>;
let officer: typeof focal;

beforeAll(async () => {
  const { plan } = setUp;
  focal = await createTestUser(handle.db, [{ role: "focal_point", organisationId: plan.ministryId }]);
  officer = await createTestUser(handle.db, [
    { role: "municipal_officer", organisationId: plan.municipalOfficeIds["07"], kasCode: "07" },
  ]);
  await handle.db.updateTable("app_user").set({ preferred_locale: "sr" }).where("id", "=", officer.userId).execute();
  await openAnnualCycle(handle.db, audit(setUp.coordinator), plan.nationalPlanId, "Godina 2018");
});

const mailsTo = (email: string) =>
  handle.db
    .selectFrom("mail_outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", email)
    .orderBy("id")
    .execute();

/** Sends the reminders due at `now`: how many before the deadline, overdue, and mails. */
const remind = (now: Date) => sendDeadlineReminders(handle.db, "https://cap.example.org", now);

describe("deadline reminders", () => {
  it("are a periodic job of the platform's scheduler, enqueued once per interval", async () => {
    expect(PERIODIC_JOBS).toContainEqual({ kind: REMINDERS_JOB, everyMinutes: 60 });
    expect(
      jobHandlers({
        db: handle.db,
        files: null as never,
        mailTransport: null,
        logger: pino({ level: "silent" }),
        publicUrl: "https://cap.example.org",
      })[REMINDERS_JOB],
    ).toBeTypeOf("function");
    // Opening a cycle no longer queues runs of its own: the scheduler does.
    expect(await handle.db.selectFrom("job").select("id").where("kind", "=", REMINDERS_JOB).execute()).toEqual([]);
    const schedule = REPORTING_SCHEDULES[0]!;
    const now = new Date();
    expect(await enqueueIfDue(handle.db, schedule, now)).toBe(true);
    expect(await enqueueIfDue(handle.db, schedule, new Date(now.getTime() + 5 * 60_000))).toBe(false);
    expect(await handle.db.selectFrom("job").select("status").where("kind", "=", REMINDERS_JOB).execute()).toEqual([
      { status: "queued" },
    ]);
  });

  it("sends nothing long before the deadline", async () => {
    expect(await remind(new Date("2019-01-10T09:00:00Z"))).toEqual({ before: 0, overdue: 0, mails: 0 });
  });

  it("reminds each reporter once in the week before the deadline, in their language", async () => {
    const now = new Date("2019-02-25T09:00:00Z");
    expect(await remind(now)).toEqual({ before: 2, overdue: 0, mails: 2 });
    expect(await remind(now)).toEqual({ before: 0, overdue: 0, mails: 0 });
    const [toFocal] = await mailsTo(focal.email);
    expect(toFocal?.subject).toBe("Kujtesë: raporti për Godina 2018 duhet dorëzuar më 28 shkurt 2019");
    expect(toFocal?.text_body).toContain("2 masa duhen ende të plotësohen");
    const [toOfficer] = await mailsTo(officer.email);
    expect(toOfficer?.subject).toContain("Podsetnik: izveštaj za Godina 2018");
    expect(toOfficer?.text_body).toContain("https://cap.example.org/sr/workspace/reporting/tasks/");
  });

  it("sends the overdue reminder once after the deadline, and never for a submitted task", async () => {
    await handle.db.updateTable("reporting_task").set({ status: "submitted" }).where("kas_code", "=", "07").execute();
    const now = new Date("2019-03-01T09:00:00Z");
    expect(await remind(now)).toEqual({ before: 0, overdue: 1, mails: 1 });
    expect(await remind(now)).toEqual({ before: 0, overdue: 0, mails: 0 });
    const mails = await mailsTo(focal.email);
    expect(mails.map((m) => m.subject)).toEqual([
      "Kujtesë: raporti për Godina 2018 duhet dorëzuar më 28 shkurt 2019",
      "Me vonesë: raporti për Godina 2018",
    ]);
    expect(await mailsTo(officer.email)).toHaveLength(1);
  });

  it("the job handler sends what is due and queues nothing itself", async () => {
    await handle.db.deleteFrom("job").where("kind", "=", REMINDERS_JOB).execute();
    expect(await reminderHandlers(handle.db, "https://cap.example.org")[REMINDERS_JOB]!({} as never)).toEqual({
      before: 0,
      overdue: 0,
      mails: 0,
    });
    expect(await handle.db.selectFrom("job").select("id").where("kind", "=", REMINDERS_JOB).execute()).toEqual([]);
  });
});

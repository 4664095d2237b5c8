import { sql, type Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { NeedStatus } from "#app/db/tables/needs.ts";
import { up as backfillDeadlines } from "#app/db/migrations/2026-12-04-0023-needs-case-deadlines.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser, organisationIdBySlug } from "../../../tests/support/workspace-actors.ts";
import { loadBriefing } from "./needs.briefing.server.ts";
import { escalateOverdueCases } from "./needs.escalation.server.ts";
import { changeCaseStatus, referCase, respondToReferral } from "./needs.handling.server.ts";
import { submitNeed } from "./needs.submission.server.ts";
import { NeedSubmissionSchema } from "./public/needs-public.schema.ts";
import { OPEN_STATUSES, RESPONSE_DEADLINE_DAYS, STATUS_DEADLINE_DAYS } from "./workspace/needs-workflow.ts";
import { auditEntries } from "../../../tests/support/audit-entries.ts";
import type { SignedInActor } from "../../../tests/support/signed-in-actor.ts";

/*
 * No forgotten case (issue 12, decision 026): every open case has a deadline from the moment it is
 * submitted, whatever its status, and the escalation job escalates it once the deadline passes.
 * The clock is controlled: submissions take their time, escalation runs "at" a chosen moment.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
const PUBLIC_URL = "https://platform.example.org";

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "needs-deadlines-");
let coordinator: SignedInActor;
let focalPoint: SignedInActor;
let ministryId: number;

beforeAll(async () => {
  ministryId = await organisationIdBySlug(handle.db, "ministry-of-labour-and-social-welfare");
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focalPoint = await createTestUser(handle.db, [{ role: "focal_point", organisationId: ministryId }]);
});

/** A case submitted through the public form's command at `now`, as an anonymous visitor. */
async function submitAt(now: Date): Promise<{ id: number; reference: string }> {
  const form = NeedSubmissionSchema.parse({
    category: "education",
    municipality: "20",
    description: "Шкoла нема грејање · <b>the school has no heating</b> · المدرسة",
    identity: "anonymous",
  });
  const result = await handle.db.transaction().execute((trx) =>
    submitNeed(trx, { actor: ANONYMOUS, requestId: "test" }, files, {
      form,
      attachments: [],
      locale: "en",
      publicUrl: PUBLIC_URL,
      now,
    }),
  );
  if (!result.ok) throw new Error(`submission refused: ${JSON.stringify(result.errors)}`);
  return { id: result.caseId, reference: result.reference };
}

const caseRow = (id: number) =>
  handle.db
    .selectFrom("need_case")
    .select(["status", "due_at", "escalated_at", "version", "created_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const as = (actor: SignedInActor) => ({ actor, requestId: "test", publicUrl: PUBLIC_URL });

/** Moves a case to `status` through the workspace commands (referring and accepting where the workflow asks for it). */
async function moveTo(id: number, status: NeedStatus): Promise<void> {
  if (status === "received") return;
  if (status === "referred" || status === "in_progress") {
    const referred = await referCase(handle.db, as(coordinator), id, {
      version: (await caseRow(id)).version,
      organisationId: ministryId,
      message: null,
    });
    expect(referred.ok).toBe(true);
    if (status === "referred") return;
    const referral = await handle.db
      .selectFrom("need_referral")
      .select("id")
      .where("case_id", "=", id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const accepted = await respondToReferral(handle.db, as(focalPoint), id, {
      version: (await caseRow(id)).version,
      referralId: referral.id,
      decision: "accept",
      outcome: undefined,
      response: null,
      publicNote: null,
    });
    expect(accepted.ok).toBe(true);
    return;
  }
  const changed = await changeCaseStatus(handle.db, as(coordinator), id, {
    version: (await caseRow(id)).version,
    status: status as Exclude<NeedStatus, "referred">,
    publicNote: null,
  });
  expect(changed.ok).toBe(true);
}

describe("a case nobody triages", () => {
  it("has a deadline from its submission and escalates once it passes, to the briefing, audited as the system", async () => {
    const submittedAt = new Date(Date.now() - 30 * MINUTE);
    const untriaged = await submitAt(submittedAt);
    const row = await caseRow(untriaged.id);
    expect(row.status).toBe("received");
    expect(row.due_at?.getTime()).toBe(submittedAt.getTime() + STATUS_DEADLINE_DAYS.received! * DAY);

    expect(await escalateOverdueCases(handle.db, new Date(submittedAt.getTime() + 3 * DAY - MINUTE))).not.toContain(
      untriaged.reference,
    );
    expect((await caseRow(untriaged.id)).escalated_at).toBeNull();

    // The clock moved 16 days on, as in the report: the case is escalated, once.
    const later = new Date(submittedAt.getTime() + 16 * DAY);
    expect(await escalateOverdueCases(handle.db, later)).toContain(untriaged.reference);
    expect((await caseRow(untriaged.id)).escalated_at?.getTime()).toBe(later.getTime());
    expect(await escalateOverdueCases(handle.db, new Date(later.getTime() + DAY))).not.toContain(untriaged.reference);

    const audit = await auditEntries(handle.db, { action: "need.escalate", subject_id: untriaged.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe("system: needs.escalate");
    expect(
      (await loadBriefing(handle.db)).cases.filter((x) => x.escalatedAt !== null).map((x) => x.reference),
    ).toContain(untriaged.reference);
  });
});

describe("every open status", () => {
  it("gives each open case a deadline and escalates it after that deadline, not before", async () => {
    expect(OPEN_STATUSES).toEqual(["received", "in_review", "referred", "in_progress"]);
    for (const status of OPEN_STATUSES) {
      const c = await submitAt(new Date());
      await moveTo(c.id, status);
      const row = await caseRow(c.id);
      expect(row.status).toBe(status);
      const days = STATUS_DEADLINE_DAYS[status]!;
      const due = row.due_at!;
      expect(Math.round((due.getTime() - Date.now()) / DAY)).toBe(days);
      expect(await escalateOverdueCases(handle.db, new Date(due.getTime() - MINUTE)), status).not.toContain(
        c.reference,
      );
      expect(await escalateOverdueCases(handle.db, new Date(due.getTime() + MINUTE)), status).toContain(c.reference);
    }
  });

  it("never escalates a resolved, rejected or closed case", async () => {
    const finished: string[] = [];
    for (const status of ["resolved", "rejected", "closed"] as const) {
      const c = await submitAt(new Date());
      await moveTo(c.id, "in_review");
      await moveTo(c.id, status);
      expect((await caseRow(c.id)).due_at).toBeNull();
      finished.push(c.reference);
    }
    const escalated = await escalateOverdueCases(handle.db, new Date(Date.now() + 1000 * DAY));
    for (const reference of finished) expect(escalated).not.toContain(reference);
  });
});

describe("the response deadline counted from submission", () => {
  it("caps the deadline of every later status, so moving a case back and forth does not keep it from escalating", async () => {
    const submittedAt = new Date(Date.now() - (RESPONSE_DEADLINE_DAYS - 2) * DAY);
    const c = await submitAt(submittedAt);
    await moveTo(c.id, "referred");
    const referral = await handle.db
      .selectFrom("need_referral")
      .select("id")
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    // The institution sends it back, the Office refers it again: each status would restart its own clock.
    expect(
      (
        await respondToReferral(handle.db, as(focalPoint), c.id, {
          version: (await caseRow(c.id)).version,
          referralId: referral.id,
          decision: "return",
          outcome: undefined,
          response: null,
          publicNote: null,
        })
      ).ok,
    ).toBe(true);
    await moveTo(c.id, "in_progress");
    const responseDue = submittedAt.getTime() + RESPONSE_DEADLINE_DAYS * DAY;
    expect((await caseRow(c.id)).due_at?.getTime()).toBe(responseDue);
    expect(await escalateOverdueCases(handle.db, new Date(responseDue - MINUTE))).not.toContain(c.reference);
    expect(await escalateOverdueCases(handle.db, new Date(responseDue + MINUTE))).toContain(c.reference);
  });

  it("keeps a case past its response deadline escalated when its status changes", async () => {
    const c = await submitAt(new Date(Date.now() - (RESPONSE_DEADLINE_DAYS + 10) * DAY));
    expect(await escalateOverdueCases(handle.db)).toContain(c.reference);
    const escalatedAt = (await caseRow(c.id)).escalated_at;
    expect(escalatedAt).not.toBeNull();
    await moveTo(c.id, "in_review");
    const row = await caseRow(c.id);
    expect(row.escalated_at?.getTime()).toBe(escalatedAt!.getTime());
    expect(row.due_at!.getTime()).toBeLessThan(Date.now());
    expect(
      (await loadBriefing(handle.db)).cases.filter((x) => x.escalatedAt !== null).map((x) => x.reference),
    ).toContain(c.reference);
  });

  it("clears an escalation when the case moves on and has time left", async () => {
    const c = await submitAt(new Date(Date.now() - 5 * DAY));
    expect(await escalateOverdueCases(handle.db)).toContain(c.reference);
    await moveTo(c.id, "in_review");
    const row = await caseRow(c.id);
    expect(row.escalated_at).toBeNull();
    expect(Math.round((row.due_at!.getTime() - Date.now()) / DAY)).toBe(STATUS_DEADLINE_DAYS.in_review);
  });
});

describe("the database keeps it so", () => {
  it("refuses an open case without a deadline, whoever writes it", async () => {
    const insert = (status: NeedStatus) =>
      handle.db
        .insertInto("need_case")
        .values({
          reference: `raw-${status}-${Date.now()}`,
          tracking_hash: `raw-hash-${status}-${Date.now()}`,
          category: "health",
          kas_code: "20",
          description: "Written without the commands",
          submitted_locale: "sq",
          status,
          status_changed_at: new Date(),
          due_at: null,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    for (const status of OPEN_STATUSES)
      await expect(insert(status), status).rejects.toThrow(/need_case_open_has_deadline/);
    await expect(insert("closed")).resolves.toBeDefined();
  });

  it("gives existing open cases a deadline when migrating: their status's, at most 60 days after submission", async () => {
    const rolledBack = new Error("roll back the migration test");
    const checked = handle.db.transaction().execute(async (trx) => {
      await sql`alter table need_case drop constraint need_case_open_has_deadline`.execute(trx);
      const now = Date.now();
      const make = (
        reference: string,
        status: NeedStatus,
        createdDaysAgo: number,
        statusDaysAgo: number,
        dueAt: Date | null,
      ) =>
        trx
          .insertInto("need_case")
          .values({
            reference,
            tracking_hash: reference,
            category: "housing_property",
            kas_code: "07",
            description: "Case from before the migration",
            submitted_locale: "sr",
            status,
            status_changed_at: new Date(now - statusDaysAgo * DAY),
            due_at: dueAt,
            created_at: new Date(now - createdDaysAgo * DAY),
            updated_at: new Date(now),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
      const untriaged = await make("mig-received", "received", 2, 2, null);
      const reviewed = await make("mig-in-review", "in_review", 100, 1, null);
      const farDue = await make("mig-far-due", "in_progress", 50, 1, new Date(now + 29 * DAY));
      const closed = await make("mig-closed", "closed", 100, 90, null);
      await backfillDeadlines(trx as unknown as Kysely<unknown>);
      const due = async (id: number) =>
        (await trx.selectFrom("need_case").select("due_at").where("id", "=", id).executeTakeFirstOrThrow()).due_at;
      expect(Math.round(((await due(untriaged.id))!.getTime() - now) / DAY)).toBe(1);
      expect(Math.round(((await due(reviewed.id))!.getTime() - now) / DAY)).toBe(-40);
      expect(Math.round(((await due(farDue.id))!.getTime() - now) / DAY)).toBe(10);
      expect(await due(closed.id)).toBeNull();
      const constraint = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_constraint where conname = 'need_case_open_has_deadline'`.execute(trx);
      expect(constraint.rows[0]?.n).toBe(1);
      throw rolledBack;
    });
    await expect(checked).rejects.toBe(rolledBack);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { NEED_STATUSES } from "#app/db/tables/needs.ts";
import * as attachmentRoute from "#app/modules/needs/workspace/routes/case-attachment.tsx";
import * as briefingRoute from "#app/modules/needs/workspace/routes/briefing.tsx";
import * as detail from "#app/modules/needs/workspace/routes/case-detail.tsx";
import * as queue from "#app/modules/needs/workspace/routes/cases-index.tsx";
import { createTestCase } from "../../../tests/support/needs-factory.ts";
import { setUpTestDatabase } from "../../../tests/support/test-database.ts";
import { setUpTestFileStore } from "../../../tests/support/test-file-store.ts";
import { createTestUser, formRequest, workspaceContext } from "../../../tests/support/workspace-actors.ts";
import { sendWeeklyDigest, renderDigest, loadBriefing } from "./needs.briefing.server.ts";
import { escalateOverdueCases } from "./needs.escalation.server.ts";
import { applyBulkAction, changeCaseStatus, mergeCase } from "./needs.handling.server.ts";
import { eraseExpiredPersonalData } from "./needs.retention.server.ts";
import { canTransition, STATUS_TRANSITIONS } from "./workspace/needs-workflow.ts";
import { countRows } from "../../../tests/support/row-count.ts";
import { organisationIdBySlug } from "../../../tests/support/organisation-ids.ts";
import type { SignedInActor } from "../../../tests/support/signed-in-actor.ts";
import { callRoute } from "../../../tests/support/route-call.ts";
import { columnValues, rowsWhere } from "../../../tests/support/table-rows.ts";

const handle = setUpTestDatabase();
const files = setUpTestFileStore(handle, "needs-files-");
let coordinator: SignedInActor;
let focalPoint: SignedInActor;
let otherFocalPoint: SignedInActor;
let ministryId: number;
let otherOrgId: number;

beforeAll(async () => {
  ministryId = await organisationIdBySlug(handle.db, "ministry-of-labour-and-social-welfare");
  otherOrgId = await organisationIdBySlug(handle.db, "international-organization-for-migration");
  coordinator = await createTestUser(handle.db, [{ role: "coordinator" }]);
  focalPoint = await createTestUser(handle.db, [{ role: "focal_point", organisationId: ministryId }]);
  otherFocalPoint = await createTestUser(handle.db, [{ role: "focal_point", organisationId: otherOrgId }]);
});

function call(handler: unknown, actor: SignedInActor | null, request: Request, params: Record<string, string>) {
  return callRoute(handler, request, params, { ...workspaceContext(handle.db, actor), files });
}
const get = (handler: unknown, actor: SignedInActor, urlPath: string, params: Record<string, string>) =>
  call(handler, actor, new Request(`http://localhost${urlPath}`), params);
/** Posts a form of the case page (its `intent` and fields) as `actor`. */
const postToCase = (actor: SignedInActor, caseId: number, fields: Record<string, string>) =>
  call(detail.action, actor, formRequest(`/en/workspace/needs/${caseId}`, fields), { lang: "en", id: String(caseId) });
/** The coordinator's first status change of a case (at version 1), with an optional public note. */
const firstStatusChange = (
  caseId: number,
  status: Parameters<typeof changeCaseStatus>[3]["status"],
  publicNote: string | null = null,
) => changeCaseStatus(handle.db, audit(coordinator), caseId, { version: 1, status, publicNote });
/** Posts the queue's bulk form as `actor`. */
const postBulk = (actor: SignedInActor, fields: Record<string, string | string[]>) =>
  call(queue.action, actor, formRequest("/en/workspace/needs", fields), { lang: "en" });
/** Opens the case page as `actor`. */
const openCase = (actor: SignedInActor, caseId: number) =>
  get(detail.loader, actor, `/en/workspace/needs/${caseId}`, { lang: "en", id: String(caseId) });
const PUBLIC_URL = "https://platform.example.org";
const audit = (actor: SignedInActor) => ({ actor, requestId: "test", publicUrl: PUBLIC_URL });
const mailsAbout = (reference: string) =>
  handle.db
    .selectFrom("mail_outbox")
    .select(["to_address", "subject", "text_body"])
    .where("subject", "like", `%${reference}%`)
    .orderBy("id")
    .execute();
const auditCount = (caseId: number, action: string) =>
  countRows(handle.db, "audit_log", { subject_type: "need_case", subject_id: String(caseId), action });
type DetailData = Awaited<ReturnType<typeof detail.loader>>;

describe("the transition table", () => {
  it("is closed over the statuses, never leaves 'closed', and reaches 'referred' only from triage states", () => {
    for (const from of NEED_STATUSES) for (const to of STATUS_TRANSITIONS[from]) expect(NEED_STATUSES).toContain(to);
    expect(STATUS_TRANSITIONS.closed).toEqual([]);
    expect(NEED_STATUSES.filter((s) => canTransition(s, "referred"))).toEqual(["received", "in_review"]);
    expect(canTransition("received", "resolved")).toBe(false);
    expect(canTransition("in_progress", "resolved")).toBe(true);
  });

  it("refuses an invalid transition with a message and writes nothing; a valid one sets the deadline, history and audit", async () => {
    const c = await createTestCase(handle.db);
    const refused = await firstStatusChange(c.id, "resolved");
    expect(refused).toMatchObject({
      ok: false,
      status: 400,
      errors: { status: "needs:workspace.errors.transition" },
      params: { from: "received", to: "resolved" },
    });
    const ok = await firstStatusChange(c.id, "in_review", "We are looking at it.");
    expect(ok).toEqual({ ok: true, version: 2 });
    const row = await handle.db.selectFrom("need_case").selectAll().where("id", "=", c.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("in_review");
    expect(Math.round((row.due_at!.getTime() - row.status_changed_at.getTime()) / 86_400_000)).toBe(7);
    expect(await rowsWhere(handle.db, "need_status_change", ["from_status", "to_status"], { case_id: c.id })).toEqual([
      { from_status: "received", to_status: "in_review" },
    ]);
    expect(await auditCount(c.id, "need.status.change")).toBe(1);
    // One change, one e-mail: the status change, whose link leads to the public note too.
    const mails = await mailsAbout(c.reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to_address: expect.stringMatching(/^submitter-\d+@example\.org$/),
      subject: `Update on your request ${c.reference}`,
    });
    expect(mails[0]!.text_body).toContain("The status of your request");
    expect(mails[0]!.text_body).toContain("In review");
    expect(mails[0]!.text_body).toContain(`${PUBLIC_URL}/en/needs/track`);
  });

  it("tells a consenting submitter of a status change with exactly one e-mail, and one who gave no consent none", async () => {
    const consenting = await createTestCase(handle.db);
    expect(await firstStatusChange(consenting.id, "in_review")).toMatchObject({ ok: true });
    expect((await mailsAbout(consenting.reference)).map((m) => m.subject)).toEqual([
      `Update on your request ${consenting.reference}`,
    ]);

    // Without consent there is no address to write to (the table refuses contact details without consent).
    const silent = await createTestCase(handle.db, {
      submitter: { isAnonymous: true, name: null, phone: null, email: null },
    });
    // A case has one submitter row, keyed by the case (no id of its own).
    expect(
      await rowsWhere(handle.db, "need_submitter", ["email", "contact_consent"], { case_id: silent.id }, "case_id"),
    ).toEqual([{ email: null, contact_consent: false }]);
    expect(await firstStatusChange(silent.id, "in_review")).toMatchObject({ ok: true });
    expect(await mailsAbout(silent.reference)).toEqual([]);

    // A public note alone is a change of its own: one e-mail to the consenting submitter.
    const noted = await postToCase(coordinator, consenting.id, {
      intent: "notePublic",
      body: "We called the municipality.",
    });
    expect(noted.status).toBe(302);
    const after = await mailsAbout(consenting.reference);
    expect(after.map((m) => m.subject)).toEqual([
      `Update on your request ${consenting.reference}`,
      `New answer on your request ${consenting.reference}`,
    ]);
    expect(after[1]!.text_body).toContain("http://localhost/en/needs/track");
  });

  it("answers 409 to a stale version and changes nothing", async () => {
    const c = await createTestCase(handle.db);
    await firstStatusChange(c.id, "in_review");
    const stale = await postToCase(coordinator, c.id, { intent: "status", version: "1", status: "rejected" });
    expect(stale.status).toBe(409);
    expect((stale.data as { errors: Record<string, string> }).errors.form).toBe(
      "needs:workspace.errors.editedByOthers",
    );
    expect(
      (await handle.db.selectFrom("need_case").select("status").where("id", "=", c.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("in_review");
  });
});

describe("privacy: the submitter's identity and contact", () => {
  it("is not in an institution's page without consent, and 'show contact details' is refused", async () => {
    const c = await createTestCase(handle.db, {
      referredTo: ministryId,
      status: "referred",
      submitter: { shareWithInstitution: false, email: "secret-person@example.org", phone: "+383 49 123 456" },
    });
    const page = await openCase(focalPoint, c.id);
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.data);
    expect(text).not.toContain("secret-person@example.org");
    expect(text).not.toContain("123 456");
    expect((page.data as DetailData).canViewPersonal).toBe(false);
    const reveal = await postToCase(focalPoint, c.id, { intent: "revealContact" });
    expect(reveal.status).toBe(403);
    expect(await auditCount(c.id, "need.personal_data.view")).toBe(0);
  });

  it("is shown to the institution with consent, only after 'show contact details', and the view is audited", async () => {
    const c = await createTestCase(handle.db, {
      referredTo: ministryId,
      status: "referred",
      submitter: { shareWithInstitution: true, email: "shared-person@example.org" },
    });
    const page = await openCase(focalPoint, c.id);
    expect(JSON.stringify(page.data)).not.toContain("shared-person@example.org");
    expect((page.data as DetailData).canViewPersonal).toBe(true);
    const reveal = await postToCase(focalPoint, c.id, { intent: "revealContact" });
    expect(reveal.status).toBe(200);
    expect(JSON.stringify(reveal.data)).toContain("shared-person@example.org");
    expect(await auditCount(c.id, "need.personal_data.view")).toBe(1);
    const entry = await handle.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "organisation_id"])
      .where("subject_id", "=", String(c.id))
      .where("action", "=", "need.personal_data.view")
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_user_id: focalPoint.userId, organisation_id: ministryId });
  });

  it("keeps a case from an institution it is not referred to (404, like a case that does not exist), and shows it to the coordinator", async () => {
    const c = await createTestCase(handle.db, { referredTo: ministryId, status: "referred" });
    expect((await openCase(otherFocalPoint, c.id)).status).toBe(404);
    expect(
      (await get(detail.loader, otherFocalPoint, "/en/workspace/needs/999999", { lang: "en", id: "999999" })).status,
    ).toBe(404);
    expect((await openCase(coordinator, c.id)).status).toBe(200);
  });

  it("serves the submitter's attachment to the institution only with consent (404 otherwise), auditing each download", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const attach = async (caseId: number, uploadedBy: "submitter" | "user") => {
      const put = await files.put(handle.db, pdf, { originalName: "id-card.pdf", accept: ["application/pdf"] });
      if (!put.ok) throw new Error(put.error);
      return (
        await handle.db
          .insertInto("need_attachment")
          .values({ case_id: caseId, file_id: put.file.id, uploaded_by: uploadedBy })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    };
    const without = await createTestCase(handle.db, {
      referredTo: ministryId,
      status: "referred",
      submitter: { shareWithInstitution: false },
    });
    const withConsent = await createTestCase(handle.db, {
      referredTo: ministryId,
      status: "referred",
      submitter: { shareWithInstitution: true },
    });
    const a1 = await attach(without.id, "submitter");
    const a2 = await attach(without.id, "user");
    const a3 = await attach(withConsent.id, "submitter");
    const fetchAs = (actor: SignedInActor, caseId: number, attachmentId: number) =>
      get(attachmentRoute.loader, actor, `/en/workspace/needs/${caseId}/attachments/${attachmentId}`, {
        lang: "en",
        id: String(caseId),
        attachmentId: String(attachmentId),
      });
    expect((await fetchAs(focalPoint, without.id, a1)).status).toBe(404);
    const staffFile = await fetchAs(focalPoint, without.id, a2);
    expect(staffFile.data).toBeInstanceOf(Response);
    expect((staffFile.data as Response).status).toBe(200);
    await (staffFile.data as Response).arrayBuffer();
    expect((await fetchAs(focalPoint, withConsent.id, a1)).status).toBe(404); // an attachment of another case
    const allowed = (await fetchAs(focalPoint, withConsent.id, a3)).data as Response;
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("Cache-Control")).toBe("private, no-store");
    expect(new Uint8Array(await allowed.arrayBuffer())).toEqual(pdf);
    expect(await auditCount(withConsent.id, "need.personal_data.view")).toBe(1);
    const coordinatorCopy = (await fetchAs(coordinator, without.id, a1)).data as Response;
    expect(coordinatorCopy.status).toBe(200);
    await coordinatorCopy.arrayBuffer();
    // The loader of the page marks the withheld file as such.
    const page = (await openCase(focalPoint, without.id)).data as DetailData;
    expect(page.attachments.map((a) => [a.uploadedBy, a.canRead])).toEqual([
      ["submitter", false],
      ["user", true],
    ]);
  });
});

describe("referrals, from the Office to the institution and back", () => {
  it("refers, lets the institution accept and resolve with a public note, and keeps others out", async () => {
    const c = await createTestCase(handle.db);
    const referred = await postToCase(coordinator, c.id, {
      intent: "refer",
      version: "1",
      organisationId: String(ministryId),
      message: "Please help.",
    });
    expect(referred.status).toBe(302);
    const referral = await handle.db
      .selectFrom("need_referral")
      .select(["id", "status"])
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(referral.status).toBe("pending");
    /** The institution's answer to the referral, from the case page at `version`. */
    const answer = (actor: SignedInActor, version: string, fields: Record<string, string>) =>
      postToCase(actor, c.id, { intent: "referral", version, referralId: String(referral.id), ...fields });
    const forbidden = await answer(otherFocalPoint, "2", { decision: "accept" });
    expect(forbidden.status).toBe(404);
    const accepted = await answer(focalPoint, "2", { decision: "accept" });
    expect(accepted.status).toBe(302);
    const missingResponse = await answer(focalPoint, "3", { decision: "respond", outcome: "resolved" });
    expect(missingResponse.status).toBe(400);
    const resolved = await answer(focalPoint, "3", {
      decision: "respond",
      outcome: "resolved",
      response: "Documents issued.",
      publicNote: "Your documents are ready.",
    });
    expect(resolved.status).toBe(302);
    const row = await handle.db
      .selectFrom("need_case")
      .select(["status", "closed_at", "due_at"])
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("resolved");
    expect(row.closed_at).not.toBeNull();
    expect(row.due_at).toBeNull();
    const notes = await handle.db
      .selectFrom("need_note")
      .select(["visibility", "body", "author_organisation_id"])
      .where("case_id", "=", c.id)
      .execute();
    expect(notes).toEqual([
      { visibility: "public", body: "Your documents are ready.", author_organisation_id: ministryId },
    ]);
    expect(await columnValues(handle.db, "need_status_change", "to_status", { case_id: c.id }, "id")).toEqual([
      "referred",
      "in_progress",
      "resolved",
    ]);
  });

  it("sends a referral back: the case returns to review and the institution loses it", async () => {
    const c = await createTestCase(handle.db);
    await postToCase(coordinator, c.id, { intent: "refer", version: "1", organisationId: String(ministryId) });
    const referral = await handle.db
      .selectFrom("need_referral")
      .select("id")
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    const back = await postToCase(focalPoint, c.id, {
      intent: "referral",
      version: "2",
      referralId: String(referral.id),
      decision: "return",
      response: "Not our competence.",
    });
    expect(back.status).toBe(302);
    expect(await rowsWhere(handle.db, "need_case", ["status", "assigned_organisation_id"], { id: c.id })).toEqual([
      { status: "in_review", assigned_organisation_id: null },
    ]);
    expect((await openCase(focalPoint, c.id)).status).toBe(404);
  });

  it("suggests the institution from the routing rules (municipality before anywhere)", async () => {
    await handle.db
      .insertInto("need_routing_rule")
      .values([
        { category: "health", kas_code: null, organisation_id: otherOrgId },
        { category: "health", kas_code: "20", organisation_id: ministryId },
      ])
      .execute();
    const inPrizren = await createTestCase(handle.db, { category: "health", kasCode: "20" });
    const elsewhere = await createTestCase(handle.db, { category: "health", kasCode: "01" });
    const suggested = async (id: number) =>
      ((await openCase(coordinator, id)).data as DetailData).suggestedOrganisationId;
    expect(await suggested(inPrizren.id)).toBe(String(ministryId));
    expect(await suggested(elsewhere.id)).toBe(String(otherOrgId));
  });
});

describe("merging duplicates", () => {
  it("closes the duplicate, points it to the target, and keeps its notes readable there", async () => {
    const target = await createTestCase(handle.db);
    const duplicate = await createTestCase(handle.db);
    await handle.db
      .insertInto("need_note")
      .values({ case_id: duplicate.id, visibility: "internal", author_kind: "user", body: "Called the school." })
      .execute();
    expect(
      await mergeCase(handle.db, audit(coordinator), duplicate.id, { version: 1, target: duplicate.reference }),
    ).toMatchObject({ ok: false, errors: { target: "needs:workspace.errors.targetSelf" } });
    expect(
      await mergeCase(handle.db, audit(coordinator), duplicate.id, { version: 1, target: "N-0000-NOPE" }),
    ).toMatchObject({ ok: false, errors: { target: "needs:workspace.errors.targetNotFound" } });
    const merged = await postToCase(coordinator, duplicate.id, {
      intent: "merge",
      version: "1",
      target: target.reference.toLowerCase(),
    });
    expect(merged).toMatchObject({ status: 302, location: `/en/workspace/needs/${target.id}?saved=merged` });
    expect(await rowsWhere(handle.db, "need_case", ["status", "merged_into_id"], { id: duplicate.id })).toEqual([
      { status: "closed", merged_into_id: target.id },
    ]);
    const page = (await openCase(coordinator, target.id)).data as DetailData;
    expect(page.duplicates.map((d) => d.reference)).toEqual([duplicate.reference]);
    expect(page.notes.map((n) => [n.body, n.fromReference])).toEqual([["Called the school.", duplicate.reference]]);
    expect(await auditCount(duplicate.id, "need.merge")).toBe(1);
  });
});

describe("bulk actions from the queue", () => {
  it("applies to all selected cases, or to none when one does not suit, naming it", async () => {
    const a = await createTestCase(handle.db, { description: "bulk-marker alpha" });
    const b = await createTestCase(handle.db, { description: "bulk-marker beta" });
    const done = await postBulk(coordinator, {
      caseIds: [String(a.id), String(b.id)],
      bulkAction: "status",
      status: "in_review",
      returnTo: "?q=bulk",
    });
    expect(done).toMatchObject({ status: 302, location: "/en/workspace/needs?q=bulk&bulk=2" });
    const c = await createTestCase(handle.db, { status: "closed", dueAt: null });
    const refused = await applyBulkAction(handle.db, audit(coordinator), {
      caseIds: [a.id, c.id],
      bulkAction: "refer",
      organisationId: ministryId,
    });
    expect(refused).toMatchObject({ ok: false, status: 400, params: { references: c.reference } });
    expect(
      await handle.db.selectFrom("need_referral").select("id").where("case_id", "in", [a.id, c.id]).execute(),
    ).toEqual([]);
    const referred = await applyBulkAction(handle.db, audit(coordinator), {
      caseIds: [a.id, b.id],
      bulkAction: "refer",
      organisationId: ministryId,
    });
    expect(referred).toEqual({ ok: true, count: 2 });
    const categorised = await applyBulkAction(handle.db, audit(coordinator), {
      caseIds: [a.id, b.id],
      bulkAction: "categorise",
      category: "housing_property",
    });
    expect(categorised).toEqual({ ok: true, count: 2 });
    expect(
      (
        await handle.db.selectFrom("need_case").select(["status", "category"]).where("id", "in", [a.id, b.id]).execute()
      ).every((r) => r.status === "referred" && r.category === "housing_property"),
    ).toBe(true);
  });

  it("answers 400 without a selection and 403 to an institution", async () => {
    expect((await postBulk(coordinator, { bulkAction: "status", status: "in_review" })).status).toBe(400);
    expect((await postBulk(focalPoint, { caseIds: "1", bulkAction: "status", status: "in_review" })).status).toBe(403);
  });

  it("lists for an institution only the cases referred to it, and filters by text", async () => {
    const mine = await createTestCase(handle.db, {
      referredTo: ministryId,
      status: "referred",
      description: "zebra-crossing near the school",
    });
    await createTestCase(handle.db, { description: "zebra-crossing elsewhere" });
    const page = (await get(queue.loader, focalPoint, "/en/workspace/needs?q=zebra-crossing", { lang: "en" }))
      .data as Awaited<ReturnType<typeof queue.loader>>;
    expect(page.rows.map((r) => r.reference)).toEqual([mine.reference]);
    const all = (await get(queue.loader, coordinator, "/en/workspace/needs?q=zebra-crossing", { lang: "en" }))
      .data as typeof page;
    expect(all.total).toMatchObject({ count: 2, kind: "exact" });
    expect(all.statusCounts.find((s) => s.status === "referred")?.count).toBe(1);
  });
});

describe("escalation", () => {
  it("escalates overdue open cases once, audited as the system, and shows them on the briefing and in the tasks", async () => {
    const overdue = await createTestCase(handle.db, {
      dueAt: new Date(Date.now() - 3_600_000),
      referredTo: ministryId,
      status: "referred",
    });
    const notYet = await createTestCase(handle.db, { dueAt: new Date(Date.now() + 3_600_000) });
    const finished = await createTestCase(handle.db, { dueAt: new Date(Date.now() - 3_600_000), status: "resolved" });
    const escalated = await escalateOverdueCases(handle.db);
    expect(escalated).toContain(overdue.reference);
    expect(escalated).not.toContain(notYet.reference);
    expect(escalated).not.toContain(finished.reference);
    expect(await escalateOverdueCases(handle.db)).toEqual([]);
    const entry = await handle.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "actor_label", "request_id"])
      .where("action", "=", "need.escalate")
      .where("subject_id", "=", String(overdue.id))
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      actor_user_id: null,
      actor_label: "system: needs.escalate",
      request_id: "system:needs.escalate",
    });
    const pm = await createTestUser(handle.db, [{ role: "pm_office" }]);
    const briefing = (await get(briefingRoute.loader, pm, "/en/workspace/needs/briefing", { lang: "en" }))
      .data as Awaited<ReturnType<typeof briefingRoute.loader>>;
    expect(briefing.escalated.map((c) => c.reference)).toContain(overdue.reference);
    expect(JSON.stringify(briefing)).not.toContain("submitter-");
    expect((await get(briefingRoute.loader, focalPoint, "/en/workspace/needs/briefing", { lang: "en" })).status).toBe(
      403,
    );
    const { needsTasks } = await import("./needs.tasks.server.ts");
    expect((await needsTasks(handle.db, coordinator)).map((t) => t.key)).toContain("needs.escalated");
    expect((await needsTasks(handle.db, focalPoint)).find((t) => t.key === "needs.overdueReferrals")?.severity).toBe(
      "urgent",
    );
    expect(await needsTasks(handle.db, otherFocalPoint)).toEqual([]);
  });
});

describe("briefing alerts and the weekly digest", () => {
  it("raises an alert for many recent cases from one settlement", async () => {
    const settlement = await handle.db
      .selectFrom("settlement")
      .select(["id", "kas_code", "name"])
      .where("kas_code", "=", "07")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 5; i++) {
      const c = await createTestCase(handle.db, { kasCode: settlement.kas_code });
      await handle.db.updateTable("need_case").set({ settlement_id: settlement.id }).where("id", "=", c.id).execute();
    }
    const briefing = await loadBriefing(handle.db);
    expect(briefing.clusters.find((c) => c.settlementName === settlement.name)?.count).toBe(5);
  });

  it("renders the digest and enqueues it once per week to each pm_office reader", async () => {
    const pm = await createTestUser(handle.db, [{ role: "pm_office" }], { email: "pm.reader@example.org" });
    const monday = new Date("2031-03-03T08:00:00Z");
    const sent = await sendWeeklyDigest(handle.db, "https://platform.example.org", monday);
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(await sendWeeklyDigest(handle.db, "https://platform.example.org", new Date("2031-03-07T08:00:00Z"))).toBe(0);
    const mails = await handle.db
      .selectFrom("mail_outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", pm.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("2031-W10");
    expect(mails[0]!.text_body).toContain("https://platform.example.org/sq/workspace/needs/briefing");
    expect(
      await sendWeeklyDigest(handle.db, "https://platform.example.org", new Date("2031-03-10T08:00:00Z")),
    ).toBeGreaterThanOrEqual(1);
    const rendered = renderDigest(await loadBriefing(handle.db), "sr-cyrl", "2031-W10", "x");
    expect(rendered.subject).toMatch(/Недељни брифинг/);
  });
});

describe("retention", () => {
  it("erases the personal data and the submitter's files of cases finished before the period, with an audit entry, and keeps the case", async () => {
    const now = new Date("2031-06-01T00:00:00Z");
    const old = await createTestCase(handle.db, {
      status: "resolved",
      closedAt: new Date("2029-05-01T00:00:00Z"),
      createdAt: new Date("2029-04-01T00:00:00Z"),
      dueAt: null,
    });
    const recent = await createTestCase(handle.db, {
      status: "resolved",
      closedAt: new Date("2030-01-01T00:00:00Z"),
      createdAt: new Date("2029-12-01T00:00:00Z"),
      dueAt: null,
    });
    const open = await createTestCase(handle.db, {
      status: "in_progress",
      createdAt: new Date("2028-01-01T00:00:00Z"),
    });
    const put = await files.put(handle.db, new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), {
      originalName: "scan.pdf",
      accept: ["application/pdf"],
    });
    if (!put.ok) throw new Error(put.error);
    await handle.db
      .insertInto("need_attachment")
      .values({ case_id: old.id, file_id: put.file.id, uploaded_by: "submitter" })
      .execute();
    const removed: string[] = [];
    const report = await eraseExpiredPersonalData(handle.db, {
      months: 24,
      now,
      removeFileBytes: async (id) => void removed.push(id),
    });
    expect(report.files).toBe(1);
    expect(removed).toEqual([put.file.id]);
    const submitters = await handle.db
      .selectFrom("need_submitter")
      .select(["case_id", "name", "phone", "email", "erased_at"])
      .where("case_id", "in", [old.id, recent.id, open.id])
      .orderBy("case_id")
      .execute();
    expect(submitters[0]).toMatchObject({ case_id: old.id, name: null, phone: null, email: null });
    expect(submitters[0]!.erased_at).not.toBeNull();
    expect(submitters[1]!.name).not.toBeNull();
    expect(submitters[2]!.name).not.toBeNull();
    expect(await handle.db.selectFrom("stored_file").select("id").where("id", "=", put.file.id).execute()).toEqual([]);
    expect(
      await handle.db.selectFrom("need_case").select("status").where("id", "=", old.id).executeTakeFirstOrThrow(),
    ).toEqual({ status: "resolved" });
    expect(await auditCount(old.id, "need.personal_data.erase")).toBe(1);
    expect((await eraseExpiredPersonalData(handle.db, { months: 24, now })).cases).toBe(0);
    const page = (await openCase(coordinator, old.id)).data as DetailData;
    expect(page.submitter.erasedAt).not.toBeNull();
  });
});

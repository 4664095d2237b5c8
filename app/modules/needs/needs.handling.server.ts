import { sql, type Selectable } from "kysely";
import type { z } from "zod";
import type { Db } from "#app/db/client.server.ts";
import type { NeedCaseTable, NeedStatus } from "#app/db/tables/needs.ts";
import { findsAnyRow } from "#app/services/any-row.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import {
  type CommandFailure,
  type CommandResult,
  fail,
  inTransaction,
  type Trx,
} from "#app/services/commands.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import { notifySubmitter } from "./needs.notify.server.ts";
import { isInstitutionMember, needsPolicy, type NeedCaseSubject } from "./needs.policy.ts";
import { loadCaseSubject, loadCaseSubjects } from "./needs.queue.server.ts";
import type {
  BulkInput,
  CategoriseFormSchema,
  HighProfileFormSchema,
  MergeFormSchema,
  ReferFormSchema,
  ReferralFormSchema,
  RoutingRuleFormSchema,
  StatusFormSchema,
} from "./workspace/needs-handling.schema.ts";
import { canTransition, caseDeadline, isFinished } from "./workspace/needs-workflow.ts";

/*
 * Commands of the needs workspace: one function per use case. Each checks the policy, checks the
 * case's version (409 when someone changed it meanwhile), writes, records an audit entry in the
 * same transaction, and returns `{ ok: true } | { ok: false, status, errors }`.
 */

/**
 * Who acts and the platform's public address: the submitter's e-mails link to the tracking page on
 * it (routes pass `context.publicUrl`, jobs their configured address).
 */
export type HandlingContext = AuditContext & { publicUrl: string };

const FORBIDDEN = fail(403, { form: "needs:workspace.errors.forbidden" });
const NOT_FOUND = fail(404, { form: "needs:workspace.errors.notFound" });
const CONFLICT = fail(409, { form: "needs:workspace.errors.editedByOthers" });
const ORGANISATION_REQUIRED = fail(400, { organisationId: "needs:workspace.errors.organisationRequired" });

/** The fields of a case the audit log records. */
const CASE_FIELDS = [
  "id",
  "reference",
  "status",
  "category",
  "kas_code",
  "due_at",
  "assigned_organisation_id",
  "is_high_profile",
  "escalated_at",
  "merged_into_id",
  "closed_at",
  "version",
  "created_at",
] as const;

/** A case's row as a command locks it: the fields the audit log records. */
type LockedCase = Pick<Selectable<NeedCaseTable>, (typeof CASE_FIELDS)[number]>;

async function lockCase(trx: Trx, caseId: number): Promise<LockedCase | null> {
  const row = await trx
    .selectFrom("need_case")
    .select(CASE_FIELDS)
    .where("id", "=", caseId)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** The case's locked row and policy subject, or the failure to answer with. */
async function prepare(
  trx: Trx,
  actor: Actor,
  caseId: number,
  version: number | null,
  allowed: (subject: NeedCaseSubject, row: LockedCase) => boolean,
): Promise<{ ok: true; row: LockedCase; subject: NeedCaseSubject } | CommandFailure> {
  const row = await lockCase(trx, caseId);
  const subject = row ? await loadCaseSubject(trx, caseId) : null;
  if (!row || !subject) return NOT_FOUND;
  // A case the actor may not even see answers like a missing one (decision 025).
  if (!allowed(subject, row)) return needsPolicy.can(actor, "need.view", subject) ? FORBIDDEN : NOT_FOUND;
  if (version !== null && row.version !== version) return CONFLICT;
  return { ok: true, row, subject };
}

/** The audit record of a change to a case: its fields before and after. */
function recordCaseChange(trx: Db, audit: AuditContext, action: string, before: LockedCase, after: LockedCase) {
  return recordAudit(trx, audit, {
    action,
    subjectType: "need_case",
    subjectId: before.id,
    before: snapshot(before),
    after: snapshot(after),
  });
}

/** The actions of the needs policy on a case itself. */
type CaseAction = "need.triage" | "need.refer" | "need.flag" | "need.note";

/** `prepare` for an action of the needs policy on the case itself. */
function prepareFor(trx: Trx, actor: Actor, caseId: number, version: number | null, action: CaseAction) {
  return prepare(trx, actor, caseId, version, (subject) => needsPolicy.can(actor, action, subject));
}

/**
 * A command on one case, in a transaction: the case locked and checked for `action` (at `version`
 * when one is given), then `change`; or the failure that check answers with.
 */
function onCase<T extends object = object>(
  db: Db,
  actor: Actor,
  caseId: number,
  version: number | null,
  action: CaseAction,
  change: (trx: Trx, ready: { row: LockedCase; subject: NeedCaseSubject }) => Promise<CommandResult<T>>,
): Promise<CommandResult<T>> {
  return inTransaction(db, async (trx) => {
    const ready = await prepareFor(trx, actor, caseId, version, action);
    return ready.ok ? change(trx, ready) : ready;
  });
}

/** A refused merge target: 400 with the reason at the target field. */
function refusedTarget(reason: string): CommandFailure {
  return fail(400, { target: reason });
}

/** Writes fields of a locked case (one more version) and the audit record of the change. */
async function updateCase(
  trx: Db,
  audit: AuditContext,
  row: LockedCase,
  set: Partial<Pick<LockedCase, "category" | "is_high_profile">>,
  action: string,
): Promise<void> {
  const after = await trx
    .updateTable("need_case")
    .set((eb) => ({ ...set, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", row.id)
    .returning(CASE_FIELDS)
    .executeTakeFirstOrThrow();
  await recordCaseChange(trx, audit, action, row, after);
}

function refusedTransition(from: NeedStatus, to: NeedStatus): CommandFailure {
  return { ok: false, status: 400, errors: { status: "needs:workspace.errors.transition" }, params: { from, to } };
}

function snapshot(row: LockedCase): Record<string, unknown> {
  const { version: _version, created_at: _createdAt, ...rest } = row;
  return rest;
}

/**
 * Moves a locked case to a new status: sets the deadline of the new status (never later than the
 * response deadline counted from submission), clears an escalation when the case has a deadline
 * ahead of it again (a case past its response deadline stays escalated until it is finished),
 * stamps closing, records the status change and the audit entry, and tells the submitter. The
 * caller has checked the transition and the permission.
 */
async function applyStatus(
  trx: Db,
  audit: HandlingContext,
  row: LockedCase,
  to: NeedStatus,
  extra: Partial<Pick<LockedCase, "assigned_organisation_id" | "merged_into_id">> = {},
  action = "need.status.change",
): Promise<LockedCase> {
  const now = new Date();
  const due = caseDeadline(to, now, row.created_at);
  const after = await trx
    .updateTable("need_case")
    .set((eb) => ({
      status: to,
      status_changed_at: now,
      due_at: due,
      escalated_at: due !== null && due <= now ? row.escalated_at : null,
      closed_at: isFinished(to) ? (row.closed_at ?? now) : null,
      ...extra,
      version: eb("version", "+", 1),
      updated_at: now,
    }))
    .where("id", "=", row.id)
    .returning(CASE_FIELDS)
    .executeTakeFirstOrThrow();
  if (to !== row.status) {
    await trx
      .insertInto("need_status_change")
      .values({
        case_id: row.id,
        from_status: row.status,
        to_status: to,
        actor_user_id: audit.actor.kind === "user" ? audit.actor.userId : null,
        created_at: now,
      })
      .execute();
    await notifySubmitter(trx, row.id, { kind: "status_changed", status: to, publicUrl: audit.publicUrl });
  }
  await recordCaseChange(trx, audit, action, row, after);
  return after;
}

/**
 * Adds a note. A public note tells the submitter, unless `statusFollows`: the command changes the
 * status in the same transaction and that e-mail already sends the submitter to the tracking page,
 * so one change gives one e-mail.
 */
async function insertNote(
  trx: Db,
  audit: HandlingContext,
  caseId: number,
  visibility: "public" | "internal",
  body: string,
  organisationId: number | null,
  statusFollows = false,
): Promise<void> {
  const note = await trx
    .insertInto("need_note")
    .values({
      case_id: caseId,
      visibility,
      author_kind: "user",
      author_user_id: audit.actor.kind === "user" ? audit.actor.userId : null,
      author_organisation_id: organisationId,
      body,
    })
    .returning(["id", "visibility", "body"])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, {
    action: `need.note.${visibility}`,
    subjectType: "need_case",
    subjectId: caseId,
    after: { note_id: note.id, visibility, body },
    organisationId,
  });
  if (visibility === "public" && !statusFollows)
    await notifySubmitter(trx, caseId, { kind: "public_note", publicUrl: audit.publicUrl });
}

/** The organisation an institution user writes for on this case (one they handle it for), if any. */
function actingInstitution(actor: Actor, subject: NeedCaseSubject): number | null {
  return subject.referredOrganisationIds.find((id) => isInstitutionMember(actor, id)) ?? null;
}

/** Sets the status of a case (the Office), following the transition table; an optional public note goes with it. */
export function changeCaseStatus(
  db: Db,
  audit: HandlingContext,
  caseId: number,
  input: z.infer<typeof StatusFormSchema>,
): Promise<CommandResult<{ version: number }>> {
  return onCase<{ version: number }>(db, audit.actor, caseId, input.version, "need.triage", async (trx, { row }) => {
    if (!canTransition(row.status, input.status)) return refusedTransition(row.status, input.status);
    if (input.publicNote)
      await insertNote(trx, audit, caseId, "public", input.publicNote, null, input.status !== row.status);
    const after = await applyStatus(trx, audit, row, input.status);
    return { ok: true as const, version: after.version };
  });
}

/** Changes the category of a case (the Office). */
export function categoriseCase(
  db: Db,
  audit: AuditContext,
  caseId: number,
  input: z.infer<typeof CategoriseFormSchema>,
): Promise<CommandResult> {
  return onCase(db, audit.actor, caseId, input.version, "need.triage", async (trx, { row }) => {
    if (row.category !== input.category)
      await updateCase(trx, audit, row, { category: input.category }, "need.categorise");
    return { ok: true as const };
  });
}

/** Flags a case as high profile, or removes the flag (coordinators). */
export function setHighProfile(
  db: Db,
  audit: AuditContext,
  caseId: number,
  input: z.infer<typeof HighProfileFormSchema>,
): Promise<CommandResult> {
  const action = input.isHighProfile ? "need.flag_high_profile" : "need.unflag_high_profile";
  return onCase(db, audit.actor, caseId, input.version, "need.flag", async (trx, { row }) => {
    await updateCase(trx, audit, row, { is_high_profile: input.isHighProfile }, action);
    return { ok: true as const };
  });
}

async function organisationIsActive(trx: Db, organisationId: number): Promise<boolean> {
  const row = await trx
    .selectFrom("organisation")
    .select("id")
    .where("id", "=", organisationId)
    .where("is_active", "=", true)
    .executeTakeFirst();
  return row !== undefined;
}

/** Refers a locked case to an institution: a pending referral, the case assigned to it and "referred". */
async function referLocked(
  trx: Db,
  audit: HandlingContext,
  row: LockedCase,
  organisationId: number,
  message: string | null,
): Promise<LockedCase> {
  const referral = await trx
    .insertInto("need_referral")
    .values({
      case_id: row.id,
      organisation_id: organisationId,
      message,
      referred_by: audit.actor.kind === "user" ? audit.actor.userId : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, audit, {
    action: "need.referral.create",
    subjectType: "need_referral",
    subjectId: referral.id,
    after: { case_id: row.id, organisation_id: organisationId, message },
  });
  return applyStatus(trx, audit, row, "referred", { assigned_organisation_id: organisationId }, "need.refer");
}

/** Refers a case to a responsible institution (the Office). */
export function referCase(
  db: Db,
  audit: HandlingContext,
  caseId: number,
  input: z.infer<typeof ReferFormSchema>,
): Promise<CommandResult> {
  return onCase(db, audit.actor, caseId, input.version, "need.refer", async (trx, { row }) => {
    if (!canTransition(row.status, "referred")) return refusedTransition(row.status, "referred");
    if (!(await organisationIsActive(trx, input.organisationId))) return ORGANISATION_REQUIRED;
    await referLocked(trx, audit, row, input.organisationId, input.message);
    return { ok: true as const };
  });
}

/**
 * The institution's answer to a referral: accept it (the case goes "in progress"), respond (the
 * case is resolved or rejected, with the response recorded) or send it back to the Office (the
 * case returns "in review" and is no longer assigned). An optional public note goes to the submitter.
 */
export function respondToReferral(
  db: Db,
  audit: HandlingContext,
  caseId: number,
  input: z.infer<typeof ReferralFormSchema>,
): Promise<CommandResult> {
  return inTransaction(db, async (trx) => {
    const referral = await trx
      .selectFrom("need_referral")
      .selectAll()
      .where("id", "=", input.referralId)
      .where("case_id", "=", caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!referral) return NOT_FOUND;
    const ready = await prepare(trx, audit.actor, caseId, input.version, () =>
      needsPolicy.can(audit.actor, "need.referral.respond", { organisationId: referral.organisation_id }),
    );
    if (!ready.ok) return ready;
    const open =
      input.decision === "accept"
        ? referral.status === "pending"
        : referral.status === "pending" || referral.status === "accepted";
    if (!open) return fail(409, { form: "needs:workspace.errors.referralClosed" });
    const to: NeedStatus =
      input.decision === "accept"
        ? "in_progress"
        : input.decision === "return"
          ? "in_review"
          : (input.outcome ?? "resolved");
    if (!canTransition(ready.row.status, to)) return refusedTransition(ready.row.status, to);
    const referralStatus =
      input.decision === "accept" ? "accepted" : input.decision === "return" ? "returned" : "responded";
    const now = new Date();
    await trx
      .updateTable("need_referral")
      .set({
        status: referralStatus,
        response: input.response ?? referral.response,
        responded_by: audit.actor.kind === "user" ? audit.actor.userId : null,
        responded_at: now,
      })
      .where("id", "=", referral.id)
      .execute();
    await recordAudit(trx, audit, {
      action: `need.referral.${input.decision}`,
      subjectType: "need_referral",
      subjectId: referral.id,
      before: { status: referral.status, response: referral.response },
      after: { status: referralStatus, response: input.response ?? referral.response },
      organisationId: referral.organisation_id,
    });
    if (input.publicNote)
      await insertNote(
        trx,
        audit,
        caseId,
        "public",
        input.publicNote,
        referral.organisation_id,
        to !== ready.row.status,
      );
    await applyStatus(trx, audit, ready.row, to, input.decision === "return" ? { assigned_organisation_id: null } : {});
    return { ok: true as const };
  });
}

/** Adds a public note (shown to the submitter on the tracking page) or an internal note (staff only). */
export function addCaseNote(
  db: Db,
  audit: HandlingContext,
  caseId: number,
  visibility: "public" | "internal",
  body: string,
): Promise<CommandResult> {
  return onCase(db, audit.actor, caseId, null, "need.note", async (trx, { subject }) => {
    await insertNote(trx, audit, caseId, visibility, body, actingInstitution(audit.actor, subject));
    await trx.updateTable("need_case").set({ updated_at: new Date() }).where("id", "=", caseId).execute();
    return { ok: true as const };
  });
}

/**
 * Merges a duplicate into another case: the duplicate is closed and points to the target; its
 * notes stay readable on both. A case cannot be merged into itself or into a merged case.
 */
export function mergeCase(
  db: Db,
  audit: HandlingContext,
  caseId: number,
  input: z.infer<typeof MergeFormSchema>,
): Promise<CommandResult<{ targetId: number }>> {
  return onCase<{ targetId: number }>(db, audit.actor, caseId, input.version, "need.triage", async (trx, { row }) => {
    if (row.merged_into_id !== null || !canTransition(row.status, "closed"))
      return refusedTarget("needs:workspace.errors.alreadyClosed");
    const target = await trx
      .selectFrom("need_case")
      .select(["id", "merged_into_id"])
      .where("reference", "=", input.target)
      .forUpdate()
      .executeTakeFirst();
    if (!target) return refusedTarget("needs:workspace.errors.targetNotFound");
    if (target.id === caseId) return refusedTarget("needs:workspace.errors.targetSelf");
    if (target.merged_into_id !== null) return refusedTarget("needs:workspace.errors.targetMerged");
    await applyStatus(trx, audit, row, "closed", { merged_into_id: target.id }, "need.merge");
    // Cases merged earlier into the duplicate now point to the target too, so no chain is left.
    await trx
      .updateTable("need_case")
      .set({ merged_into_id: target.id })
      .where("merged_into_id", "=", caseId)
      .execute();
    await trx
      .updateTable("need_case")
      .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date() }))
      .where("id", "=", target.id)
      .execute();
    await recordAudit(trx, audit, {
      action: "need.merge.target",
      subjectType: "need_case",
      subjectId: target.id,
      after: { merged_case_id: caseId, merged_reference: row.reference },
    });
    return { ok: true as const, targetId: target.id };
  });
}

/**
 * Applies one action to several cases from the queue, all or nothing: set a status, categorise,
 * or refer to an institution. A case the action does not suit (a transition the table refuses)
 * refuses the whole batch, naming the cases.
 */
export function applyBulkAction(
  db: Db,
  audit: HandlingContext,
  input: BulkInput,
): Promise<CommandResult<{ count: number }>> {
  return inTransaction(db, async (trx) => {
    const ids = [...new Set(input.caseIds)].sort((a, b) => a - b);
    const rows = await trx
      .selectFrom("need_case")
      .select(CASE_FIELDS)
      .where("id", "in", ids)
      .orderBy("id")
      .forUpdate()
      .execute();
    if (rows.length !== ids.length) return NOT_FOUND;
    const subjects = await loadCaseSubjects(trx, ids);
    const action = input.bulkAction === "refer" ? "need.refer" : "need.triage";
    if (rows.some((r) => !needsPolicy.can(audit.actor, "need.view", subjects.get(r.id)!))) return NOT_FOUND;
    if (rows.some((r) => !needsPolicy.can(audit.actor, action, subjects.get(r.id)!))) return FORBIDDEN;
    if (input.bulkAction === "status" || input.bulkAction === "refer") {
      const to: NeedStatus = input.bulkAction === "refer" ? "referred" : input.status!;
      const refused = rows.filter((r) => !canTransition(r.status, to));
      if (refused.length)
        return {
          ok: false as const,
          status: 400 as const,
          errors: { form: "needs:workspace.errors.bulkTransition" },
          params: { to, references: refused.map((r) => r.reference).join(", ") },
        };
    }
    if (input.bulkAction === "refer" && !(await organisationIsActive(trx, input.organisationId!)))
      return ORGANISATION_REQUIRED;
    for (const row of rows) {
      if (input.bulkAction === "status") await applyStatus(trx, audit, row, input.status!, {}, "need.bulk.status");
      else if (input.bulkAction === "refer") await referLocked(trx, audit, row, input.organisationId!, null);
      else if (row.category !== input.category)
        await updateCase(trx, audit, row, { category: input.category! }, "need.bulk.categorise");
    }
    return { ok: true as const, count: rows.length };
  });
}

/** Adds a routing rule: cases of a category in a municipality (or anywhere) go to an institution. */
export function addRoutingRule(
  db: Db,
  audit: AuditContext,
  input: z.infer<typeof RoutingRuleFormSchema>,
): Promise<CommandResult> {
  return inTransaction(db, async (trx) => {
    if (!needsPolicy.can(audit.actor, "need.routing.manage", null)) return FORBIDDEN;
    if (!(await organisationIsActive(trx, input.organisationId))) return ORGANISATION_REQUIRED;
    if (input.kasCode && !(await findsAnyRow(trx.selectFrom("municipality").where("kas_code", "=", input.kasCode))))
      return fail(400, { kasCode: "core:form.invalid" });
    const sameRule = trx
      .selectFrom("need_routing_rule")
      .where("category", "=", input.category)
      .where(sql`coalesce(kas_code, '')`, "=", input.kasCode ?? "");
    if (await findsAnyRow(sameRule)) return fail(400, { category: "needs:workspace.errors.ruleExists" });
    const rule = await trx
      .insertInto("need_routing_rule")
      .values({ category: input.category, kas_code: input.kasCode, organisation_id: input.organisationId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      action: "need.routing_rule.create",
      subjectType: "need_routing_rule",
      subjectId: rule.id,
      after: { category: input.category, kas_code: input.kasCode, organisation_id: input.organisationId },
    });
    return { ok: true as const };
  });
}

/** Removes a routing rule. */
export function removeRoutingRule(db: Db, audit: AuditContext, ruleId: number): Promise<CommandResult> {
  return inTransaction(db, async (trx) => {
    if (!needsPolicy.can(audit.actor, "need.routing.manage", null)) return FORBIDDEN;
    const rule = await trx
      .deleteFrom("need_routing_rule")
      .where("id", "=", ruleId)
      .returning(["id", "category", "kas_code", "organisation_id"])
      .executeTakeFirst();
    if (!rule) return NOT_FOUND;
    await recordAudit(trx, audit, {
      action: "need.routing_rule.delete",
      subjectType: "need_routing_rule",
      subjectId: rule.id,
      before: { category: rule.category, kas_code: rule.kas_code, organisation_id: rule.organisation_id },
    });
    return { ok: true as const };
  });
}

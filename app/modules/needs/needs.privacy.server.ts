import type { Db } from "#app/db/client.server.ts";
import { findsAnyRow } from "#app/services/any-row.server.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction } from "#app/services/commands.server.ts";
import type { FileOwner } from "#app/services/files.server.ts";
import { needsPolicy, type NeedAttachmentSubject } from "./needs.policy.ts";
import { loadCaseSubject } from "./needs.queue.server.ts";

/*
 * The only way to the submitter's personal data: each read checks the policy and writes an
 * audit record ("need.personal_data.view") in the same transaction, so no view goes unrecorded.
 */

/** The submitter's identity and contact, as shown to those allowed. */
export interface SubmitterDetails {
  isAnonymous: boolean;
  name: string | null;
  phone: string | null;
  email: string | null;
  contactConsent: boolean;
  shareWithInstitution: boolean;
  erasedAt: Date | null;
}

export type RevealResult = { ok: true; submitter: SubmitterDetails | null } | { ok: false; status: 403 | 404 };

/**
 * Reads the submitter's personal data for the actor, after checking "need.personal_data.view",
 * and records the view. Null submitter when the case has none (submitted without a record).
 */
export function revealSubmitter(db: Db, audit: AuditContext, caseId: number): Promise<RevealResult> {
  const work = async (trx: Db): Promise<RevealResult> => {
    const subject = await loadCaseSubject(trx, caseId);
    if (!subject) return { ok: false, status: 404 };
    if (!needsPolicy.can(audit.actor, "need.personal_data.view", subject)) return { ok: false, status: 403 };
    const row = await trx.selectFrom("need_submitter").selectAll().where("case_id", "=", caseId).executeTakeFirst();
    const institution =
      subject.referredOrganisationIds.find(
        (id) => audit.actor.kind === "user" && audit.actor.grants.some((g) => g.organisationId === id),
      ) ?? null;
    await recordAudit(trx, audit, {
      action: "need.personal_data.view",
      subjectType: "need_case",
      subjectId: caseId,
      after: {
        fields: row ? ["name", "phone", "email"].filter((f) => row[f as "name" | "phone" | "email"] !== null) : [],
      },
      organisationId: institution,
    });
    if (!row) return { ok: true, submitter: null };
    return {
      ok: true,
      submitter: {
        isAnonymous: row.is_anonymous,
        name: row.name,
        phone: row.phone,
        email: row.email,
        contactConsent: row.contact_consent,
        shareWithInstitution: row.share_with_institution,
        erasedAt: row.erased_at,
      },
    };
  };
  return inTransaction(db, work);
}

/** An attachment with what the policy needs, or null when it is not an attachment of that case. */
export async function loadAttachmentSubject(
  db: Db,
  caseId: number,
  attachmentId: number,
): Promise<{ fileId: string; subject: NeedAttachmentSubject } | null> {
  const [attachment, subject] = await Promise.all([
    db
      .selectFrom("need_attachment")
      .select(["file_id", "uploaded_by"])
      .where("id", "=", attachmentId)
      .where("case_id", "=", caseId)
      .executeTakeFirst(),
    loadCaseSubject(db, caseId),
  ]);
  if (!attachment || !subject) return null;
  return { fileId: attachment.file_id, subject: { ...subject, uploadedBy: attachment.uploaded_by } };
}

/**
 * Records that a submitter's file was downloaded (their files count as personal data), in its
 * own small transaction before the bytes are sent.
 */
export async function recordAttachmentView(
  db: Db,
  audit: AuditContext,
  caseId: number,
  attachmentId: number,
): Promise<void> {
  await recordAudit(db, audit, {
    action: "need.personal_data.view",
    subjectType: "need_case",
    subjectId: caseId,
    after: { attachment_id: attachmentId },
  });
}

/**
 * Whether a stored file belongs to a case (then it must be served only through the case's
 * permission-checked route, never by the public /files/:id). For the file route's `canRead`.
 */
export async function isCaseAttachmentFile(db: Db, fileId: string): Promise<boolean> {
  return findsAnyRow(db.selectFrom("need_attachment").where("file_id", "=", fileId));
}

/**
 * A case attachment is never public and never served by /files/:id: only the case's route, which
 * checks the policy and records the view, sends it (decision 025).
 */
export async function caseAttachmentOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  return (await isCaseAttachmentFile(db, fileId))
    ? [{ kind: "need_attachment", isPublic: false, mayRead: () => false }]
    : [];
}

import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { isSignedIn } from "#app/services/authorization.ts";
import { recordAudit, type AuditContext } from "#app/services/audit.server.ts";
import { inTransaction, type Trx } from "#app/services/commands.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { notifySubmitter } from "./needs.notify.server.ts";
import { loadStatsLayout } from "./needs.stats.server.ts";
import { ATTACHMENT_LIMITS, type PreparedAttachment } from "./public/attachments.server.ts";
import { storeSubmitterFiles } from "./needs.files.server.ts";
import { needsPublicPolicy } from "./public/needs-public.policy.ts";
import type { NeedSubmission } from "./public/needs-public.schema.ts";
import { createTrackingCode, hashTrackingCode, normaliseTrackingCode } from "./public/tracking-code.server.ts";
import { caseDeadline } from "./workspace/needs-workflow.ts";

/** A municipality as the form lists it. */
export interface MunicipalityChoice {
  kasCode: string;
  nameSq: string;
  nameSr: string;
  nameSrCyrl: string;
}

/** What the submission form offers: municipalities, communities and the chosen municipality's settlements. */
export interface SubmissionChoices {
  municipalities: MunicipalityChoice[];
  communities: { code: string; name: TranslatedText }[];
  settlements: { id: number; name: string; nameCyrl: string | null }[];
}

/** The form's lists in three queries, whatever the data size (settlements only of one municipality). */
export async function loadSubmissionChoices(db: Db, kasCode: string | null): Promise<SubmissionChoices> {
  const [places, settlements] = await Promise.all([
    loadStatsLayout(db),
    kasCode
      ? db
          .selectFrom("settlement")
          .select(["id", "name", "name_cyrl"])
          .where("kas_code", "=", kasCode)
          .orderBy("name")
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    ...places,
    settlements: settlements.map((s) => ({ id: s.id, name: s.name, nameCyrl: s.name_cyrl })),
  };
}

/** Everything a submission carries besides the validated form. */
export interface SubmitNeedInput {
  form: NeedSubmission;
  attachments: PreparedAttachment[];
  locale: Locale;
  publicUrl: string;
  /** Marks invented demonstration cases (the demo seeder only). */
  isDemo?: boolean;
  /** For tests and the demo seeder: a fixed creation time. */
  now?: Date;
}

export type SubmitNeedResult =
  | { ok: true; caseId: number; reference: string; trackingCode: string }
  | { ok: false; status: 400 | 403; errors: Record<string, string> };

const E = (key: string) => `needs:public.errors.${key}`;

/** The reference shown to people and staff: N-<year>-<id, six digits>. */
export function needReference(id: number, createdAt: Date): string {
  return `N-${createdAt.getUTCFullYear()}-${String(id).padStart(6, "0")}`;
}

/**
 * Records a need submitted through the public form (or by a CSO member for someone): checks the
 * place and community against the reference lists, stores the case, the submitter's details apart
 * (only what they consented to), the first status, the attachments (already checked and re-encoded)
 * and an audit entry without personal data, and mails a confirmation with the tracking code when an
 * e-mail address was given with consent, all in one transaction (the caller's when it passes one);
 * the tracking code is returned once and only its hash is kept.
 */
export function submitNeed(
  db: Db,
  audit: AuditContext,
  files: FileStore,
  input: SubmitNeedInput,
): Promise<SubmitNeedResult> {
  return inTransaction(db, (trx) => recordNeed(trx, audit, files, input));
}

async function recordNeed(
  trx: Trx,
  audit: AuditContext,
  files: FileStore,
  input: SubmitNeedInput,
): Promise<SubmitNeedResult> {
  const { form } = input;
  if (!needsPublicPolicy.can(audit.actor, "need.submit", null))
    return { ok: false, status: 403, errors: { form: E("forbidden") } };
  if (form.onBehalf && !needsPublicPolicy.can(audit.actor, "need.submitOnBehalf", null)) {
    return { ok: false, status: 403, errors: { onBehalf: E("onBehalfForbidden") } };
  }
  const [municipality, settlement, community] = await Promise.all([
    trx.selectFrom("municipality").select("kas_code").where("kas_code", "=", form.municipality).executeTakeFirst(),
    form.settlement === undefined
      ? Promise.resolve(undefined)
      : trx.selectFrom("settlement").select(["id", "kas_code"]).where("id", "=", form.settlement).executeTakeFirst(),
    form.community === undefined
      ? Promise.resolve(undefined)
      : trx.selectFrom("community").select("code").where("code", "=", form.community).executeTakeFirst(),
  ]);
  const errors: Record<string, string> = {};
  if (!municipality) errors.municipality = E("municipality");
  if (form.settlement !== undefined && (!settlement || settlement.kas_code !== form.municipality))
    errors.settlement = E("settlementElsewhere");
  if (form.community !== undefined && !community) errors.community = E("community");
  if (input.attachments.length > ATTACHMENT_LIMITS.maxFiles) errors.attachments = E("attachment.too_many");
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };

  const now = input.now ?? new Date();
  const trackingCode = createTrackingCode();
  const trackingHash = hashTrackingCode(normaliseTrackingCode(trackingCode) ?? trackingCode);
  const onBehalfOf = form.onBehalf && isSignedIn(audit.actor) ? audit.actor.userId : null;
  const inserted = await trx
    .insertInto("need_case")
    .values({
      reference: `pending-${trackingHash.slice(0, 24)}`,
      tracking_hash: trackingHash,
      category: form.category,
      kas_code: form.municipality,
      settlement_id: form.settlement ?? null,
      community_code: form.community ?? null,
      description: form.description,
      submitted_locale: input.locale,
      status_changed_at: now,
      // Every case has a deadline from the moment it arrives, so a case nobody triages escalates too.
      due_at: caseDeadline("received", now, now),
      submitted_by_user_id: onBehalfOf,
      is_demo: input.isDemo ?? false,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const reference = needReference(inserted.id, now);
  await trx.updateTable("need_case").set({ reference }).where("id", "=", inserted.id).execute();

  const isAnonymous = form.identity === "anonymous";
  await trx
    .insertInto("need_submitter")
    .values({
      case_id: inserted.id,
      is_anonymous: isAnonymous,
      name: isAnonymous ? null : (form.name ?? null),
      phone: !isAnonymous && form.contactConsent ? (form.phone ?? null) : null,
      email: !isAnonymous && form.contactConsent ? (form.email?.toLowerCase() ?? null) : null,
      contact_consent: !isAnonymous && form.contactConsent,
      share_with_institution: !isAnonymous && form.shareWithInstitution,
    })
    .execute();
  await trx
    .insertInto("need_status_change")
    .values({ case_id: inserted.id, from_status: null, to_status: "received", actor_user_id: null, created_at: now })
    .execute();

  await recordAudit(trx, audit, {
    action: "need.submit",
    subjectType: "need_case",
    subjectId: inserted.id,
    // No personal data and no description in the audit log: who may read the log is not who may read the case.
    after: {
      reference,
      category: form.category,
      kas_code: form.municipality,
      settlement_id: form.settlement ?? null,
      community_code: form.community ?? null,
      status: "received",
      is_anonymous: isAnonymous,
      has_contact: !isAnonymous && form.contactConsent,
      share_with_institution: !isAnonymous && form.shareWithInstitution,
      on_behalf: onBehalfOf !== null,
      attachments: input.attachments.length,
      is_demo: input.isDemo ?? false,
    },
  });
  await notifySubmitter(trx, inserted.id, { kind: "received", trackingCode, publicUrl: input.publicUrl });
  // The files last: written only once everything else of the submission is written, so that
  // nothing but the commit can fail after them (a file left by a failed commit is removed by the
  // periodic sweep, needs.files.server.ts).
  await storeSubmitterFiles(trx, files, input.attachments, { caseId: inserted.id, noteId: null, now });
  return { ok: true, caseId: inserted.id, reference, trackingCode };
}

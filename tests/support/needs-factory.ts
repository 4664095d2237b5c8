import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#app/db/client.server.ts";
import type { NeedCategory, NeedStatus } from "#app/db/tables/needs.ts";

let counter = 0;

/** What a test case may set; everything else gets a valid, hostile default. */
export interface TestCaseInput {
  category?: NeedCategory;
  kasCode?: string;
  status?: NeedStatus;
  description?: string;
  dueAt?: Date | null;
  closedAt?: Date | null;
  createdAt?: Date;
  isHighProfile?: boolean;
  submittedByUserId?: string | null;
  /** The submitter's record; null for a case without one. */
  submitter?: {
    name?: string | null;
    phone?: string | null;
    email?: string | null;
    shareWithInstitution?: boolean;
    isAnonymous?: boolean;
  } | null;
  /** Refer the case to this organisation (a pending referral; the case is assigned to it). */
  referredTo?: number;
}

/**
 * Inserts a need case directly (not through the public form), with a submitter who gave contact
 * details and consent by default. The description is hostile (markup, Cyrillic, right-to-left).
 */
export async function createTestCase(db: Db, input: TestCaseInput = {}): Promise<{ id: number; reference: string }> {
  counter += 1;
  const reference = `T-${Date.now().toString(36).toUpperCase()}-${counter}`;
  const row = await db
    .insertInto("need_case")
    .values({
      reference,
      tracking_hash: createHash("sha256").update(randomBytes(16)).digest("hex"),
      category: input.category ?? "education",
      kas_code: input.kasCode ?? "20",
      description:
        input.description ?? `<script>alert("case ${counter}")</script> Школа у селу нема грејање · مدرسة ${counter}`,
      submitted_locale: "en",
      status: input.status ?? "received",
      due_at: input.dueAt === undefined ? new Date(Date.now() + 3 * 86_400_000) : input.dueAt,
      closed_at: input.closedAt ?? null,
      is_high_profile: input.isHighProfile ?? false,
      submitted_by_user_id: input.submittedByUserId ?? null,
      assigned_organisation_id: input.referredTo ?? null,
      ...(input.createdAt ? { created_at: input.createdAt, status_changed_at: input.closedAt ?? input.createdAt } : {}),
    })
    .returning(["id", "reference"])
    .executeTakeFirstOrThrow();
  if (input.submitter !== null) {
    const s = input.submitter ?? {};
    const phone = s.phone === undefined ? "+383 44 000 111" : s.phone;
    const email = s.email === undefined ? `submitter-${counter}@example.org` : s.email;
    await db
      .insertInto("need_submitter")
      .values({
        case_id: row.id,
        is_anonymous: s.isAnonymous ?? false,
        name: s.name === undefined ? `Драган <b>Submitter</b> ${counter}` : s.name,
        phone,
        email,
        contact_consent: phone !== null || email !== null,
        share_with_institution: s.shareWithInstitution ?? false,
      })
      .execute();
  }
  if (input.referredTo !== undefined)
    await db.insertInto("need_referral").values({ case_id: row.id, organisation_id: input.referredTo }).execute();
  return row;
}

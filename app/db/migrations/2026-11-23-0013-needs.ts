import { sql, type Kysely } from "kysely";
import { createIdentityTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { addEditedRecordColumns, oneOfStates } from "./shared/record-columns.ts";

/**
 * Community needs and cases: a case submitted by anyone (no account needed), its submitter's
 * personal data kept apart (so it can be shown only to those allowed, and erased after the
 * retention period), public and internal notes, attachments, referrals to institutions, the
 * status history, and the routing rules that suggest an institution.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdentityTable(db, "need_case")
    /** Human-readable number for staff and for the submitter, e.g. N-2026-000123. Not a secret. */
    .addColumn("reference", "text", (c) => c.notNull().unique())
    /** SHA-256 (hex) of the unguessable tracking code given to the submitter once. */
    .addColumn("tracking_hash", "text", (c) => c.notNull().unique())
    .addColumn("category", "text", (c) =>
      c
        .notNull()
        .check(
          sql`category in ('civil_registration', 'education', 'employment', 'health', 'housing_property', 'social_assistance', 'discrimination', 'security', 'return_reintegration', 'other')`,
        ),
    )
    .addColumn("kas_code", "text", (c) => c.notNull().references("municipality.kas_code"))
    .addColumn("settlement_id", "integer", (c) => c.references("settlement.id"))
    .addColumn("community_code", "text", (c) => c.references("community.code"))
    .addColumn("description", "text", (c) => c.notNull())
    /** The interface language in which it was submitted (sq, sr, sr-cyrl, en). */
    .addColumn("submitted_locale", "text", (c) => c.notNull())
    .addColumn(
      "status",
      "text",
      oneOfStates("status", ["received", "in_review", "referred", "in_progress", "resolved", "rejected", "closed"]),
    )
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    /** When the current status should have moved on (deadline per status); null when none applies. */
    .addColumn("due_at", "timestamptz")
    /** The institution the case is referred to (the latest referral), if any. */
    .addColumn("assigned_organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("is_high_profile", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("escalated_at", "timestamptz")
    .addColumn("merged_into_id", "integer", (c) => c.references("need_case.id"))
    /** A CSO member (or other user) who submitted on someone's behalf. */
    .addColumn("submitted_by_user_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("closed_at", "timestamptz")
    .$call(addEditedRecordColumns)
    .addCheckConstraint("need_case_description_length", sql`char_length(description) between 1 and 10000`)
    .execute();
  await createIndexes(db, "need_case", {
    need_case_status_idx: ["status", "created_at"],
    need_case_kas_idx: ["kas_code", "status"],
    need_case_category_idx: ["category", "status"],
    need_case_assigned_idx: ["assigned_organisation_id", "status"],
    need_case_created_idx: ["created_at"],
  });
  await sql`create index need_case_due_idx on need_case (due_at) where due_at is not null and status not in ('resolved', 'rejected', 'closed')`.execute(
    db,
  );
  await sql`create index need_case_flagged_idx on need_case (id) where is_high_profile or escalated_at is not null`.execute(
    db,
  );
  await sql`create index need_case_description_trgm_idx on need_case using gin (description gin_trgm_ops)`.execute(db);

  /** Personal data of the submitter, one row per case; emptied when erased. */
  await db.schema
    .createTable("need_submitter")
    .addColumn("case_id", "integer", (c) => c.primaryKey().references("need_case.id").onDelete("cascade"))
    .addColumn("is_anonymous", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("name", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    /** Consent to be contacted about the case (required to store contact details). */
    .addColumn("contact_consent", "boolean", (c) => c.notNull().defaultTo(false))
    /** Consent to share identity and contact with the institution the case is referred to. */
    .addColumn("share_with_institution", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("erased_at", "timestamptz")
    .addCheckConstraint(
      "need_submitter_contact_needs_consent",
      sql`contact_consent or (phone is null and email is null)`,
    )
    .execute();

  await createIdentityTable(db, "need_note")
    .addColumn("case_id", "integer", (c) => c.notNull().references("need_case.id").onDelete("cascade"))
    .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
    /** Who wrote it: a user (staff or institution), or the submitter through the tracking page. */
    .addColumn("author_kind", "text", (c) => c.notNull().check(sql`author_kind in ('user', 'submitter', 'system')`))
    .addColumn("author_user_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("author_organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("need_note_body_length", sql`char_length(body) between 1 and 10000`)
    .execute();
  await createIndexes(db, "need_note", { need_note_case_idx: ["case_id", "created_at"] });

  await createIdentityTable(db, "need_attachment")
    .addColumn("case_id", "integer", (c) => c.notNull().references("need_case.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("stored_file.id"))
    .addColumn("note_id", "integer", (c) => c.references("need_note.id").onDelete("set null"))
    .addColumn("uploaded_by", "text", (c) => c.notNull().check(sql`uploaded_by in ('submitter', 'user')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await createIndexes(db, "need_attachment", { need_attachment_case_idx: ["case_id"] });

  await createIdentityTable(db, "need_referral")
    .addColumn("case_id", "integer", (c) => c.notNull().references("need_case.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("status", "text", oneOfStates("status", ["pending", "accepted", "returned", "responded"]))
    .addColumn("message", "text")
    .addColumn("response", "text")
    .addColumn("referred_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("responded_by", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("responded_at", "timestamptz")
    .execute();
  await createIndexes(db, "need_referral", {
    need_referral_case_idx: ["case_id"],
    need_referral_org_idx: ["organisation_id", "status"],
  });

  await createIdentityTable(db, "need_status_change")
    .addColumn("case_id", "integer", (c) => c.notNull().references("need_case.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid", (c) => c.references("app_user.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await createIndexes(db, "need_status_change", { need_status_change_case_idx: ["case_id", "created_at"] });

  /** Which institution a case of a category in a municipality should go to (kas_code null = anywhere). */
  await createIdentityTable(db, "need_routing_rule")
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index need_routing_rule_unique on need_routing_rule (category, coalesce(kas_code, ''))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "need_routing_rule",
    "need_status_change",
    "need_referral",
    "need_attachment",
    "need_note",
    "need_submitter",
    "need_case",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

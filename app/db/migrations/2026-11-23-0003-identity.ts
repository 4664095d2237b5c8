import { sql, type Kysely } from "kysely";
import { createCodeLinkTable } from "./shared/code-link-table.ts";
import { createIdentityTable, createKeyedTable } from "./shared/identity-table.ts";
import { createIndexes } from "./shared/indexes.ts";
import { oneOfStates } from "./shared/record-columns.ts";

/** Organisations, users, roles, sessions, single-use tokens, rate limits, the mail outbox and the audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createIdentityTable(db, "organisation")
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "jsonb", (c) => c.notNull())
    .addColumn("acronym", "text")
    .addColumn("type_code", "text", (c) => c.notNull().references("organisation_type.code"))
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("description", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("website", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("address", "text")
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("organisation_name_sq", sql`name ? 'sq' or name ? 'en' or name ? 'sr'`)
    .execute();
  await createIndexes(db, "organisation", {
    organisation_type_idx: ["type_code"],
    organisation_kas_code_idx: ["kas_code"],
  });

  await createCodeLinkTable(db, "organisation_sector", "organisation_id", "organisation.id", "sector");
  await createCodeLinkTable(db, "organisation_community", "organisation_id", "organisation.id", "community");
  await createIdentityTable(db, "organisation_contact")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("is_focal_point", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await createKeyedTable(db, "app_user", "id", "uuid")
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("preferred_locale", "text", (c) => c.notNull().defaultTo("sq"))
    .addColumn("languages", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("email_verified_at", "timestamptz")
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled_at", "timestamptz")
    .addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index app_user_email_idx on app_user (lower(email))`.execute(db);

  await createIdentityTable(db, "role_assignment")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id"))
    .addColumn("kas_code", "text", (c) => c.references("municipality.kas_code"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index role_assignment_unique_idx on role_assignment (user_id, role, coalesce(organisation_id, 0), coalesce(kas_code, ''))`.execute(
    db,
  );

  await createKeyedTable(db, "user_session", "id", "text")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("two_factor_verified", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("user_agent", "text")
    .addColumn("ip", "text")
    .execute();
  await createIndexes(db, "user_session", { user_session_user_idx: ["user_id"] });

  await createKeyedTable(db, "auth_token", "id", "text")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createKeyedTable(db, "rate_limit", "key", "text")
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .execute();

  await createIdentityTable(db, "mail_outbox")
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("status", "text", oneOfStates("status", ["queued", "sent", "held", "failed"]))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();

  await createIdentityTable(db, "audit_log", "bigint")
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "uuid")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("diff", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("request_id", "text")
    .execute();
  await createIndexes(db, "audit_log", {
    audit_log_subject_idx: ["subject_type", "subject_id", "id"],
    audit_log_actor_idx: ["actor_user_id", "id"],
    audit_log_occurred_idx: ["occurred_at"],
  });
  // The audit log is append-only: no UPDATE or DELETE, whoever asks.
  await sql`
    create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'The audit log cannot be changed or deleted.';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("The identity migration cannot be reverted; restore a backup instead.");
}

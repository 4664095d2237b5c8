/**
 * Where personal data lives: every table and column of the schema, classified once, read from
 * the migrations. The scrub (scrub.server.ts) applies it; `personal-data.test.ts` fails when a
 * migration adds a table or a column this list does not classify, and the scrub refuses to run on
 * such a database, so a new column can never reach a training copy unexamined.
 *
 * Column rules:
 * - `keep`: not personal (content, statistics, codes, ids, institutional contacts of the public directory);
 * - `person_name`, `email`, `phone`: a person's name, e-mail or phone: replaced by a unique
 *   pseudonym when not null (a person keeps the same pseudonym everywhere, so e-mails stay unique);
 * - `contact_text`: free text that may hold contact data: e-mail addresses, phone numbers and any
 *   name, e-mail or phone of the source are masked;
 * - `contact_json`: jsonb that may hold them (audit before/after values, job payloads): the same in
 *   every string, and string values under personal keys (`name`, `email`, `phone`, …) replaced whole;
 * - `user_label`: a user's display label (`Name <email>`), rewritten from the user's pseudonym
 *   (system labels stay);
 * - `password_hash`: the training password's hash; `secret`: emptied (TOTP secrets and their state);
 * - `token_hash`: a fresh random hash (the real tracking codes open nothing in the copy);
 * - `attachment_file`: a stored file's columns that change when its bytes are replaced by a
 *   placeholder (files attached to need cases; other files are kept).
 *
 * Tables whose rows are all personal or secret and carry nothing a training copy needs (sessions,
 * e-mailed tokens, rate-limit keys, the mail outbox, pending imports) are left out whole (`drop`).
 */
export type ColumnRule =
  | "keep"
  | "person_name"
  | "email"
  | "phone"
  | "contact_text"
  | "contact_json"
  | { userLabel: string }
  | "password_hash"
  | "secret"
  | "token_hash"
  | "attachment_file";

export type TableRule = { rows: "drop"; why: string } | { rows: "keep"; columns: Record<string, ColumnRule> };

/** The columns an editable record of the platform ends with: demo flag, edit version, timestamps. */
const EDITED_RECORD = ["is_demo", "version", "created_at", "updated_at"];
/** The columns an image of the clearing house ends with after its files: size, alternative text, order, time. */
const IMAGE = ["width", "height", "alt", "sort_order", "created_at"];

/** Every column of a table kept as it is. */
const keepAll = (...columns: string[]): TableRule => ({
  rows: "keep",
  columns: Object.fromEntries(columns.map((c) => [c, "keep" as const])),
});
/** A table kept as it is except the given columns. */
const keepExcept = (columns: string[], rules: Record<string, ColumnRule>): TableRule => ({
  rows: "keep",
  columns: { ...Object.fromEntries(columns.map((c) => [c, "keep" as const])), ...rules },
});

/** The classification of every table of the schema (see the module comment). */
export const PERSONAL_DATA: Record<string, TableRule> = {
  // Reference data and public content (0001, 0002, 0006, 0010, 0011, 0018).
  municipality: keepAll(
    "kas_code",
    "slug",
    "name_sq",
    "name_sr",
    "name_sr_cyrl",
    "name_alt",
    "district",
    "pop_2011",
    "pop_2024",
    "pop_2024_enumerated",
    "pop_2024_is_estimate",
    "boundary",
  ),
  community: keepAll("code", "name", "sort_order", "is_majority"),
  municipality_population: keepAll("kas_code", "community_code", "year", "population"),
  reference_generation: keepAll("id", "generation"),
  organisation_generation: keepAll("id", "generation"),
  service_generation: keepAll("id", "generation"),

  news_generation: keepAll("id", "generation"),
  settlement: keepAll(
    "id",
    "kas_code",
    "name",
    "name_ascii",
    "name_cyrl",
    "alternate_names",
    "latitude",
    "longitude",
    "feature_code",
  ),
  sector: keepAll("code", "name", "sort_order"),
  organisation_type: keepAll("code", "name", "sort_order"),
  news_item: keepAll(
    "id",
    "slug",
    "title",
    "summary",
    "body",
    "original_locale",
    "published_at",
    "source_note",
    "is_demo",
    "created_at",
    "status",
    "organisation_id",
    "version",
    "updated_at",
  ),
  page: keepAll("key", "title", "body", "original_locale", "updated_at"),
  search_entry: keepAll(
    "kind",
    "ref_id",
    "title",
    "summary",
    "body",
    "path",
    "original_locale",
    "search_text",
    "search_vector",
    "sectors",
    "municipalities",
    "communities",
    "published_at",
    "is_public",
    "updated_at",
    "head_text",
    "head_vector",
  ),
  search_word: keepAll("word"),
  news_image: keepAll("id", "news_item_id", "large_file_id", "thumb_file_id", ...IMAGE),
  event: keepAll(
    "id",
    "slug",
    "kind",
    "title",
    "summary",
    "agenda",
    "minutes",
    "original_locale",
    "starts_at",
    "ends_at",
    "kas_code",
    "address",
    "organisation_id",
    "status",
    "published_at",
    "source_note",
    ...EDITED_RECORD,
  ),
  event_organisation: keepAll("event_id", "organisation_id", "role"),
  event_photo: keepAll("id", "event_id", "large_file_id", "medium_file_id", "thumb_file_id", ...IMAGE),
  event_document: keepAll("id", "event_id", "file_id", "title", "created_at"),
  recommendation: keepAll(
    "id",
    "event_id",
    "text",
    "original_locale",
    "owner_organisation_id",
    "due_date",
    "measure_id",
    "status",
    "status_note",
    "status_changed_at",
    ...EDITED_RECORD,
  ),
  service: keepAll(
    "id",
    "slug",
    "title",
    "summary",
    "eligibility",
    "requirements",
    "hours",
    "original_locale",
    "kas_code",
    "address",
    "online_url",
    "sector_code",
    "organisation_id",
    "status",
    "published_at",
    ...EDITED_RECORD,
    "title_sr_cyrl",
  ),
  opportunity: keepAll(
    "id",
    "slug",
    "kind",
    "title",
    "summary",
    "eligibility",
    "original_locale",
    "kas_code",
    "url",
    "deadline",
    "organisation_id",
    "status",
    "published_at",
    ...EDITED_RECORD,
  ),
  library_document: keepAll(
    "id",
    "slug",
    "doc_type",
    "is_know_your_rights",
    "title",
    "summary",
    "original_locale",
    "organisation_id",
    "issued_on",
    "status",
    "published_at",
    ...EDITED_RECORD,
  ),
  library_document_sector: keepAll("document_id", "sector_code"),
  library_document_community: keepAll("document_id", "community_code"),
  library_document_measure: keepAll("document_id", "measure_id"),
  library_document_file: keepAll(
    "id",
    "document_id",
    "locale",
    "file_id",
    "extraction_status",
    "extracted_text",
    "extracted_at",
    "created_at",
  ),

  // Jobs and files (0001).
  job: keepExcept(
    [
      "id",
      "kind",
      "status",
      "attempts",
      "max_attempts",
      "run_at",
      "locked_by",
      "locked_at",
      "progress_done",
      "progress_total",
      "created_at",
      "finished_at",
    ],
    {
      payload: "contact_json",
      result: "contact_json",
      last_error: "contact_text",
    },
  ),
  stored_file: keepExcept(["id", "created_at"], {
    sha256: "attachment_file",
    media_type: "attachment_file",
    extension: "attachment_file",
    size_bytes: "attachment_file",
    original_name: "attachment_file",
  }),

  // Organisations: the directory's institutional contacts are public; the people named as contacts are not (0003, 0020).
  organisation: keepAll(
    "id",
    "slug",
    "name",
    "acronym",
    "type_code",
    "kas_code",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "is_active",
    "version",
    "created_at",
    "updated_at",
    "iati_identifier",
    "iati_type_code",
    "name_sr_cyrl",
  ),
  organisation_sector: keepAll("organisation_id", "sector_code"),
  organisation_community: keepAll("organisation_id", "community_code"),
  organisation_contact: keepExcept(["id", "organisation_id", "position", "is_focal_point"], {
    name: "person_name",
    email: "email",
    phone: "phone",
  }),

  // Identity (0003, 0004).
  app_user: keepExcept(
    [
      "id",
      "preferred_locale",
      "languages",
      "email_verified_at",
      "failed_sign_ins",
      "locked_until",
      "is_active",
      "version",
      "created_at",
      "updated_at",
    ],
    {
      email: "email",
      name: "person_name",
      password_hash: "password_hash",
      totp_secret: "secret",
      totp_enabled_at: "secret",
      totp_last_step: "secret",
    },
  ),
  role_assignment: keepAll("id", "user_id", "role", "organisation_id", "kas_code", "created_at"),
  user_session: { rows: "drop", why: "sessions: a signed-in browser's secret, its IP address and user agent" },
  auth_token: {
    rows: "drop",
    why: "e-mailed invitation, reset and verification tokens, with the addresses they went to",
  },
  rate_limit: { rows: "drop", why: "keys made of IP addresses and e-mail addresses" },
  mail_outbox: { rows: "drop", why: "the outbox: recipients' addresses and messages" },
  audit_log: keepExcept(
    ["id", "occurred_at", "actor_user_id", "organisation_id", "action", "subject_type", "subject_id", "request_id"],
    {
      actor_label: { userLabel: "actor_user_id" },
      diff: "contact_json",
    },
  ),

  // Strategies and plans (0007, 0008).
  strategy: keepAll(
    "id",
    "slug",
    "title",
    "summary",
    "original_locale",
    "period_start_year",
    "period_end_year",
    "owner_organisation_id",
    "status",
    "adopted_at",
    ...EDITED_RECORD,
  ),
  strategy_document: keepAll("id", "strategy_id", "title", "locale", "file_id", "url", "sort_order"),
  action_plan: keepAll(
    "id",
    "strategy_id",
    "kind",
    "kas_code",
    "code",
    "title",
    "original_locale",
    "period_start_year",
    "period_end_year",
    "status",
    "adopted_at",
    "revision",
    ...EDITED_RECORD,
  ),
  plan_sector: keepAll("id", "action_plan_id", "sector_code", "sort_order"),
  objective: keepAll("id", "action_plan_id", "plan_sector_id", "code", "title", "description", "sort_order"),
  measure: keepAll(
    "id",
    "action_plan_id",
    "objective_id",
    "code",
    "title",
    "description",
    "responsible_organisation_id",
    "start_date",
    "end_date",
    "implements_measure_id",
    "sort_order",
    ...EDITED_RECORD,
    "plan_sector_id",
  ),
  measure_supporting_organisation: keepAll("measure_id", "organisation_id"),
  measure_community: keepAll("measure_id", "community_code"),
  measure_budget: keepAll("measure_id", "year", "source", "amount"),
  indicator: keepAll(
    "id",
    "measure_id",
    "code",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_year",
    "by_community",
    "by_gender",
    "sort_order",
    "is_demo",
  ),
  indicator_target: keepAll("indicator_id", "year", "value"),
  action_plan_revision: keepAll("id", "action_plan_id", "revision", "reason", "snapshot", "created_by", "created_at"),
  strategy_figures_generation: keepAll("id", "generation"),
  strategy_pages_generation: keepAll("id", "generation"),

  // Projects (0012, 0017, 0020).
  project: keepAll(
    "id",
    "iati_identifier",
    "title",
    "description",
    "original_locale",
    "owner_organisation_id",
    "activity_status",
    "validation_status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "match_text",
    "submitted_at",
    "validated_at",
    "validated_by",
    "is_demo",
    "version",
    "created_by",
    "created_at",
    "updated_at",
  ),
  project_organisation: keepAll("project_id", "organisation_id", "role"),
  project_sector: keepAll("project_id", "sector_code"),
  project_iati_sector: keepAll("project_id", "vocabulary", "code", "percentage", "sort_order"),
  project_community: keepAll("project_id", "community_code"),
  project_municipality: keepAll("project_id", "kas_code", "budget_share"),
  project_finance: keepAll("project_id", "year", "kind", "amount"),
  project_measure: keepAll("project_id", "measure_id"),
  project_contact: keepExcept(["id", "project_id", "organisation_name", "sort_order"], {
    name: "person_name",
    email: "email",
    phone: "phone",
  }),
  project_document: keepAll("id", "project_id", "kind", "title", "url", "sort_order"),
  project_result: keepAll("id", "project_id", "kind", "parent_id", "title", "description", "sort_order"),
  project_indicator: keepAll(
    "id",
    "result_id",
    "name",
    "unit",
    "baseline_value",
    "baseline_year",
    "disaggregations",
    "sort_order",
    "baseline_dimensions",
  ),
  project_indicator_period: keepAll(
    "id",
    "indicator_id",
    "period_start",
    "period_end",
    "target",
    "actual",
    "narrative",
    "disaggregation",
    "status",
    "submitted_at",
    "approved_at",
    "approved_by",
    "version",
    "dimension_values",
  ),
  project_comment: keepExcept(["id", "project_id", "period_id", "author_user_id", "created_at"], {
    author_label: { userLabel: "author_user_id" },
    body: "contact_text",
  }),
  project_overlap: keepExcept(
    [
      "project_a_id",
      "project_b_id",
      "score",
      "shared_municipalities",
      "shared_sectors",
      "shared_communities",
      "computed_at",
      "decision",
      "decided_by",
      "decided_at",
    ],
    {
      decided_by_label: { userLabel: "decided_by" },
      note: "contact_text",
    },
  ),
  project_import: { rows: "drop", why: "uploaded IATI files awaiting confirmation (transient; may name people)" },
  project_figures_cache: keepAll("filter_key", "figures", "computed_at", "generation"),
  project_figures_generation: keepAll("id", "generation"),
  project_generation: keepAll("id", "generation"),
  project_library_document: keepAll("project_id", "document_id", "linked_at"),

  // Community needs (0013, 0015, 0019): the case stays; the submitter and contact data in free text do not.
  need_case: keepExcept(
    [
      "id",
      "reference",
      "category",
      "kas_code",
      "settlement_id",
      "community_code",
      "submitted_locale",
      "status",
      "status_changed_at",
      "due_at",
      "assigned_organisation_id",
      "is_high_profile",
      "escalated_at",
      "merged_into_id",
      "submitted_by_user_id",
      "closed_at",
      ...EDITED_RECORD,
      "first_resolved_at",
    ],
    { tracking_hash: "token_hash", description: "contact_text" },
  ),
  need_submitter: keepExcept(["case_id", "is_anonymous", "contact_consent", "share_with_institution", "erased_at"], {
    name: "person_name",
    phone: "phone",
    email: "email",
  }),
  need_note: keepExcept(
    ["id", "case_id", "visibility", "author_kind", "author_user_id", "author_organisation_id", "created_at"],
    { body: "contact_text" },
  ),
  need_attachment: keepAll("id", "case_id", "file_id", "note_id", "uploaded_by", "created_at"),
  need_referral: keepExcept(
    [
      "id",
      "case_id",
      "organisation_id",
      "status",
      "referred_by",
      "responded_by",
      "created_at",
      "responded_at",
      "case_status",
      "case_due_at",
      "case_created_at",
    ],
    { message: "contact_text", response: "contact_text" },
  ),
  need_status_change: keepAll("id", "case_id", "from_status", "to_status", "actor_user_id", "created_at"),
  need_routing_rule: keepAll("id", "category", "kas_code", "organisation_id", "created_at"),
  need_digest_week: keepAll("week", "sent_at", "recipients"),
  need_case_status_count: keepAll("status", "n"),
  need_public_count: keepAll("dimension", "key", "n", "demo"),
  need_resolution_count: keepAll("tenths", "n"),

  // Reporting (0016): reports are the institutions' work and stay.
  reporting_cycle: keepAll(
    "id",
    "action_plan_id",
    "period_kind",
    "period_start",
    "period_end",
    "label",
    "deadline",
    "status",
    "version",
    "created_by",
    "created_at",
    "closed_at",
  ),
  reporting_task: keepAll(
    "id",
    "cycle_id",
    "organisation_id",
    "kas_code",
    "status",
    "first_submitted_at",
    "submitted_at",
    "approved_at",
    "reminded_before_at",
    "reminded_overdue_at",
    "version",
  ),
  measure_report: keepAll(
    "id",
    "cycle_id",
    "task_id",
    "measure_id",
    "status",
    "achievements",
    "achievements_locale",
    "challenges",
    "challenges_locale",
    "recommendations",
    "review_state",
    "reviewer_comment",
    "reviewed_by",
    "reviewed_at",
    "submitted_at",
    "updated_by",
    "updated_at",
    "version",
  ),
  indicator_value: keepAll("id", "measure_report_id", "indicator_id", "community_code", "gender", "value"),
  measure_spending: keepAll("measure_report_id", "source", "amount"),
  cso_observation: keepAll(
    "id",
    "cycle_id",
    "measure_id",
    "organisation_id",
    "author_user_id",
    "kind",
    "indicator_id",
    "body",
    "body_locale",
    "created_at",
  ),
  evidence: keepAll("id", "measure_report_id", "observation_id", "file_id", "url", "label", "created_by", "created_at"),
  measure_report_version: keepAll(
    "id",
    "measure_report_id",
    "version",
    "event",
    "snapshot",
    "comment",
    "actor_user_id",
    "created_at",
  ),
  reporting_report: keepAll(
    "id",
    "cycle_id",
    "locale",
    "coordination",
    "job_id",
    "docx_file_id",
    "xlsx_file_id",
    "created_by",
    "created_at",
    "compiled_at",
    "published_at",
  ),
};

/** Keys whose string values in audit diffs and job payloads are personal whatever they contain. */
export const PERSONAL_JSON_KEYS: ReadonlySet<string> = new Set([
  "name",
  "email",
  "phone",
  "to_address",
  "text_body",
  "subject",
  "submitter_name",
  "ip",
  "user_agent",
  "actor_label",
  "author_label",
  "decided_by_label",
  "original_name",
]);

/**
 * What the classification misses or has too much of, given a database's tables and columns:
 * tables or columns without a rule, and rules for tables or columns that no longer exist.
 */
export function unclassifiedColumns(schema: ReadonlyMap<string, readonly string[]>): {
  missing: string[];
  stale: string[];
} {
  const missing: string[] = [];
  const stale: string[] = [];
  for (const [table, columns] of schema) {
    const rule = PERSONAL_DATA[table];
    if (!rule) {
      missing.push(`${table} (whole table)`);
      continue;
    }
    if (rule.rows === "drop") continue;
    for (const column of columns) if (!(column in rule.columns)) missing.push(`${table}.${column}`);
    for (const column of Object.keys(rule.columns)) if (!columns.includes(column)) stale.push(`${table}.${column}`);
  }
  for (const table of Object.keys(PERSONAL_DATA)) if (!schema.has(table)) stale.push(`${table} (whole table)`);
  return { missing, stale };
}

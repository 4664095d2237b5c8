import type { Generated } from "kysely";
import type { EditedRecord, Timestamp } from "./columns.ts";

/** Tables of community needs and cases (issue 7). */

export const NEED_CATEGORIES = [
  "civil_registration",
  "education",
  "employment",
  "health",
  "housing_property",
  "social_assistance",
  "discrimination",
  "security",
  "return_reintegration",
  "other",
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_STATUSES = [
  "received",
  "in_review",
  "referred",
  "in_progress",
  "resolved",
  "rejected",
  "closed",
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export type NeedReferralStatus = "pending" | "accepted" | "returned" | "responded";

export interface NeedCaseTable extends EditedRecord {
  id: Generated<number>;
  reference: string;
  tracking_hash: string;
  category: NeedCategory;
  kas_code: string;
  settlement_id: number | null;
  community_code: string | null;
  description: string;
  submitted_locale: string;
  status: Generated<NeedStatus>;
  status_changed_at: Timestamp;
  due_at: Timestamp | null;
  assigned_organisation_id: number | null;
  is_high_profile: Generated<boolean>;
  escalated_at: Timestamp | null;
  merged_into_id: number | null;
  submitted_by_user_id: string | null;
  closed_at: Timestamp | null;
  /** The earliest change to "resolved", kept by triggers on need_status_change (migration 0035): never written by the application. */
  first_resolved_at: Generated<Timestamp | null>;
}

export interface NeedSubmitterTable {
  case_id: number;
  is_anonymous: Generated<boolean>;
  name: string | null;
  phone: string | null;
  email: string | null;
  contact_consent: Generated<boolean>;
  share_with_institution: Generated<boolean>;
  erased_at: Timestamp | null;
}

export interface NeedNoteTable {
  id: Generated<number>;
  case_id: number;
  visibility: "public" | "internal";
  author_kind: "user" | "submitter" | "system";
  author_user_id: string | null;
  author_organisation_id: number | null;
  body: string;
  created_at: Timestamp;
}

export interface NeedAttachmentTable {
  id: Generated<number>;
  case_id: number;
  file_id: string;
  note_id: number | null;
  uploaded_by: "submitter" | "user";
  created_at: Timestamp;
}

export interface NeedReferralTable {
  id: Generated<number>;
  case_id: number;
  organisation_id: number;
  status: Generated<NeedReferralStatus>;
  message: string | null;
  response: string | null;
  referred_by: string | null;
  responded_by: string | null;
  created_at: Timestamp;
  responded_at: Timestamp | null;
  /** A copy of the case's status, kept by triggers (migration 0053, decision 065). */
  case_status: Generated<NeedStatus>;
  /** A copy of the case's deadline, kept by triggers (migration 0053, decision 065). */
  case_due_at: Generated<Timestamp | null>;
  /** A copy of the case's submission time, kept by triggers (migration 0053, decision 065). */
  case_created_at: Generated<Timestamp>;
}

export interface NeedStatusChangeTable {
  id: Generated<number>;
  case_id: number;
  from_status: NeedStatus | null;
  to_status: NeedStatus;
  actor_user_id: string | null;
  created_at: Timestamp;
}

export interface NeedRoutingRuleTable {
  id: Generated<number>;
  category: NeedCategory;
  kas_code: string | null;
  organisation_id: number;
  created_at: Timestamp;
}

export interface NeedsTables {
  need_case: NeedCaseTable;
  need_submitter: NeedSubmitterTable;
  need_note: NeedNoteTable;
  need_attachment: NeedAttachmentTable;
  need_referral: NeedReferralTable;
  need_status_change: NeedStatusChangeTable;
  need_routing_rule: NeedRoutingRuleTable;
}

/** The weeks for which the briefing digest went out (migration 0015, the handling side). */
export interface NeedDigestWeekTable {
  week: string;
  sent_at: Timestamp;
  recipients: Generated<number>;
}

// Declaration merging: the handling side's table joins the module's tables.
export interface NeedsTables {
  need_digest_week: NeedDigestWeekTable;
}

/** Cases per status, kept by triggers in the transaction of every write (migration 0019, decision 021). */
export interface NeedCaseStatusCountTable {
  status: NeedStatus;
  n: string | number | bigint;
}

export interface NeedsTables {
  need_case_status_count: NeedCaseStatusCountTable;
}

/** The published dimensions' counts over cases not merged into another, kept by triggers (migration 0035, decision 044). */
export interface NeedPublicCountTable {
  dimension: "category" | "municipality" | "community" | "status";
  key: string;
  n: string | number | bigint;
  demo: string | number | bigint;
}

/** Cases by time from submission to first resolution, in buckets keyed by their lower bound in tenths of a day (migration 0035). */
export interface NeedResolutionCountTable {
  tenths: number;
  n: string | number | bigint;
}

export interface NeedsTables {
  need_public_count: NeedPublicCountTable;
  need_resolution_count: NeedResolutionCountTable;
}

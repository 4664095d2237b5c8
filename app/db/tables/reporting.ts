import type { Generated } from "kysely";
import type { Json, Timestamp } from "./columns.ts";
import type { BudgetSource } from "./strategies.ts";

export type CyclePeriodKind = "annual" | "half_year" | "other";
export type CycleStatus = "open" | "closed";
export type TaskStatus = "draft" | "submitted" | "returned" | "approved";
export type ImplementationStatus = "not_started" | "in_progress" | "completed" | "delayed" | "cancelled";
export type ReviewState = "draft" | "submitted" | "returned" | "approved";
export type Gender = "female" | "male";
export type ObservationKind = "confirm" | "dispute" | "comment";
export type ReportVersionEvent = "submitted" | "returned" | "approved";

export interface ReportingCycleTable {
  id: Generated<number>;
  action_plan_id: number;
  period_kind: CyclePeriodKind;
  /** ISO dates (yyyy-mm-dd). */
  period_start: string;
  period_end: string;
  label: string;
  deadline: string;
  status: Generated<CycleStatus>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReportingTaskTable {
  id: Generated<number>;
  cycle_id: number;
  organisation_id: number;
  kas_code: string | null;
  status: Generated<TaskStatus>;
  first_submitted_at: Timestamp | null;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  reminded_before_at: Timestamp | null;
  reminded_overdue_at: Timestamp | null;
  version: Generated<number>;
}

export interface MeasureReportTable {
  id: Generated<number>;
  cycle_id: number;
  task_id: number;
  measure_id: number;
  status: Generated<ImplementationStatus>;
  achievements: Generated<string>;
  achievements_locale: string | null;
  challenges: Generated<string>;
  challenges_locale: string | null;
  recommendations: Generated<string>;
  review_state: Generated<ReviewState>;
  reviewer_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  submitted_at: Timestamp | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

/**
 * The view `approved_measure_report` (migration 0040, decision 049): the measure reports whose review
 * is approved, with their cycle's label and period — the one read of approved figures. Read only.
 */
export interface ApprovedMeasureReportView {
  id: number;
  measure_id: number;
  cycle_id: number;
  task_id: number;
  status: ImplementationStatus;
  achievements: string;
  achievements_locale: string | null;
  challenges: string;
  challenges_locale: string | null;
  recommendations: string;
  reviewed_at: Timestamp | null;
  cycle_label: string;
  /** ISO dates (yyyy-mm-dd). */
  period_start: string;
  period_end: string;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  measure_report_id: number;
  indicator_id: number;
  community_code: string | null;
  gender: Gender | null;
  /** Decimal string (numeric). */
  value: string;
}

export interface MeasureSpendingTable {
  measure_report_id: number;
  source: BudgetSource;
  /** Euro, decimal string (numeric). */
  amount: string;
}

export interface CsoObservationTable {
  id: Generated<number>;
  cycle_id: number;
  measure_id: number;
  organisation_id: number;
  author_user_id: string | null;
  kind: ObservationKind;
  indicator_id: number | null;
  body: string;
  body_locale: string;
  created_at: Timestamp;
}

export interface EvidenceTable {
  id: Generated<number>;
  measure_report_id: number | null;
  observation_id: number | null;
  file_id: string | null;
  url: string | null;
  label: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MeasureReportVersionTable {
  id: Generated<number>;
  measure_report_id: number;
  version: number;
  event: ReportVersionEvent;
  snapshot: Json<unknown>;
  comment: string | null;
  actor_user_id: string | null;
  created_at: Timestamp;
}

export interface ReportingReportTable {
  id: Generated<number>;
  cycle_id: number;
  locale: "sq" | "sr" | "en";
  coordination: Generated<string>;
  job_id: number | null;
  docx_file_id: string | null;
  xlsx_file_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  compiled_at: Timestamp | null;
  published_at: Timestamp | null;
}

export interface ReportingTables {
  reporting_cycle: ReportingCycleTable;
  reporting_task: ReportingTaskTable;
  measure_report: MeasureReportTable;
  approved_measure_report: ApprovedMeasureReportView;
  indicator_value: IndicatorValueTable;
  measure_spending: MeasureSpendingTable;
  cso_observation: CsoObservationTable;
  evidence: EvidenceTable;
  measure_report_version: MeasureReportVersionTable;
  reporting_report: ReportingReportTable;
}

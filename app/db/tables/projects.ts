/** Tables of donor projects and results frameworks (issue 6). */
import type { Generated } from "kysely";
import type { ContentLocale, Json, JsonWithDefault, Timestamp, TranslatedText } from "./columns.ts";

/** IATI activity status, by name (IATI codes 1–6 in that order). */
export type ProjectActivityStatus =
  "pipeline" | "implementation" | "finalisation" | "closed" | "cancelled" | "suspended";
/** Where a project stands with the Office: only validated projects are public. */
export type ProjectValidationStatus = "draft" | "submitted" | "validated";
/** How an organisation takes part (IATI roles 1 funding, 2 accountable, 3 extending, 4 implementing; partner is the platform's own). */
export type ProjectOrganisationRole = "funding" | "accountable" | "extending" | "implementing" | "partner";
export type ProjectFinanceKind = "commitment" | "disbursement";
export type ProjectResultKind = "outcome" | "output";
export type ProjectIndicatorUnit = "count" | "percent" | "amount" | "number";
export type ProjectDisaggregation = "community" | "gender" | "beneficiary_type";
export type ProjectPeriodStatus = "draft" | "submitted" | "approved";
export type ProjectOverlapDecision = "duplicate" | "complementary" | "unrelated";

/** One IATI dimension (any name/value pair a publisher uses: sex, age, community, disability…). */
export interface IatiDimension {
  name: string;
  value: string;
}

/** A disaggregated target, actual or baseline exactly as the IATI file gave it, with all its dimensions. */
export interface DimensionValue {
  kind: "target" | "actual";
  value: number;
  dimensions: IatiDimension[];
}

/** A disaggregated baseline as the IATI file gave it. */
export interface BaselineDimensionValue {
  value: number;
  dimensions: IatiDimension[];
}

/** One figure of a disaggregated actual value: dimension, category, value. */
export interface DisaggregatedValue {
  dimension: ProjectDisaggregation;
  category: string;
  value: number;
}

export interface ProjectTable {
  id: Generated<number>;
  iati_identifier: string | null;
  title: Json<TranslatedText>;
  description: JsonWithDefault<TranslatedText>;
  original_locale: Generated<ContentLocale>;
  /** The organisation that registered the project and keeps it up to date (the IATI reporting organisation). */
  owner_organisation_id: number;
  activity_status: ProjectActivityStatus;
  validation_status: Generated<ProjectValidationStatus>;
  /** ISO dates (yyyy-mm-dd). */
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  /** Decimal string (numeric), in `currency`. */
  budget: string | null;
  currency: Generated<string>;
  /** Normalised title and description (normaliseForSearch), compared with pg_trgm to score overlaps. */
  match_text: Generated<string>;
  submitted_at: Timestamp | null;
  validated_at: Timestamp | null;
  validated_by: string | null;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectOrganisationTable {
  project_id: number;
  organisation_id: number;
  role: ProjectOrganisationRole;
}

export interface ProjectSectorTable {
  project_id: number;
  sector_code: string;
}

export interface ProjectCommunityTable {
  project_id: number;
  community_code: string;
}

export interface ProjectMunicipalityTable {
  project_id: number;
  kas_code: string;
  /** Share of the budget spent in this municipality, in percent (decimal string), when the donor gave it. */
  budget_share: string | null;
}

export interface ProjectFinanceTable {
  project_id: number;
  year: number;
  kind: ProjectFinanceKind;
  /** Decimal string, in the project's currency. */
  amount: string;
}

export interface ProjectMeasureTable {
  project_id: number;
  measure_id: number;
}

export interface ProjectContactTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  organisation_name: string | null;
  email: string | null;
  phone: string | null;
  sort_order: Generated<number>;
}

export interface ProjectDocumentTable {
  id: Generated<number>;
  project_id: number;
  kind: "document" | "photo";
  title: string;
  url: string;
  sort_order: Generated<number>;
}

export interface ProjectResultTable {
  id: Generated<number>;
  project_id: number;
  kind: ProjectResultKind;
  /** The outcome an output contributes to (null for outcomes). */
  parent_id: number | null;
  title: Json<TranslatedText>;
  description: JsonWithDefault<TranslatedText>;
  sort_order: Generated<number>;
}

export interface ProjectIndicatorTable {
  id: Generated<number>;
  result_id: number;
  name: Json<TranslatedText>;
  unit: ProjectIndicatorUnit;
  baseline_value: string | null;
  baseline_year: number | null;
  disaggregations: Generated<ProjectDisaggregation[]>;
  /** Disaggregated baselines as given by an IATI file (value and dimensions). */
  baseline_dimensions: JsonWithDefault<BaselineDimensionValue[]>;
  sort_order: Generated<number>;
}

export interface ProjectIndicatorPeriodTable {
  id: Generated<number>;
  indicator_id: number;
  period_start: string;
  period_end: string;
  target: string | null;
  actual: string | null;
  narrative: JsonWithDefault<TranslatedText>;
  disaggregation: JsonWithDefault<DisaggregatedValue[]>;
  /** Every disaggregated target and actual with all its dimensions as an IATI file gave them. */
  dimension_values: JsonWithDefault<DimensionValue[]>;
  status: Generated<ProjectPeriodStatus>;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  version: Generated<number>;
}

export interface ProjectCommentTable {
  id: Generated<number>;
  project_id: number;
  period_id: number | null;
  author_user_id: string | null;
  author_label: string;
  body: string;
  created_at: Timestamp;
}

export interface ProjectOverlapTable {
  project_a_id: number;
  project_b_id: number;
  score: number;
  shared_municipalities: string[];
  shared_sectors: string[];
  shared_communities: string[];
  computed_at: Timestamp;
  decision: ProjectOverlapDecision | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Timestamp | null;
  note: string | null;
}

/** An uploaded IATI file waiting for its uploader to confirm the import (kept a day at most). */
export interface ProjectImportTable {
  id: string;
  user_id: string;
  file_name: string;
  xml: string;
  /** The importer's decisions on organisations the registry did not match (see OrganisationDecision). */
  decisions: JsonWithDefault<Record<string, unknown>>;
  /** The background job running a large import, once confirmed. */
  job_id: number | null;
  created_at: Timestamp;
}

/** The sector codes of a project as an IATI file gave them. */
export interface ProjectIatiSectorTable {
  project_id: number;
  vocabulary: string;
  code: string;
  percentage: string | null;
  sort_order: Generated<number>;
}

/** The 3W figures of one filter, valid while `project_figures_generation` is unchanged (decision 022). */
export interface ProjectFiguresCacheTable {
  filter_key: string;
  /** The `project_figures_generation` the figures were computed at. */
  generation: string;
  figures: Json<unknown>;
  computed_at: Timestamp;
}

/** One row: bumped by statement-level triggers on every write to the project tables (decision 022). */
export interface ProjectFiguresGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/** The projects' generation (migration 0065): bumped by triggers on every table of a project's public record (decision 079). */
export interface ProjectGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/** A library document linked to a project by its editors. */
export interface ProjectLibraryDocumentTable {
  project_id: number;
  document_id: number;
  linked_at: Generated<Timestamp>;
}

export interface ProjectTables {
  project: ProjectTable;
  project_organisation: ProjectOrganisationTable;
  project_sector: ProjectSectorTable;
  project_community: ProjectCommunityTable;
  project_municipality: ProjectMunicipalityTable;
  project_finance: ProjectFinanceTable;
  project_measure: ProjectMeasureTable;
  project_contact: ProjectContactTable;
  project_document: ProjectDocumentTable;
  project_result: ProjectResultTable;
  project_indicator: ProjectIndicatorTable;
  project_indicator_period: ProjectIndicatorPeriodTable;
  project_comment: ProjectCommentTable;
  project_overlap: ProjectOverlapTable;
  project_import: ProjectImportTable;
  project_iati_sector: ProjectIatiSectorTable;
  project_figures_cache: ProjectFiguresCacheTable;
  project_figures_generation: ProjectFiguresGenerationTable;
  project_generation: ProjectGenerationTable;
  project_library_document: ProjectLibraryDocumentTable;
}

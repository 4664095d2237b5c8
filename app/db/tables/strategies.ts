import type { Generated } from "kysely";
import type { ContentLocale, EditedRecord, Json, JsonWithDefault, Timestamp, TranslatedText } from "./columns.ts";

export type StrategyStatus = "draft" | "adopted" | "closed";
export type ActionPlanKind = "national" | "local";
export type BudgetSource = "government" | "municipality" | "donor";
export type IndicatorUnit = "count" | "percent" | "amount" | "number";
export type IndicatorDirection = "increase" | "decrease" | "maintain";

export interface StrategyTable extends EditedRecord {
  id: Generated<number>;
  slug: string;
  title: Json<TranslatedText>;
  summary: JsonWithDefault<TranslatedText>;
  original_locale: Generated<ContentLocale>;
  period_start_year: number;
  period_end_year: number;
  owner_organisation_id: number;
  status: Generated<StrategyStatus>;
  adopted_at: Timestamp | null;
}

export interface StrategyDocumentTable {
  id: Generated<number>;
  strategy_id: number;
  title: Json<TranslatedText>;
  locale: ContentLocale;
  file_id: string | null;
  url: string | null;
  sort_order: Generated<number>;
}

export interface ActionPlanTable extends EditedRecord {
  id: Generated<number>;
  strategy_id: number;
  kind: ActionPlanKind;
  /** The municipality of a local plan; null for the national plan. */
  kas_code: string | null;
  code: string;
  title: Json<TranslatedText>;
  original_locale: Generated<ContentLocale>;
  period_start_year: number;
  period_end_year: number;
  status: Generated<StrategyStatus>;
  adopted_at: Timestamp | null;
  revision: Generated<number>;
}

export interface PlanSectorTable {
  id: Generated<number>;
  action_plan_id: number;
  sector_code: string;
  sort_order: Generated<number>;
}

export interface ObjectiveTable {
  id: Generated<number>;
  action_plan_id: number;
  plan_sector_id: number;
  code: string;
  title: Json<TranslatedText>;
  description: JsonWithDefault<TranslatedText>;
  sort_order: Generated<number>;
}

export interface MeasureTable extends EditedRecord {
  id: Generated<number>;
  action_plan_id: number;
  objective_id: number;
  code: string;
  title: Json<TranslatedText>;
  description: JsonWithDefault<TranslatedText>;
  responsible_organisation_id: number;
  /** ISO dates (yyyy-mm-dd). */
  start_date: string;
  end_date: string;
  implements_measure_id: number | null;
  /**
   * The measure's sector, a sector of its own plan (decision 045): an objective may span sectors.
   * Written without one, a measure takes its objective's (a trigger); it moves with its objective
   * when it was in the objective's sector.
   */
  plan_sector_id: Generated<number>;
  sort_order: Generated<number>;
}

export interface MeasureSupportingOrganisationTable {
  measure_id: number;
  organisation_id: number;
}

export interface MeasureCommunityTable {
  measure_id: number;
  community_code: string;
}

export interface MeasureBudgetTable {
  measure_id: number;
  year: number;
  source: BudgetSource;
  /** Euro, as a decimal string (numeric). */
  amount: string;
}

export interface IndicatorTable {
  id: Generated<number>;
  measure_id: number;
  code: string;
  name: Json<TranslatedText>;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  /** Decimal string (numeric) or null. */
  baseline_value: string | null;
  baseline_year: number | null;
  by_community: Generated<boolean>;
  by_gender: Generated<boolean>;
  sort_order: Generated<number>;
  /** Invented demo content (migration 0008). */
  is_demo: Generated<boolean>;
}

export interface IndicatorTargetTable {
  indicator_id: number;
  year: number;
  value: string;
}

export interface ActionPlanRevisionTable {
  id: Generated<number>;
  action_plan_id: number;
  revision: number;
  reason: string;
  snapshot: Json<unknown>;
  created_by: string | null;
  created_at: Timestamp;
}

/** One row: bumped by statement-level triggers on every write the public strategy figures depend on (decision 044). */
export interface StrategyFiguresGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/** One row: bumped by statement-level triggers on the other tables the public strategy pages show (decision 070). */
export interface StrategyPagesGenerationTable {
  id: Generated<boolean>;
  generation: string;
}

/**
 * The view `plan_measure` (migration 0058, decisions 049 and 050): every measure with its plan's kind,
 * municipality and strategy and its sector — the plans module's published read of its measures for
 * other modules (the roll-up, the annual report). Read only.
 */
export interface PlanMeasureView {
  id: number;
  code: string;
  title: Json<TranslatedText>;
  action_plan_id: number;
  objective_id: number;
  plan_sector_id: number;
  implements_measure_id: number | null;
  sort_order: number;
  plan_kind: ActionPlanKind;
  /** The municipality of a local plan; null for the national plan. */
  kas_code: string | null;
  strategy_id: number;
  sector_code: string;
  /** The sector's place in its plan. */
  sector_sort_order: number;
}

export interface StrategyTables {
  strategy: StrategyTable;
  strategy_document: StrategyDocumentTable;
  action_plan: ActionPlanTable;
  plan_sector: PlanSectorTable;
  objective: ObjectiveTable;
  measure: MeasureTable;
  plan_measure: PlanMeasureView;
  measure_supporting_organisation: MeasureSupportingOrganisationTable;
  measure_community: MeasureCommunityTable;
  measure_budget: MeasureBudgetTable;
  indicator: IndicatorTable;
  indicator_target: IndicatorTargetTable;
  action_plan_revision: ActionPlanRevisionTable;
  strategy_figures_generation: StrategyFiguresGenerationTable;
  strategy_pages_generation: StrategyPagesGenerationTable;
}

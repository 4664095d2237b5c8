import { bumpTriggersOn, generationMigration } from "./shared/generation-table.ts";

/**
 * The public strategy pages' generation (issue 18, decision 070): one number, bumped in the writing
 * transaction by statement-level triggers on every table those pages show that none of the other
 * generations follows — the strategies' documents, the library's documents and their links to
 * measures (a strategy's published reports), and the measure page's indicators, targets, reported
 * values, communities, supporting organisations and civil society's disputes with their evidence.
 * The strategy, plan and measure pages keep what they built with this generation and the strategy
 * figures', reference data's and organisations' generations read before building it, and use it
 * while all four are unchanged, so a write through any path, on any instance, is seen at the next
 * request. Indicator values and observations are written during a reporting season whatever their
 * review: each such write makes the measure pages be built once more, at what they cost before.
 */
const TABLES = [
  "strategy_document",
  "library_document",
  "library_document_measure",
  "indicator",
  "indicator_target",
  "indicator_value",
  "measure_community",
  "measure_supporting_organisation",
  "cso_observation",
  "evidence",
] as const;

const TRIGGERS = bumpTriggersOn(TABLES, "strategy_pages_bump");

export const { up, down } = generationMigration(
  "strategy_pages_generation",
  "strategy_pages_generation_bump",
  TRIGGERS,
);

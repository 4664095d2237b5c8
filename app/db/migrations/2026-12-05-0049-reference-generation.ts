import { bumpTriggersOn, generationMigration } from "./shared/generation-table.ts";

/**
 * The reference data's generation (issue 18): one number, bumped in the writing transaction by
 * statement-level triggers on every reference table (municipalities and their census figures,
 * settlements, communities, sectors, organisation types). Today only migrations write them; a process
 * keeps what it derived from them (the API's municipality list) with the generation it read before
 * deriving it, and uses it while the stored generation is unchanged, so that a write through any
 * path, on any instance, is seen at the next request.
 */
const REFERENCE_TABLES = [
  "municipality",
  "municipality_population",
  "settlement",
  "community",
  "sector",
  "organisation_type",
] as const;

const TRIGGERS = bumpTriggersOn(REFERENCE_TABLES, "reference_bump");

export const { up, down } = generationMigration("reference_generation", "reference_generation_bump", TRIGGERS);

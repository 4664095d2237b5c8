import { bumpTriggersOn, generationMigration } from "./shared/generation-table.ts";

/**
 * The projects' generation (issue 18, decision 079): one number, bumped in the writing transaction by
 * statement-level triggers on every table a project's public record is read from — the project and its
 * sectors, communities, measures, municipalities, organisations, finance, contacts, documents and IATI
 * sectors — through any path (the projects commands, the IATI import, the demo seed, a benchmark's
 * generator, a cascade from a deleted measure or organisation, `psql`). The API's list of projects keeps each
 * answer with this generation and the organisations' (migration 0052), read before it is made, so a write
 * on any instance is seen at the next request. `project_figures_generation` (migration 0020) stays what the
 * 3W figures depend on: contacts, documents and IATI sectors do not change them.
 */
const TABLES = [
  "project",
  "project_sector",
  "project_community",
  "project_measure",
  "project_municipality",
  "project_organisation",
  "project_finance",
  "project_contact",
  "project_document",
  "project_iati_sector",
];

const TRIGGERS = bumpTriggersOn(TABLES, "generation_bump");

export const { up, down } = generationMigration("project_generation", "project_generation_bump", TRIGGERS);

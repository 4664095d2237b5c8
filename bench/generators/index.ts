import type { EntityGenerator } from "./generator.ts";
import { jobsGenerator } from "./jobs.ts";
import { needCasesGenerator } from "./need-cases.ts";
import { projectsGenerator } from "./projects.ts";
import { newsItemsGenerator } from "./news-items.ts";
import {
  caseHistoryGenerator,
  eventsGenerator,
  libraryGenerator,
  opportunitiesGenerator,
  organisationsGenerator,
  projectResultsGenerator,
  servicesGenerator,
  strategyGenerator,
  usersGenerator,
} from "./platform.ts";
import { storedFilesGenerator } from "./stored-files.ts";

/**
 * Every entity generator, keyed by entity name, in the order they run: a generator may use the
 * ids of those above it (`context.ids`). A module that adds tables adds its generator here,
 * after the ones it refers to (see bench/README.md, "Adding a generator").
 */
export const ENTITY_GENERATORS: Record<string, EntityGenerator> = {
  news_item: newsItemsGenerator,
  job: jobsGenerator,
  stored_file: storedFilesGenerator,
  need_case: needCasesGenerator,
  project: projectsGenerator,
};

/**
 * The rest of the platform, for `npm run bench:data` (the whole-platform dataset): run after
 * ENTITY_GENERATORS, whose ids they use. `npm run bench` does not need them.
 */
export const PLATFORM_GENERATORS: Record<string, EntityGenerator> = {
  organisation: organisationsGenerator,
  person: usersGenerator,
  strategy: strategyGenerator,
  need_case_history: caseHistoryGenerator,
  project_result: projectResultsGenerator,
  library_document: libraryGenerator,
  event: eventsGenerator,
  service: servicesGenerator,
  opportunity: opportunitiesGenerator,
};

/** Every generator, in run order (clearing goes in reverse). */
export const ALL_GENERATORS: Record<string, EntityGenerator> = { ...ENTITY_GENERATORS, ...PLATFORM_GENERATORS };

/**
 * Rows per "Kosovo ×1" of the whole-platform dataset where it differs from a generator's own
 * `perScale` (issue 18: ×10 is 20,000 projects and 200,000 cases).
 */
export const PLATFORM_PER_SCALE: Readonly<Record<string, number>> = { project: 2_000, need_case: 20_000 };

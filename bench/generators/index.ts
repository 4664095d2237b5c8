import type { EntityGenerator } from "./generator.ts";
import { jobsGenerator } from "./jobs.ts";
import { needCasesGenerator } from "./need-cases.ts";
import { projectsGenerator } from "./projects.ts";
import { newsItemsGenerator } from "./news-items.ts";
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

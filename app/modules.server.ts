import type { Db } from "#app/db/client.server.ts";
import { runDemoSeeders } from "#app/db/seed/demo.server.ts";
import type { FileStore, FileOwnerLookup } from "#app/services/files.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import type {
  ApiRegistration,
  DemoSeeder,
  ModuleJobContext,
  ServerModuleManifest,
  TaskProvider,
} from "#app/services/module-contract.ts";
import type { PageSectionRegistry } from "#app/services/page-sections.ts";
import type { Schedule } from "#app/services/scheduler.server.ts";
import { MODULES } from "./modules.ts";

/*
 * The server halves of the modules listed in app/modules.ts (decision 034), and the registries the
 * host derives from them. Loaded once per process, on first use; nothing here is imported by the
 * route build or a browser bundle.
 */

/** A module's server half, with the module's name. */
export interface LoadedServerModule extends ServerModuleManifest {
  name: string;
}

let loading: Promise<readonly LoadedServerModule[]> | undefined;

/** Every module's server half, in the order of MODULES (modules without one give an empty half). */
export function loadServerModules(): Promise<readonly LoadedServerModule[]> {
  loading ??= Promise.all(
    MODULES.map(async (module) => ({ name: module.name, ...(module.server ? (await module.server()).default : {}) })),
  );
  return loading;
}

/** The API registrations in registration order (by position). */
export function apiRegistrationsOf(modules: readonly LoadedServerModule[]): ApiRegistration[] {
  return modules.flatMap((module) => module.api ?? []).sort((a, b) => a.position - b.position);
}

/** Every module's job handlers, by job kind. A kind declared twice is a programming error. */
export function jobHandlersOf(
  modules: readonly LoadedServerModule[],
  context: ModuleJobContext,
): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const module of modules) {
    for (const [kind, handler] of Object.entries(module.jobs?.(context) ?? {})) {
      if (kind in handlers) throw new Error(`Job kind ${kind} is declared twice (module ${module.name}).`);
      handlers[kind] = handler;
    }
  }
  return handlers;
}

/** Every module's periodic jobs. */
export function schedulesOf(modules: readonly LoadedServerModule[]): Schedule[] {
  return modules.flatMap((module) => module.schedules ?? []);
}

/** Every module's file-owner lookups (decision 025). */
export function fileOwnersOf(modules: readonly LoadedServerModule[]): FileOwnerLookup[] {
  return modules.flatMap((module) => module.fileOwners ?? []);
}

/** The sections modules add to other modules' pages, by page, in page order (decision 049). */
export function pageSectionsOf(modules: readonly LoadedServerModule[]): PageSectionRegistry {
  return {
    municipality: modules
      .flatMap((module) => module.pageSections?.municipality ?? [])
      .sort((a, b) => a.position - b.position),
  };
}

/** Every module's task provider, for the dashboard. */
export async function taskProviders(): Promise<TaskProvider[]> {
  return (await loadServerModules()).flatMap((module) => module.tasks ?? []);
}

/** The demo seeders: every module's content in the order of MODULES, then, unless `story` is false, every module's story. */
export async function demoSeeders({ story = true }: { story?: boolean } = {}): Promise<DemoSeeder[]> {
  const modules = await loadServerModules();
  const content = modules.flatMap((module) => (module.demo?.content ? [module.demo.content] : []));
  const stories = story ? modules.flatMap((module) => (module.demo?.story ? [module.demo.story] : [])) : [];
  return [...content, ...stories];
}

/**
 * Seeds the demo content: the Office's mandate (About page) and the news items of seeds 000–002,
 * each module's demo content and, unless `story` is false (tests written against the smaller demo),
 * the invented story (decision 030). All-or-nothing.
 */
export async function seedDemoContent(
  db: Db,
  options: { files?: FileStore | null; now?: Date; story?: boolean } = {},
): Promise<void> {
  await runDemoSeeders(db, await demoSeeders({ story: options.story }), {
    files: options.files ?? null,
    now: options.now ?? new Date(),
  });
}

import { WORKSPACE_SECTIONS } from "#app/modules.ts";
import { loadServerModules, pageSectionsOf, taskProviders } from "#app/modules.server.ts";
import type { PageSectionRegistry } from "#app/services/page-sections.ts";
import type { WorkspaceRegistry } from "#app/services/workspace-contract.ts";

/** The modules' server halves, loaded once at start for the host's registries (app/modules.server.ts). */
export const SERVER_MODULES = await loadServerModules();

/** What the workspace shell gets from the modules, handed to it in every request's context (`ServerContext.workspace`). */
export const WORKSPACE_REGISTRY: WorkspaceRegistry = {
  sections: WORKSPACE_SECTIONS,
  taskProviders: await taskProviders(),
};

/** The sections modules add to other modules' pages, handed to the pages in every request's context (`ServerContext.pageSections`, decision 049). */
export const PAGE_SECTIONS: PageSectionRegistry = pageSectionsOf(SERVER_MODULES);

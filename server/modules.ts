import { WORKSPACE_SECTIONS } from "#app/modules.ts";
import { loadServerModules, taskProviders } from "#app/modules.server.ts";
import type { WorkspaceRegistry } from "#app/services/workspace-contract.ts";

/** The modules' server halves, loaded once at start for the host's registries (app/modules.server.ts). */
export const SERVER_MODULES = await loadServerModules();

/** What the workspace shell gets from the modules, handed to it in every request's context (`ServerContext.workspace`). */
export const WORKSPACE_REGISTRY: WorkspaceRegistry = { sections: WORKSPACE_SECTIONS, taskProviders: await taskProviders() };

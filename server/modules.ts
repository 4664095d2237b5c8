import { loadServerModules } from "#app/modules.server.ts";

/** The modules' server halves, loaded once at start for the host's registries (app/modules.server.ts). */
export const SERVER_MODULES = await loadServerModules();

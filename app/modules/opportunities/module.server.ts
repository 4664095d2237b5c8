import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerOpportunitiesApi } from "./opportunities.api.ts";

/** The server half of the opportunities manifest: `/api/v1/opportunities`, right after the services (position 31). */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 32, register: registerOpportunitiesApi }],
};
export default serverManifest;

import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerOpportunitiesApi } from "./opportunities/opportunities.api.ts";
import { registerServicesApi } from "./services/services.api.ts";

/** The server half of the clearing house's manifest: `/api/v1/services` and `/api/v1/opportunities`, right after the events (position 30). */
const serverManifest: ServerModuleManifest = {
  api: [
    { position: 31, register: registerServicesApi },
    { position: 32, register: registerOpportunitiesApi },
  ],
};
export default serverManifest;

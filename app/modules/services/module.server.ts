import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerServicesApi } from "./services.api.ts";

/** The server half of the services manifest: `/api/v1/services`, right after the events (position 30). */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 31, register: registerServicesApi }],
};
export default serverManifest;

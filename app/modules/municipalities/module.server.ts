import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerMunicipalitiesApi } from "./municipalities.api.ts";

/** The server half of the municipalities manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 10, register: registerMunicipalitiesApi }],
};
export default serverManifest;

import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerReferenceApi } from "./reference.api.ts";

/** The server half of the reference manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 20, register: registerReferenceApi }],
};
export default serverManifest;

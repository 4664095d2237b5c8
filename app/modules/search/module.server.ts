import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerSearchApi } from "./search.api.ts";

/** The server half of the search manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 40, register: registerSearchApi }],
};
export default serverManifest;

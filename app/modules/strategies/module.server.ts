import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerStrategiesApi } from "./strategies.api.ts";
import { seedStrategiesDemo } from "./strategies.seed.server.ts";

/** The server half of the strategies manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 70, register: registerStrategiesApi }],
  demo: { content: seedStrategiesDemo },
};
export default serverManifest;

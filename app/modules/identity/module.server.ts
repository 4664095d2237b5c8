import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { identityJobHandlers } from "./identity.jobs.server.ts";
import { identityTasks } from "./identity.tasks.server.ts";

/** The server half of the identity manifest. */
const serverManifest: ServerModuleManifest = {
  jobs: ({ db }) => identityJobHandlers(db),
  tasks: [identityTasks],
};
export default serverManifest;

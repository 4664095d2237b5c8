import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { planImportHandlers } from "./plan-import-job.server.ts";
import { registerPlanningApi } from "./planning.api.ts";
import { strategyDocumentOwners } from "./strategy-documents.server.ts";

/** The server half of the planning manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 50, register: registerPlanningApi }],
  jobs: ({ db, files }) => planImportHandlers(db, files),
  fileOwners: [strategyDocumentOwners],
};
export default serverManifest;

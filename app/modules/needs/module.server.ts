import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { NEEDS_SCHEDULES, needsHandlingJobHandlers } from "./needs.escalation.server.ts";
import { caseAttachmentOwners } from "./needs.privacy.server.ts";
import { registerNeedsApi } from "./needs.api.ts";
import { seedDemoNeeds } from "./needs.seed.ts";
import { needsTasks } from "./needs.tasks.server.ts";

/** The server half of the needs manifest. */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 60, register: registerNeedsApi }],
  jobs: ({ db, publicUrl, needsRetentionMonths, files }) =>
    needsHandlingJobHandlers({ db, publicUrl, retentionMonths: needsRetentionMonths, files }),
  schedules: NEEDS_SCHEDULES,
  tasks: [needsTasks],
  demo: { content: seedDemoNeeds },
  fileOwners: [caseAttachmentOwners],
};
export default serverManifest;

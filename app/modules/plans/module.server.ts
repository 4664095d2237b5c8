import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { keptMunicipalityPlansSection } from "./local-plan-summaries.server.ts";
import { planImportHandlers } from "./planning/plan-import-job.server.ts";
import { registerPlanningApi } from "./planning/planning.api.ts";
import { strategyDocumentOwners } from "./planning/strategy-documents.server.ts";
import { registerStrategiesApi } from "./strategies/strategies.api.ts";
import { seedStrategiesDemo } from "./strategies.seed.server.ts";

/**
 * The server half of the plans manifest: the plan tree API (position 50) and the public strategies
 * and measures API (position 70) of the OpenAPI document, the Excel import job, the owners of
 * strategy documents, the demo strategies and the local action plans section of the municipality
 * page (decision 049), kept per generation of the strategy figures (decision 058).
 */
const serverManifest: ServerModuleManifest = {
  api: [
    { position: 50, register: registerPlanningApi },
    { position: 70, register: registerStrategiesApi },
  ],
  jobs: ({ db, files }) => planImportHandlers(db, files),
  fileOwners: [strategyDocumentOwners],
  demo: { content: seedStrategiesDemo },
  pageSections: {
    municipality: [
      {
        key: "plans.local-plans",
        position: 10,
        load: (db, { locale, kasCode }) => keptMunicipalityPlansSection(db, locale, kasCode),
      },
    ],
  },
};
export default serverManifest;

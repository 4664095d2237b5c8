import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerIatiApi } from "./iati.api.ts";
import { iatiImportHandlers } from "./iati-import-job.server.ts";
import { registerProjectsApi } from "./projects.api.ts";
import { seedDemoPortfolio } from "./projects.demo-portfolio.server.ts";
import { seedDemoProjects } from "./projects.seed.server.ts";
import { projectsTasks } from "./projects.tasks.server.ts";

/** The server half of the projects manifest. */
const serverManifest: ServerModuleManifest = {
  api: [
    { position: 80, register: registerProjectsApi },
    { position: 81, register: registerIatiApi },
  ],
  jobs: ({ db }) => iatiImportHandlers(db),
  tasks: [projectsTasks],
  demo: { content: seedDemoProjects, story: (trx, { now }) => seedDemoPortfolio(trx, now) },
};
export default serverManifest;

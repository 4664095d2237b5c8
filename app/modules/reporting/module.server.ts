import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { compileReportHandlers } from "./annual-report.server.ts";
import { REPORTING_SCHEDULES, reminderHandlers } from "./reminders.server.ts";
import { reportingFileOwners } from "./reporting-files.server.ts";
import { seedReportingDemo } from "./reporting.seed.server.ts";
import { reportingTasks } from "./reporting.tasks.server.ts";

/** The server half of the reporting manifest. */
const serverManifest: ServerModuleManifest = {
  jobs: ({ db, files, publicUrl }) => ({ ...compileReportHandlers(db, files), ...reminderHandlers(db, publicUrl) }),
  schedules: REPORTING_SCHEDULES,
  tasks: [reportingTasks],
  demo: { story: seedReportingDemo },
  fileOwners: [reportingFileOwners],
};
export default serverManifest;

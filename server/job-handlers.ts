import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { planImportHandlers } from "#app/modules/planning/plan-import-job.server.ts";
import { mailDeliveryHandlers, type MailTransport } from "#app/services/mail.server.ts";
import { NEEDS_SCHEDULES, needsHandlingJobHandlers } from "#app/modules/needs/needs.escalation.server.ts";
import type { Schedule } from "#app/services/scheduler.server.ts";
import { loadConfig } from "./config.ts";
import { libraryJobHandlers } from "#app/modules/library/library.jobs.server.ts";
import { compileReportHandlers } from "#app/modules/reporting/annual-report.server.ts";
import { REPORTING_SCHEDULES, reminderHandlers } from "#app/modules/reporting/reminders.server.ts";
import { identityJobHandlers } from "#app/modules/identity/identity.jobs.server.ts";
import { iatiImportHandlers } from "#app/modules/projects/iati-import-job.server.ts";

/** What job handlers may use. */
export interface JobDependencies {
  db: Db;
  files: FileStore;
  mailTransport: MailTransport | null;
  logger: Logger;
  /** The public base URL (for links in e-mails). */
  publicUrl: string;
}

/**
 * Every background job kind and its handler, by module. Listed explicitly, like the routes: a
 * module with background work adds its handlers here.
 */
export function jobHandlers(deps: JobDependencies): Record<string, JobHandler> {
  return {
    ...mailDeliveryHandlers(deps.db, deps.mailTransport),
    // later modules: add their handlers below this line
    ...needsHandlingJobHandlers({ db: deps.db, publicUrl: deps.publicUrl, retentionMonths: loadConfig().needsRetentionMonths, files: deps.files }),
    ...libraryJobHandlers(deps),
    ...planImportHandlers(deps.db, deps.files),
    ...compileReportHandlers(deps.db, deps.files),
    ...reminderHandlers(deps.db, deps.publicUrl),
    ...identityJobHandlers(deps.db),
    ...iatiImportHandlers(deps.db),
  };
}

/** Job kinds run periodically (app/services/scheduler.server.ts), by module. */
export const PERIODIC_JOBS: readonly Schedule[] = [
  // later modules: add their periodic jobs below this line
  ...REPORTING_SCHEDULES,
  ...NEEDS_SCHEDULES,
];

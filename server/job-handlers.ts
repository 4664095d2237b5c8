import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { mailDeliveryHandlers, type MailTransport } from "#app/services/mail.server.ts";
import { compileReportHandlers } from "#app/modules/reporting/annual-report.server.ts";
import { reminderHandlers } from "#app/modules/reporting/reminders.server.ts";

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
    ...compileReportHandlers(deps.db, deps.files),
    ...reminderHandlers(deps.db, deps.publicUrl),
  };
}

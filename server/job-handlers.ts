import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { planImportHandlers } from "#app/modules/planning/plan-import-job.server.ts";
import { mailDeliveryHandlers, type MailTransport } from "#app/services/mail.server.ts";

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
    ...planImportHandlers(deps.db, deps.files),
  };
}

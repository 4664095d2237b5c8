import type { Logger } from "pino";
import type { Db } from "#app/db/client.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { mailDeliveryHandlers, type MailTransport } from "#app/services/mail.server.ts";
import path from "node:path";
import { NEEDS_SCHEDULES, needsHandlingJobHandlers } from "#app/modules/needs/needs.escalation.server.ts";
import type { Schedule } from "#app/services/scheduler.server.ts";
import { loadConfig } from "./config.ts";
import { libraryJobHandlers } from "#app/modules/library/library.jobs.server.ts";

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
    ...needsHandlingJobHandlers({ db: deps.db, publicUrl: deps.publicUrl, retentionMonths: loadConfig().needsRetentionMonths, filesRoot: path.join(loadConfig().dataDir, "files") }),
    ...libraryJobHandlers(deps),
  };
}

/** Job kinds run periodically (app/services/scheduler.server.ts), by module. */
export const PERIODIC_JOBS: readonly Schedule[] = [
  // later modules: add their periodic jobs below this line
  ...NEEDS_SCHEDULES,
];

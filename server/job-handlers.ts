import { jobHandlersOf, schedulesOf } from "#app/modules.server.ts";
import type { JobHandler } from "#app/services/jobs.server.ts";
import { mailDeliveryHandlers } from "#app/services/mail.server.ts";
import type { JobDependencies } from "#app/services/module-contract.ts";
import type { Schedule } from "#app/services/scheduler.server.ts";
import { loadConfig } from "./config.ts";
import { SERVER_MODULES } from "./modules.ts";

/**
 * Every background job kind and its handler: the host's mail delivery, then each module's `jobs`
 * (their manifests, app/modules.server.ts).
 */
export function jobHandlers(deps: JobDependencies): Record<string, JobHandler> {
  return {
    ...mailDeliveryHandlers(deps.db, deps.mailTransport),
    ...jobHandlersOf(SERVER_MODULES, { ...deps, needsRetentionMonths: loadConfig().needsRetentionMonths }),
  };
}

/** Job kinds run periodically (app/services/scheduler.server.ts): each module's `schedules`. */
export const PERIODIC_JOBS: readonly Schedule[] = schedulesOf(SERVER_MODULES);

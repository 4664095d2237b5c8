import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { serve } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { startJobWorker } from "#app/services/jobs.server.ts";
import { createMailTransport } from "#app/services/mail.server.ts";
import { createApp } from "./app.ts";
import { createMetrics, metricsApp } from "./metrics.ts";
import { appDataOf, openServerData } from "./bootstrap.ts";
import { jobHandlers, PERIODIC_JOBS } from "./job-handlers.ts";
import { startScheduler } from "#app/services/scheduler.server.ts";
import { loadConfig } from "./config.ts";
import { logDestination, startupMessage } from "./log-output.ts";
import { createLogger } from "./logger.ts";

/**
 * Starts the production server over a React Router server build: the database (migrations, and the demo
 * content where asked), the background jobs and schedules, the HTTP server and the metrics port, and a
 * clean stop on SIGTERM/SIGINT. It is bundled with the pages into `build/server/index.js` (the build's
 * entry, server/production.ts, decision 075), so the pages, the API and the jobs share one copy of every
 * module; `build` is that file's own server build.
 */
export async function startProductionServer(build: ServerBuild): Promise<void> {
  const config = loadConfig();
  // Readable lines in a terminal, JSON lines otherwise; the first says where to open the platform.
  const logger = createLogger(config, logDestination());
  logger.info(startupMessage(config));
  const data = await openServerData(config, logger);
  const { handle, blobs, files } = data;
  const buildDir = path.resolve("build");
  const metrics = createMetrics({ db: handle.db, poolStats: handle.poolStats });

  // Background jobs (server/job-handlers.ts): without SMTP_URL, mail is held in the outbox.
  const mailTransport = createMailTransport(config);
  const scheduler = startScheduler({ db: handle.db, schedules: PERIODIC_JOBS, logger });
  const jobWorker = startJobWorker({
    db: handle.db,
    handlers: jobHandlers({ db: handle.db, files, mailTransport, logger, publicUrl: config.publicUrl }),
    workerId: `${os.hostname()}:${process.pid}`,
    logger,
  });

  const app = createApp({
    ...appDataOf(data),
    config,
    logger,
    build,
    clientDir: path.relative(process.cwd(), path.join(buildDir, "client")),
    mode: "production",
    metrics,
  });

  // /metrics on a port of its own (METRICS_PORT, bound to METRICS_HOST, 127.0.0.1 by default), for a
  // scraper on the same host or network without a token.
  const metricsServer =
    config.metricsPort > 0
      ? serve({ fetch: metricsApp(metrics).fetch, port: config.metricsPort, hostname: config.metricsHost }, (info) =>
          logger.info({ port: info.port, host: config.metricsHost }, "metrics listening"),
        )
      : null;

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        port: info.port,
        database: handle.kind,
        files: blobs.location,
        heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20),
      },
      "listening",
    );
    console.log(
      `Community Affairs Platform is running at http://localhost:${info.port}/ (database: ${handle.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`,
    );
  });

  let stopping = false;
  /** Stops accepting connections, lets open requests finish, closes the database, then exits. */
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    await Promise.all([
      new Promise<void>((resolve) => server.close(() => resolve())),
      new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve())),
      jobWorker.stop(),
      scheduler.stop(),
    ]);
    mailTransport?.close();
    await handle.close();
    logger.info("stopped");
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

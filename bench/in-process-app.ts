import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pino from "pino";
import type { ServerBuild } from "react-router";
import type { Db } from "#app/db/client.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { ensureBuild, ROOT, serverBuildPath } from "./build.ts";
import { parseServerTiming } from "./stats.ts";

/*
 * The opening the in-process benchmarks share (run.ts, projects-3w.ts, strategy-page.ts): the
 * production build (made when stale) and the app over it, answering `app.fetch` in this process as
 * `npm start` would (NODE_ENV=production, Server-Timing on, logs silent).
 */

/** The production server build, built first when the sources changed (and saying which). */
export async function loadProductionBuild(): Promise<ServerBuild> {
  const buildStep = ensureBuild();
  console.log(
    buildStep.built
      ? `Built the app in ${(buildStep.ms / 1000).toFixed(1)} s.`
      : "Reusing the current build in build/.",
  );
  return (await import(pathToFileURL(serverBuildPath()).href)) as ServerBuild;
}

/** The app over `db` and `build`, its data (files) in `dir`, as the production server makes it. */
export function createBenchApp(db: Db, dir: string, build: ServerBuild): ReturnType<typeof createApp> {
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "3400",
    DATA_DIR: dir,
    LOG_LEVEL: "silent",
    SERVER_TIMING: "true",
  });
  return createApp({
    db,
    files: createFileStore({ db, root: path.join(dir, "files"), maxBytes: config.maxUploadBytes }),
    config,
    logger: pino({ level: "silent" }),
    appSecret: randomBytes(32).toString("base64url"),
    build,
    clientDir: path.relative(process.cwd(), path.join(ROOT, "build", "client")),
    mode: "production",
  });
}

/** What one measured request answered: its time until the last byte, its Server-Timing figures, status and size. */
export interface TimedRequest {
  total: number;
  app: number | null;
  db: number | null;
  queries: number | null;
  status: number;
  bytes: number;
}

/**
 * Requests `url` through `fetchPage` `warmup` times unmeasured, then `requests` times, reading each
 * body to its last byte; returns what each measured request answered.
 */
export async function timeRequests(
  fetchPage: (url: string) => Response | Promise<Response>,
  url: string,
  { warmup, requests }: { warmup: number; requests: number },
): Promise<TimedRequest[]> {
  const timings: TimedRequest[] = [];
  for (let i = 0; i < warmup + requests; i++) {
    const started = performance.now();
    const response = await fetchPage(url);
    const body = await response.arrayBuffer();
    const total = performance.now() - started;
    const timing = parseServerTiming(response.headers.get("server-timing"));
    if (i >= warmup)
      timings.push({
        total,
        app: timing.appMs,
        db: timing.dbMs,
        queries: timing.queries,
        status: response.status,
        bytes: body.byteLength,
      });
  }
  return timings;
}

import { randomUUID } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { sql } from "kysely";
import type { Logger } from "pino";
import { createRequestHandler, type ServerBuild } from "react-router";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { createApi, type ApiEnv } from "./api.ts";
import type { Config } from "./config.ts";
import { BASE_SECURITY_HEADERS, contentSecurityPolicy, createNonce } from "./security-headers.ts";

export interface AppDependencies {
  db: Db;
  files: FileStore;
  config: Config;
  logger: Logger;
  /** The React Router server build, or (in development) a function that loads the current one. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Folder of the built browser assets; absent in development, where Vite serves them. */
  clientDir?: string;
  mode: "production" | "development";
}

/**
 * The whole HTTP surface of the platform in one Hono app: health, the JSON API, static assets and
 * every page through React Router, with security headers, compression, request ids, and the SQL
 * query count of each request in its Server-Timing header.
 */
export function createApp(deps: AppDependencies): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const isDevelopment = deps.mode === "development";

  app.use("*", async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || randomUUID();
    const nonce = createNonce();
    c.set("ctx", { db: deps.db, files: deps.files, nonce, requestId, publicUrl: deps.config.publicUrl, logger: deps.logger.child({ requestId }) });
    const { stats } = await withQueryStats(async () => {
      try {
        await next();
      } catch (error) {
        deps.logger.error({ err: error, requestId }, "unhandled error");
        c.res = c.text("Internal Server Error", 500);
      }
    });
    const elapsed = performance.now() - started;
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has("Content-Security-Policy")) {
      c.res.headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, isDevelopment));
    }
    c.res.headers.set("X-Request-Id", requestId);
    c.res.headers.append("Server-Timing", `db;dur=${stats.durationMs.toFixed(1)};desc="${stats.queries} queries", app;dur=${elapsed.toFixed(1)}`);
    deps.logger.info(
      { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(elapsed), queries: stats.queries },
      "request",
    );
  });

  app.use("*", compress());

  app.get("/healthz", async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
    } catch (error) {
      deps.logger.error({ err: error }, "health check failed");
      return c.json({ status: "unavailable" }, 503, { "Cache-Control": "no-store" });
    }
  });

  app.route("/api/v1", createApi());
  app.all("/api/*", (c) => c.json({ error: "not_found" }, 404));

  if (deps.clientDir) {
    const root = deps.clientDir;
    app.use(
      "/assets/*",
      serveStatic({
        root,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    app.use(
      "*",
      serveStatic({
        root,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=3600");
        },
      }),
    );
  }

  const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>();
  app.all("*", async (c) => {
    const build = typeof deps.build === "function" ? await deps.build() : deps.build;
    let handler = handlers.get(build);
    if (!handler) {
      handler = createRequestHandler(build, deps.mode);
      handlers.set(build, handler);
    }
    const ctx: ServerContext = c.get("ctx");
    return handler(c.req.raw, ctx);
  });

  return app;
}

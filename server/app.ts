import { randomUUID, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { matchedRoutes } from "hono/route";
import type { Logger } from "pino";
import { createRequestHandler, type ServerBuild } from "react-router";
import type { ServerContext } from "#app/context.ts";
import { databaseHealth, type Db } from "#app/db/client.server.ts";
import { withQueryStats } from "#app/db/query-stats.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { checkReadiness } from "./readiness.ts";
import { createMetrics, pageRoutePatterns, type Metrics } from "./metrics.ts";
import { readCookie, resolveSession, sessionCookieName } from "#app/modules/identity/sessions.server.ts";
import { ANONYMOUS } from "#app/services/authorization.ts";
import { resolveClientAddress } from "#app/services/client-address.ts";
import { FORM_OVERHEAD_BYTES, uploadTooLargeResponse } from "#app/modules/library/upload-limit.server.ts";
import { createApi, type ApiEnv } from "./api.ts";
import { PAGE_SECTIONS, WORKSPACE_REGISTRY } from "./modules.ts";
import { compressJson, deliverPages } from "./delivery.ts";
import { clientGateMiddleware, createClientGate } from "./client-gate.ts";
import { busyResponse } from "#app/modules/core/busy.server.ts";
import { registerFileRoutes } from "./files-route.ts";
import { fileAccessFor } from "./private-files.ts";
import { isFormContentType, parseFormBody, UnreadableFormError } from "#app/services/form-body.server.ts";
import {
  createCsrfCookieValue,
  CSRF_COOKIE,
  CSRF_FIELD,
  csrfTokenFor,
  formSigningKeyFor,
  isSafeMethod,
  isValidCsrfToken,
  originVerdict,
} from "./csrf.ts";
import type { Config } from "./config.ts";
import {
  BASE_SECURITY_HEADERS,
  contentSecurityPolicy,
  createNonce,
  privateCacheControl,
  strictTransportSecurity,
} from "./security-headers.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The form a write carries, read once as it streams in (app/services/form-body.server.ts): its
 * fields, "unreadable" when it says it is a form but cannot be parsed, or "not-a-form".
 * `copy`: read a copy and leave the request's own body for whoever handles it (the API).
 */
async function readSubmittedForm(request: Request, copy: boolean): Promise<FormData | "unreadable" | "not-a-form"> {
  const type = request.headers.get("content-type");
  if (!isFormContentType(type)) return "not-a-form";
  try {
    return await parseFormBody((copy ? request.clone() : request).body, type ?? "");
  } catch (error) {
    if (error instanceof UnreadableFormError) return "unreadable";
    throw error;
  }
}

/**
 * The request a page's action gets once its form has been read: the same URL, method, headers and
 * signal, without the body that is spent (the form travels in the load context). Content-Length
 * stays: it still tells an action how large the form was.
 */
function withoutBody(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  return new Request(request.url, { method: request.method, headers, signal: request.signal });
}

export interface AppDependencies {
  db: Db;
  files: FileStore;
  config: Config;
  logger: Logger;
  /** Signs CSRF tokens (see server/secret.ts). */
  appSecret: string;
  /** The React Router server build, or (in development) a function that loads the current one. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Folder of the built browser assets; absent in development, where Vite serves them. */
  clientDir?: string;
  mode: "production" | "development";
  /** Connections of the PostgreSQL pool, for /metrics (absent on the embedded database). */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
  /** The metrics registry to record into (created when absent; main.ts shares it with the metrics port). */
  metrics?: Metrics;
}

/** The bearer token in an Authorization header, or null. */
function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match ? match[1]! : null;
}

/** Compares two secrets in time that does not depend on where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The whole HTTP surface of the platform in one Hono app: health, the JSON API, static assets and
 * every page through React Router, with security headers, compression, request ids, and (for
 * benchmarks only, SERVER_TIMING=true) the SQL query count of each request in its Server-Timing header.
 */
export function createApp(deps: AppDependencies): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const isDevelopment = deps.mode === "development";
  const formSigningKey = formSigningKeyFor(deps.appSecret);
  const hostPrefixedCookies = deps.config.publicUrl.startsWith("https:");
  const hsts = strictTransportSecurity(deps.config.publicUrl);
  const csrfCookieName = hostPrefixedCookies ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;
  const metrics = deps.metrics ?? createMetrics({ db: deps.db, poolStats: deps.poolStats });
  const pagePatterns = new WeakMap<ServerBuild, (pathname: string) => string>();
  /** The route pattern that answered: Hono's for the API, files and health; React Router's for pages. */
  const routeLabel = async (c: Context<ApiEnv>): Promise<string> => {
    const path = matchedRoutes(c)[c.req.routeIndex]?.path ?? "unmatched";
    if (path !== "*" && path !== "/*") return path;
    if (c.req.path.startsWith("/api/")) return "/api/*";
    const build = typeof deps.build === "function" ? await deps.build() : deps.build;
    let patterns = pagePatterns.get(build);
    if (!patterns) pagePatterns.set(build, (patterns = pageRoutePatterns(build)));
    return patterns(c.req.path);
  };

  app.use("*", async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || randomUUID();
    const nonce = createNonce();
    const url = new URL(c.req.url);
    const secureCookies =
      deps.config.publicUrl.startsWith("https:") || url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname);
    c.set("ctx", {
      db: deps.db,
      files: deps.files,
      nonce,
      requestId,
      publicUrl: deps.config.publicUrl,
      logger: deps.logger.child({ requestId }),
      actor: ANONYMOUS,
      session: null,
      csrfToken: "",
      secureCookies,
      hostPrefixedCookies,
      mailMode: deps.config.smtp.url ? "smtp" : "outbox",
      formSigningKey,
      workspace: WORKSPACE_REGISTRY,
      pageSections: PAGE_SECTIONS,
      clientAddress: resolveClientAddress({
        socketAddress: (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
          ?.remoteAddress,
        forwardedFor: c.req.header("x-forwarded-for"),
        hops: deps.config.trustProxyHops,
      }),
    });
    const { stats } = await withQueryStats(async () => {
      try {
        await next();
      } catch (error) {
        deps.logger.error({ err: error, requestId }, "unhandled error");
        c.res = c.text("Internal Server Error", 500);
      }
    });
    const elapsed = performance.now() - started;
    metrics.observeRequest(
      { route: await routeLabel(c).catch(() => "unmatched"), method: c.req.method, status: c.res.status },
      elapsed / 1000,
    );
    for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has("Content-Security-Policy")) {
      c.res.headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, isDevelopment));
    }
    c.res.headers.set("X-Request-Id", requestId);
    if (hsts) c.res.headers.set("Strict-Transport-Security", hsts);
    const cacheControl = privateCacheControl(
      c.req.path,
      c.get("ctx").session !== null,
      c.res.headers.get("Cache-Control"),
    );
    if (cacheControl) c.res.headers.set("Cache-Control", cacheControl);
    if (deps.config.serverTiming) {
      c.res.headers.append(
        "Server-Timing",
        `db;dur=${stats.durationMs.toFixed(1)};desc="${stats.queries} queries", app;dur=${elapsed.toFixed(1)}`,
      );
    }
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(elapsed),
        queries: stats.queries,
      },
      "request",
    );
  });

  app.use("*", compress());
  app.use("*", compressJson());
  app.use("*", deliverPages());

  // Alive while the database answers: `select 1` on PostgreSQL; on the embedded database its thread's
  // own check, which does not wait behind the requests queued for its one connection (decision 046).
  app.get("/healthz", async (c) => {
    const health = await databaseHealth(deps.db);
    if (health.ok) return c.json({ status: "ok" }, 200, { "Cache-Control": "no-store" });
    deps.logger.error({ err: health.error, reason: health.reason }, "health check failed");
    return c.json({ status: "unavailable" }, 503, { "Cache-Control": "no-store" });
  });

  // Ready to take traffic: database reachable, every migration applied, file storage usable.
  app.get("/readyz", async (c) => {
    const report = await checkReadiness({ db: deps.db, files: deps.files });
    if (!report.ready) deps.logger.warn({ checks: report.checks }, "not ready");
    return c.json({ status: report.ready ? "ready" : "unavailable", checks: report.checks }, report.ready ? 200 : 503, {
      "Cache-Control": "no-store",
    });
  });

  // Prometheus metrics, for a scraper that presents METRICS_TOKEN; without a token set they are
  // served only on the separate METRICS_PORT (see server/main.ts), and this answers 404.
  app.get("/metrics", async (c) => {
    const expected = deps.config.metricsToken;
    const given = bearerToken(c.req.header("authorization"));
    if (!expected) return c.text("Not found", 404, { "Cache-Control": "no-store" });
    if (!given || !sameSecret(given, expected))
      return c.text("Unauthorized", 401, { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" });
    return c.body(await metrics.render(), 200, {
      "Content-Type": metrics.registry.contentType,
      "Cache-Control": "no-store",
    });
  });

  // Bodies over the upload limit are refused while they stream in (by Content-Length at once,
  // otherwise as soon as the count passes it), before the CSRF check or a page reads them.
  // One client's requests are worked on a few at a time, in turn (decision 041): a flood from one
  // address waits behind itself, and the health check and other clients keep being answered. Reads
  // of built files are cheap and a page asks for many at once, so they pass.
  const clientGate = createClientGate(deps.config.clientGate);
  app.use(
    "*",
    clientGateMiddleware(
      clientGate,
      (c) => c.get("ctx").clientAddress ?? "",
      busyResponse,
      (c) => c.req.path.startsWith("/assets/") && isSafeMethod(c.req.method),
    ),
  );

  // A GET or HEAD has no body (the node adapter never gives it one): asking for the body would only make
  // the adapter build a whole web Request (its headers copied, an abort signal) to answer null (decision 072).
  const limitBody = bodyLimit({
    maxSize: deps.config.maxUploadBytes + FORM_OVERHEAD_BYTES,
    onError: (c) => uploadTooLargeResponse(c, deps.config.maxUploadBytes),
  });
  app.use("*", (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next)));

  // Who is asking, and the CSRF check of every request that could change data. Our origin is
  // PUBLIC_URL's, never one derived from the request: its Host header is whatever the sender wrote
  // (decision 026).
  const allowedOrigins = [new URL(deps.config.publicUrl).origin];
  app.use("*", async (c, next) => {
    // Only reads of built files skip the check: a write to /assets/… falls through to the pages.
    if (c.req.path.startsWith("/assets/") && isSafeMethod(c.req.method)) return next();
    const ctx = c.get("ctx");
    const cookies = c.req.header("cookie");
    const session = await resolveSession(deps.db, readCookie(cookies, sessionCookieName(hostPrefixedCookies)));
    // A read of the JSON API has no form to protect and renders none: it needs no form token, and a
    // visitor without one is not given the CSRF cookie (a random value and a signature saved per call).
    const apiRead = c.req.path.startsWith("/api/") && isSafeMethod(c.req.method);
    let binding = session?.sessionId;
    let newCsrfCookie: string | undefined;
    if (!binding && !apiRead) {
      const existing = readCookie(cookies, csrfCookieName);
      binding = existing && /^[\w-]{16,64}$/.test(existing) ? existing : (newCsrfCookie = createCsrfCookieValue());
    }
    c.set("ctx", {
      ...ctx,
      actor: session?.actor ?? ANONYMOUS,
      session,
      csrfToken: binding ? csrfTokenFor(deps.appSecret, binding) : "",
    });

    if (!isSafeMethod(c.req.method)) {
      const verdict = originVerdict(c.req.raw.headers, allowedOrigins);
      const api = c.req.path.startsWith("/api/");
      // A page's form is read here, once, and handed to its action; an API request's body is left
      // to the API, and read (a copy) only when the token must be looked for in it.
      const form =
        verdict === "cross-site" || (api && verdict === "same-origin")
          ? "not-a-form"
          : await readSubmittedForm(c.req.raw, api);
      const token = form instanceof FormData ? form.get(CSRF_FIELD) : null;
      const allowed =
        verdict === "same-origin" ||
        (verdict === "unknown" && binding !== undefined && isValidCsrfToken(deps.appSecret, binding, token));
      if (!allowed) {
        ctx.logger.warn({ verdict, path: c.req.path }, "request refused by the CSRF check");
        return c.text(
          "Forbidden: this form has expired or did not come from this site. Go back, reload the page and try again.",
          403,
        );
      }
      // Pages take only forms: any other body would leave the action without one.
      if (!api) {
        if (!(form instanceof FormData)) {
          return form === "unreadable"
            ? c.text("Bad Request: the form could not be read.", 400)
            : c.text("Unsupported Media Type: send the page's form.", 415);
        }
        c.set("ctx", { ...c.get("ctx"), submittedForm: form });
      }
    }
    await next();
    if (newCsrfCookie) {
      c.res.headers.append(
        "Set-Cookie",
        `${csrfCookieName}=${newCsrfCookie}; Path=/; HttpOnly; SameSite=Lax${ctx.secureCookies || hostPrefixedCookies ? "; Secure" : ""}`,
      );
    }
  });

  app.route("/api/v1", createApi());
  app.all("/api/*", (c) => c.json({ error: "not_found" }, 404));
  registerFileRoutes(app, {
    files: deps.files,
    access: (file, c) => fileAccessFor(deps.db, c.get("ctx").actor, file.id),
    etagKey: deps.appSecret,
  });

  if (deps.clientDir) {
    const root = deps.clientDir;
    app.use(
      "/assets/*",
      serveStatic({
        root,
        precompressed: true,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    // The other built files (favicon.svg, what public/ holds) are listed once at start: only their
    // paths are looked up on disk, so a page's path never costs a file-system check.
    const builtFiles = new Set(
      fs
        .readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !/\.(br|gz)$/.test(entry.name))
        .map((entry) => `/${path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`)
        .filter((name) => !name.startsWith("/assets/")),
    );
    const serveBuiltFile = serveStatic({
      root,
      precompressed: true,
      onFound: (_path, c) => {
        c.header("Cache-Control", "public, max-age=3600");
      },
    });
    app.use("*", (c, next) => (builtFiles.has(c.req.path) ? serveBuiltFile(c, next) : next()));
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
    return handler(ctx.submittedForm ? withoutBody(c.req.raw) : c.req.raw, ctx);
  });

  return app;
}

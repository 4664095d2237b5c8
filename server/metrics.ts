import { Hono } from "hono";
import { sql } from "kysely";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { matchPath, type RouteObject, type ServerBuild } from "react-router";
import type { Db } from "#app/db/client.server.ts";

/*
 * Prometheus metrics (decision 032): request durations and counts by route pattern (never by raw
 * path, so the number of series stays bounded), the database pool, the job queue by kind, and the
 * mail outbox backlog. Queue and outbox figures are read when /metrics is scraped, from indexed
 * counts bounded by status, so a scrape costs the same whatever the data.
 */

/** Everything /metrics shows for one app instance. */
export interface Metrics {
  readonly registry: Registry;
  /** Records one finished request. */
  observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void;
  /** The text format Prometheus scrapes (reads the queue and the outbox first). */
  render(): Promise<string>;
}

/** What the metrics read at scrape time. */
export interface MetricsSources {
  db: Db;
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
}

const STATUS_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Creates the registry and its metrics (one per app, so tests can run several apps in one process). */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "cap_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route pattern, method and status class.",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({
    name: "cap_http_requests_total",
    help: "HTTP requests answered, by route pattern, method and status code.",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const pool = gauge(
    "cap_db_pool_connections",
    "PostgreSQL pool connections by state (absent on the embedded database).",
    ["state"],
  );
  const jobs = gauge("cap_jobs", "Background jobs waiting, running or failed, by kind.", ["kind", "status"]);
  const outbox = gauge("cap_mail_outbox", "E-mails not yet delivered, by status (queued, held, failed).", ["status"]);
  const up = gauge("cap_database_up", "1 when the last scrape could read the database.");

  return {
    registry,
    observeRequest({ route, method, status }, seconds) {
      const verb = STATUS_METHODS.has(method) ? method : "OTHER";
      duration.observe({ route, method: verb, status: `${Math.floor(status / 100)}xx` }, seconds);
      requests.inc({ route, method: verb, status: String(status) });
    },
    async render() {
      const stats = sources.poolStats?.();
      if (stats) {
        pool.set({ state: "total" }, stats.total);
        pool.set({ state: "idle" }, stats.idle);
        pool.set({ state: "waiting" }, stats.waiting);
        pool.set({ state: "max" }, stats.max);
      }
      try {
        const [jobRows, outboxRows] = await Promise.all([
          sources.db
            .selectFrom("job")
            .select(["kind", "status", sql<number>`count(*)::int`.as("count")])
            .where("status", "in", ["queued", "running", "failed"])
            .groupBy(["kind", "status"])
            .execute(),
          sources.db
            .selectFrom("mail_outbox")
            .select(["status", sql<number>`count(*)::int`.as("count")])
            .where("status", "in", ["queued", "held", "failed"])
            .groupBy("status")
            .execute(),
        ]);
        jobs.reset();
        for (const row of jobRows) jobs.set({ kind: row.kind, status: row.status }, row.count);
        outbox.reset();
        for (const status of ["queued", "held", "failed"])
          outbox.set({ status }, outboxRows.find((r) => r.status === status)?.count ?? 0);
        up.set(1);
      } catch {
        up.set(0);
      }
      return registry.metrics();
    },
  };
}

/**
 * Turns the React Router build's route list into a function from a path to its route pattern
 * ("/:lang/news/:slug"), so that page metrics are labelled by route, not by URL.
 */
export function pageRoutePatterns(build: ServerBuild): (pathname: string) => string {
  const children = new Map<string | undefined, RouteObject[]>();
  const toObject = (id: string): RouteObject => {
    const route = build.routes[id]!;
    const object: RouteObject = route.index
      ? { id, index: true, path: route.path }
      : { id, path: route.path, children: children.get(id) ?? [] };
    return object;
  };
  // Children first: build bottom-up by sorting ids by depth.
  const depth = (id: string): number => (build.routes[id]?.parentId ? 1 + depth(build.routes[id]!.parentId!) : 0);
  const ids = Object.keys(build.routes).sort((a, b) => depth(b) - depth(a));
  for (const id of ids) {
    const parent = build.routes[id]!.parentId;
    const list = children.get(parent) ?? [];
    list.push(toObject(id));
    children.set(parent, list);
  }
  const tree = children.get(undefined) ?? [];
  // React Router's matchRoutes flattens and ranks the whole route tree on every call (6–40 ms for this
  // app's tree): here the tree is flattened and ranked once (rankedBranches), and a path is tried
  // against the branches in rank order. A path segment that no pattern spells out can only be
  // matched by a parameter or a splat, so every such segment is replaced by one placeholder: paths
  // of the same shape (/en/needs/track/<any code>) share one label, computed once.
  const branches = rankedBranches(tree);
  const staticSegments = new Set<string>();
  for (const route of Object.values(build.routes)) {
    for (const segment of (route?.path ?? "").split("/"))
      if (segment && !segment.startsWith(":") && segment !== "*")
        staticSegments.add(segment.replace(/\?$/, "").toLowerCase());
  }
  const labels = new Map<string, string>();
  const labelOf = (pathname: string): string => {
    const shape = pathname
      .split("/")
      .map((segment) =>
        segment === "" || staticSegments.has(segment.toLowerCase()) ? segment.toLowerCase() : "\u0000",
      )
      .join("/");
    let label = labels.get(shape);
    if (label === undefined) {
      label =
        branches.find((branch) => matchPath({ path: branch.path, caseSensitive: false, end: true }, shape))?.label ??
        "unmatched";
      if (labels.size >= MAX_CACHED_SHAPES) labels.clear();
      labels.set(shape, label);
    }
    return label;
  };
  // A client-side navigation asks for the page's data at "<path>.data" ("/_root.data" for "/"): the
  // page's own pattern, marked as data, as React Router's server normalises the path (urls.ts).
  return (pathname) => {
    if (!pathname.endsWith(".data")) return labelOf(pathname);
    const page = pathname === "/_root.data" ? "/" : pathname.slice(0, -".data".length).replace(/(.)\/$/, "$1");
    const label = labelOf(page);
    return label === "unmatched" ? label : `${label}.data`;
  };
}

/** Distinct path shapes kept; an attacker's ever deeper random paths only empty the cache. */
const MAX_CACHED_SHAPES = 2_000;

interface Branch {
  /** The full pattern a path must match, optional segments resolved (one branch per choice). */
  path: string;
  /** The route patterns joined, as the metrics label them ("/:lang/needs/track/:code?"). */
  label: string;
  score: number;
  /** The route's position among its siblings at each depth (React Router's tie-break between siblings). */
  indexes: number[];
}

/**
 * Every route that can end a match, as React Router ranks them (its documented order: more static
 * segments before parameters, parameters before a splat, an index route before its layout, and
 * siblings in the order they are declared), with optional segments written out both ways.
 */
function rankedBranches(tree: RouteObject[]): Branch[] {
  const branches: Branch[] = [];
  const visit = (routes: RouteObject[], parentPath: string, parentPatterns: string[], parentIndexes: number[]) => {
    routes.forEach((route, index) => {
      const own = route.path ?? "";
      const patterns = own ? [...parentPatterns, own] : parentPatterns;
      const indexes = [...parentIndexes, index];
      const joined = joinPath(parentPath, own);
      if (route.children?.length) visit(route.children, joined, patterns, indexes);
      if (route.path == null && !route.index) return;
      const label = `/${patterns.join("/").replace(/\/+/g, "/").replace(/^\//, "")}`;
      for (const path of withoutOptionalSegments(joined))
        branches.push({ path, label, score: scoreOf(path, route.index === true), indexes });
    });
  };
  visit(tree, "", [], []);
  return branches
    .map((branch, order) => ({ branch, order }))
    .sort(
      (a, b) =>
        b.branch.score - a.branch.score || siblingOrder(a.branch.indexes, b.branch.indexes) || a.order - b.order,
    )
    .map(({ branch }) => branch);
}

function joinPath(parent: string, own: string): string {
  return `/${[parent, own].join("/")}`.replace(/\/+/g, "/");
}

/** "a/:b?/c" → "a/:b/c" and "a/c": every choice of the optional segments. */
function withoutOptionalSegments(path: string): string[] {
  let paths = [""];
  for (const segment of path.split("/").filter(Boolean)) {
    const required = segment.replace(/\?$/, "");
    paths = segment.endsWith("?")
      ? paths.flatMap((p) => [`${p}/${required}`, p])
      : paths.map((p) => `${p}/${required}`);
  }
  return paths.map((p) => p || "/");
}

/** Static segment 10, parameter 3, empty 1; plus the segment count, 2 for an index route, −2 with a splat. */
function scoreOf(path: string, index: boolean): number {
  const segments = path.split("/");
  let score = segments.length + (segments.includes("*") ? -2 : 0) + (index ? 2 : 0);
  for (const segment of segments) {
    if (segment === "*") continue;
    score += /^:[\w-]+$/.test(segment) ? 3 : segment === "" ? 1 : 10;
  }
  return score;
}

/** Siblings keep their declared order; routes that are not siblings tie. */
function siblingOrder(a: number[], b: number[]): number {
  const siblings = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
  return siblings ? a[a.length - 1]! - b[b.length - 1]! : 0;
}

/** A tiny app that serves /metrics alone, without a token: for METRICS_PORT (bind it to a private address). */
export function metricsApp(metrics: Metrics): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) =>
    c.body(await metrics.render(), 200, { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" }),
  );
  app.all("*", (c) => c.text("Not found", 404));
  return app;
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import {
  UNSAFE_withComponentProps,
  UNSAFE_withErrorBoundaryProps,
  UNSAFE_withHydrateFallbackProps,
  type ServerBuild,
} from "react-router";
import { sql } from "kysely";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "#app/db/client.server.ts";
import { seedDemoContent } from "#app/modules.server.ts";
import routes from "#app/routes.ts";
import { hashToken, SESSION_COOKIE } from "#app/modules/identity/sessions.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createTestApp } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { databaseUrlFor } from "../support/test-database-source.ts";
import { inProcessServerBuild } from "../support/server-build.ts";
import { organisationIdBySlug } from "../support/organisation-ids.ts";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

/**
 * The fixed "now" of the recordings: the demo seed dates everything relative to it, and the test
 * process's clock (Date only) and the database's `now()` read it while pages are rendered, so
 * "upcoming", "overdue", "published on" and the years of the reporting cycles are the same on every
 * run and every day. The demo's own dates reach at most about 90 days past it, so all lie months
 * before any run (pinWallClockTimes relies on that).
 */
export const GOLDEN_NOW = new Date("2026-03-02T09:30:00.000Z");

/** Every route of app/routes.ts with its parent, as React Router's build names them (the file without its extension). */
export function flattenRoutes(
  entries: RouteConfigEntry[],
  parentId = "root",
  parentPath = "",
  out: { id: string; parentId: string; entry: RouteConfigEntry; fullPath: string }[] = [],
) {
  for (const entry of entries) {
    const id = entry.id ?? entry.file.replace(/\.[jt]sx?$/, "");
    const fullPath = entry.path ? `${parentPath}/${entry.path}` : parentPath;
    out.push({ id, parentId, entry, fullPath });
    if (entry.children) flattenRoutes(entry.children, id, fullPath, out);
  }
  return out;
}

/**
 * A React Router server build of the real pages rendered by the real document renderer
 * (app/entry.server.tsx), loaded by the test runner: the same HTML as the production build, except
 * that the asset manifest is empty (no hashed stylesheet or module links; public pages have no
 * framework scripts anyway, decision 031).
 */
async function createRenderingBuild(): Promise<ServerBuild> {
  const flat = flattenRoutes(await Promise.resolve(routes));
  const rootModule = withProps(await import("#app/root.tsx"));
  const built: Record<string, unknown> = { root: { id: "root", path: "", module: rootModule } };
  const manifest: Record<string, unknown> = { root: manifestEntry("root", undefined, { path: "" }, rootModule) };
  for (const { id, parentId, entry } of flat) {
    const module = withProps(await import(/* @vite-ignore */ path.join(APP_DIR, entry.file)));
    built[id] = { id, parentId, path: entry.path, index: entry.index, caseSensitive: entry.caseSensitive, module };
    manifest[id] = manifestEntry(id, parentId, entry, module);
  }
  return inProcessServerBuild({
    entry: { module: await import("#app/entry.server.tsx") },
    routes: built,
    assets: {
      entry: { imports: [], module: "/golden/entry.client.js" },
      routes: manifest,
      url: "/golden/manifest.js",
      version: "golden",
    },
  });
}

type RouteComponent = Parameters<typeof UNSAFE_withComponentProps>[0];

/**
 * What React Router's Vite plugin does to a route module at build time: its default export,
 * ErrorBoundary and HydrateFallback get their props (loaderData, params, …) through these wrappers.
 */
function withProps(module: Record<string, unknown>): Record<string, unknown> {
  const wrapped: Record<string, unknown> = { ...module };
  if (module.default) wrapped.default = UNSAFE_withComponentProps(module.default as RouteComponent);
  if (module.ErrorBoundary)
    wrapped.ErrorBoundary = UNSAFE_withErrorBoundaryProps(
      module.ErrorBoundary as Parameters<typeof UNSAFE_withErrorBoundaryProps>[0],
    );
  if (module.HydrateFallback)
    wrapped.HydrateFallback = UNSAFE_withHydrateFallbackProps(
      module.HydrateFallback as Parameters<typeof UNSAFE_withHydrateFallbackProps>[0],
    );
  return wrapped;
}

/** A route's entry in the browser's asset manifest, as the React Router build writes it (its module address is a stand-in). */
function manifestEntry(
  id: string,
  parentId: string | undefined,
  entry: { path?: string; index?: boolean; caseSensitive?: boolean },
  module: Record<string, unknown>,
) {
  return {
    id,
    parentId,
    path: entry.path,
    index: entry.index,
    caseSensitive: entry.caseSensitive,
    module: `/golden/${id}.js`,
    clientActionModule: undefined,
    clientLoaderModule: undefined,
    clientMiddlewareModule: undefined,
    hydrateFallbackModule: undefined,
    hasAction: "action" in module,
    hasLoader: "loader" in module,
    hasClientAction: "clientAction" in module,
    hasClientLoader: "clientLoader" in module,
    hasClientMiddleware: "clientMiddleware" in module,
    hasDefaultExport: "default" in module,
    hasErrorBoundary: "ErrorBoundary" in module,
    imports: [],
    css: [],
  };
}

/** The anonymous visitor's form cookie on every request: a returning visitor, so the CSRF token in the forms is the same on every run. */
export const GOLDEN_VISITOR_COOKIE = "cap_csrf=golden-recording-visitor-0001";

/** Wall-clock time, which faking `Date` leaves alone. */
function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Makes the database's clock read GOLDEN_NOW: a `now()` earlier on the search path than pg_catalog's,
 * for every later connection to this database (PostgreSQL) or this session (PGlite, one session).
 * The app's SQL calls `now()` unqualified (e.g. "published items only"); column defaults were bound to
 * pg_catalog's at migration time and are pinned after seeding instead (pinWallClockTimes).
 */
async function setDatabaseClock(db: Db, pglite: boolean): Promise<void> {
  await sql`create schema golden_clock`.execute(db);
  await sql
    .raw(
      `create function golden_clock.now() returns timestamptz language sql stable as $$ select timestamptz '${GOLDEN_NOW.toISOString()}' $$`,
    )
    .execute(db);
  if (pglite) {
    await sql`set search_path to golden_clock, pg_catalog, public`.execute(db);
    return;
  }
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  await sql.raw(`alter database "${rows[0]!.name}" set search_path = golden_clock, pg_catalog, public`).execute(db);
}

/**
 * Sets every timestamp written by a column default (`now()` of the migrations in the template and of
 * the seed's transaction, i.e. the wall clock of this run: from `since` until now) to GOLDEN_NOW, as
 * if everything had been written then. The demo content's own times are GOLDEN_NOW ± at most a few
 * months, long before any run, so none of them is touched. The audit log's append-only trigger is set
 * aside for this (a throwaway database). Returns how many values were pinned.
 */
async function pinWallClockTimes(db: Db, since: number): Promise<number> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('timestamp with time zone', 'timestamp without time zone')
    order by 1, 2`.execute(db);
  const from = new Date(since);
  const to = new Date(wallClock() + 60_000);
  let pinned = 0;
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  for (const { table_name, column_name } of columns) {
    const result =
      await sql`update ${sql.id(table_name)} set ${sql.id(column_name)} = ${GOLDEN_NOW} where ${sql.id(column_name)} between ${from} and ${to}`.execute(
        db,
      );
    pinned += Number(result.numAffectedRows ?? 0);
  }
  await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  return pinned;
}

/** The session cookie of the demo coordinator the workspace recordings are made as (fixed, so the pages' CSRF token is too). */
const COORDINATOR_SESSION_TOKEN = "golden-recording-coordinator-session-0001";
export const GOLDEN_COORDINATOR_COOKIE = `${SESSION_COOKIE}=${COORDINATOR_SESSION_TOKEN}`;

/**
 * A coordinator of the Office for Community Affairs (as the demo accounts have one), signed in with
 * two-factor authentication, written with fixed ids so every run renders the same workspace.
 */
async function addCoordinator(db: Db): Promise<void> {
  const id = "00000000-0000-4000-8000-00000000c001";
  const officeId = await organisationIdBySlug(db, "office-for-community-affairs");
  await db
    .insertInto("app_user")
    .values({
      id,
      email: "coordinator@golden.example.org",
      name: "Golden Coordinator",
      preferred_locale: "en",
      email_verified_at: GOLDEN_NOW,
      totp_enabled_at: GOLDEN_NOW,
    })
    .execute();
  await db
    .insertInto("role_assignment")
    .values({ user_id: id, role: "coordinator", organisation_id: officeId, kas_code: null })
    .execute();
  await db
    .insertInto("user_session")
    .values({
      id: hashToken(COORDINATOR_SESSION_TOKEN),
      user_id: id,
      created_at: GOLDEN_NOW,
      last_seen_at: GOLDEN_NOW,
      expires_at: new Date(GOLDEN_NOW.getTime() + 86_400_000),
      two_factor_verified: true,
    })
    .execute();
}

export interface GoldenSite {
  handle: DatabaseHandle;
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Errors the app logged (a page that failed to render): a recording must not hide one. */
  loggedErrors: string[];
  /** Random ids of the stored files → a label from the file's name and content (see normalise). */
  fileIds: Map<string, string>;
  /** Route ids (file paths) → a label from the route's URL pattern (see normalise). */
  routeIds: Map<string, string>;
  close: () => Promise<void>;
}

/**
 * A fresh test database with the demo content seeded at GOLDEN_NOW, and the whole app (pages and
 * API) over it. The caller fakes `Date` to GOLDEN_NOW first (vi.useFakeTimers({ toFake: ["Date"] })).
 */
export async function openGoldenSite(): Promise<GoldenSite> {
  // The template database was migrated by the global setup, earlier in this run (at most hours ago).
  const since = wallClock() - 6 * 3_600_000;
  const source = inject("testDatabaseSource");
  const seeded = await createTestDatabase();
  await setDatabaseClock(seeded.db, source.kind === "pglite");
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cap-golden-"));
  await seedDemoContent(seeded.db, {
    files: createFileStore({ db: seeded.db, root: filesRoot, maxBytes: 20 * 1024 * 1024 }),
    now: GOLDEN_NOW,
  });
  await addCoordinator(seeded.db);
  await pinWallClockTimes(seeded.db, since);
  // On PostgreSQL, connections opened from now on take the database's search path (and so its clock).
  let handle = seeded;
  if (source.kind === "postgres") {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(seeded.db);
    handle = await openDatabase({ databaseUrl: databaseUrlFor(source.adminUrl, rows[0]!.name), poolSize: 2 });
  }
  const files = await handle.db.selectFrom("stored_file").select(["id", "original_name", "sha256"]).execute();
  const fileIds = new Map(files.map((f) => [f.id, `FILE(${f.original_name}:${f.sha256.slice(0, 12)})`]));
  const routeIds = new Map(
    flattenRoutes(await Promise.resolve(routes)).map(({ id, fullPath }) => [id, `ROUTE(${fullPath || "/"})`]),
  );
  routeIds.set("root", "ROUTE(root)");
  const loggedErrors: string[] = [];
  const logger = pino({ level: "error" }, { write: (line: string) => void loggedErrors.push(line) });
  const app = createTestApp(handle, filesRoot, { build: await createRenderingBuild(), logger });
  return {
    handle,
    loggedErrors,
    fileIds,
    routeIds,
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      if (!headers.has("cookie")) headers.set("cookie", GOLDEN_VISITOR_COOKIE);
      return Promise.resolve(app.fetch(new Request(`http://localhost:3999${url}`, { ...init, headers })));
    },
    close: async () => {
      if (handle !== seeded) await handle.close();
      await seeded.close();
      fs.rmSync(filesRoot, { recursive: true, force: true });
    },
  };
}

/**
 * The golden site for the enclosing test file or block: `Date` faked to GOLDEN_NOW and the site
 * opened before its tests (then `prepare`, e.g. to rewrite demo items), the site closed and the
 * clock restored after them. Returns a getter, as the site exists only once `beforeAll` has run.
 */
export function goldenSiteForSuite(prepare?: (site: GoldenSite) => Promise<void> | void): () => GoldenSite {
  let site: GoldenSite | undefined;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: GOLDEN_NOW });
    site = await openGoldenSite();
    await prepare?.(site);
  }, 300_000);
  afterAll(async () => {
    vi.useRealTimers();
    await site?.close();
  });
  return () => {
    if (!site) throw new Error("the golden site is opened in beforeAll");
    return site;
  };
}

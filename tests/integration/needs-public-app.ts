import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ComponentType } from "react";
import { useActionData, useLoaderData, useMatches, useParams, type ServerBuild } from "react-router";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import * as entry from "#app/entry.server.tsx";
import * as root from "#app/root.tsx";
import * as layout from "#app/modules/core/routes/locale-layout.tsx";
import * as needsNew from "#app/modules/needs/public/routes/needs-new.tsx";
import * as needsStats from "#app/modules/needs/public/routes/needs-stats.tsx";
import * as needsStatsCsv from "#app/modules/needs/public/routes/needs-stats-csv.ts";
import * as needsTrack from "#app/modules/needs/public/routes/needs-track.tsx";
import * as needsTrackCase from "#app/modules/needs/public/routes/needs-track-case.tsx";
import * as needsTrackReceipt from "#app/modules/needs/public/routes/needs-track-receipt.ts";
import { signFormShownAt } from "#app/modules/needs/public/form-timing.server.ts";
import { formSigningKeyFor } from "../../server/csrf.ts";
import { createTestApp, TEST_APP_ORIGIN, TEST_APP_SECRET } from "../support/test-app.ts";
import { inProcessServerBuild } from "../support/server-build.ts";
import { createTestDatabase } from "../support/test-database.ts";

/** What the framework's compiler does to a route module: its component receives loaderData, actionData and params as props. */
function withProps<M extends object>(module: M): M {
  const component = (module as { default?: ComponentType<Record<string, unknown>> }).default;
  if (!component) return module;
  const Wrapped = () =>
    createElement(component, {
      loaderData: useLoaderData(),
      actionData: useActionData(),
      params: useParams(),
      matches: useMatches(),
    });
  return { ...module, default: Wrapped };
}

/** The needs pages with the real root, locale layout and entry: a React Router build made in the test. */
export function needsBuild(): ServerBuild {
  const routes = {
    root: { id: "root", path: "", module: withProps(root) },
    lang: { id: "lang", parentId: "root", path: ":lang", module: withProps(layout) },
    stats: { id: "stats", parentId: "lang", path: "needs", module: withProps(needsStats) },
    csv: { id: "csv", parentId: "lang", path: "needs/statistics.csv", module: needsStatsCsv },
    new: { id: "new", parentId: "lang", path: "needs/new", module: withProps(needsNew) },
    track: { id: "track", parentId: "lang", path: "needs/track", module: withProps(needsTrack) },
    trackCase: { id: "trackCase", parentId: "lang", path: "needs/track/:code", module: withProps(needsTrackCase) },
    trackReceipt: {
      id: "trackReceipt",
      parentId: "lang",
      path: "needs/track/:code/receipt.txt",
      module: needsTrackReceipt,
    },
  };
  const manifestRoutes = Object.fromEntries(
    Object.values(routes).map((r) => {
      const module = r.module as Record<string, unknown>;
      return [
        r.id,
        {
          id: r.id,
          parentId: "parentId" in r ? r.parentId : undefined,
          path: r.path,
          module: `/assets/${r.id}.js`,
          hasAction: "action" in module,
          hasLoader: "loader" in module,
          hasClientAction: false,
          hasClientLoader: false,
          hasClientMiddleware: false,
          hasErrorBoundary: "ErrorBoundary" in module,
        },
      ];
    }),
  );
  return inProcessServerBuild({
    entry: {
      module: {
        ...entry,
        handleError: (error: unknown) => {
          if (process.env.DEBUG_NEEDS) console.error(error);
        },
      },
    },
    routes,
    assets: {
      entry: { imports: [], module: "/assets/entry.js" },
      routes: manifestRoutes,
      url: "/assets/manifest.js",
      version: "test",
    },
  });
}

/** The real Hono app serving the needs pages over a test database, with a temporary file store. */
export function createNeedsTestApp(handle: DatabaseHandle) {
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "needs-files-"));
  const app = createTestApp(handle, filesRoot, { build: needsBuild() });
  return { app, filesRoot, cleanup: () => fs.rmSync(filesRoot, { recursive: true, force: true }) };
}

/** A `shownAt` value as the form would carry it, shown `agoMs` ago. */
export function shownAt(agoMs = 60_000): string {
  return signFormShownAt(formSigningKeyFor(TEST_APP_SECRET), new Date(Date.now() - agoMs));
}

/** A same-origin POST of a multipart form (the CSRF check passes on the Origin header). */
export function postForm(pathname: string, form: FormData, address = "203.0.113.1"): Request {
  return new Request(`${TEST_APP_ORIGIN}${pathname}`, {
    method: "POST",
    body: form,
    headers: { Origin: TEST_APP_ORIGIN, "X-Forwarded-For": address },
  });
}

/** A valid submission's fields (the test changes what it needs). */
export function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    category: "education",
    municipality: "20",
    description: "The school in our village has no heating this winter.",
    identity: "anonymous",
    shownAt: shownAt(),
    website: "",
    intent: "submit",
    ...overrides,
  };
}

/** Builds FormData from fields and files. */
export function formOf(
  fields: Record<string, string>,
  files: { name: string; bytes: Uint8Array; type?: string }[] = [],
): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files)
    form.append(
      "attachments",
      new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? "application/octet-stream" }),
    );
  return form;
}

/**
 * A test database and the needs app for a whole test file, with `TRUST_PROXY` set for the file
 * (restored after it) and, unless told otherwise, the rate limits cleared before each test. Read
 * `handle` and `app` inside tests and hooks (they are set in beforeAll).
 */
export function needsTestAppForFile(options: { trustProxy: boolean; clearRateLimits?: boolean }): {
  handle: DatabaseHandle;
  app: ReturnType<typeof createNeedsTestApp>;
} {
  const fixture = {} as { handle: DatabaseHandle; app: ReturnType<typeof createNeedsTestApp> };
  const previousTrustProxy = process.env.TRUST_PROXY;
  beforeAll(async () => {
    if (options.trustProxy) process.env.TRUST_PROXY = "true";
    else delete process.env.TRUST_PROXY;
    fixture.handle = await createTestDatabase();
    fixture.app = createNeedsTestApp(fixture.handle);
  });
  afterAll(async () => {
    if (previousTrustProxy === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = previousTrustProxy;
    fixture.app.cleanup();
    await fixture.handle.close();
  });
  if (options.clearRateLimits !== false) {
    beforeEach(async () => {
      await fixture.handle.db.deleteFrom("rate_limit").execute();
    });
  }
  return fixture;
}

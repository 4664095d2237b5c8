import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { isRouteErrorResponse, type ServerBuild } from "react-router";
import routes from "#app/routes.ts";
import { inProcessServerBuild } from "./server-build.ts";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

/** Every route of app/routes.ts, flattened with its parent, as React Router's build names them (the file without its extension). */
function flatten(
  entries: RouteConfigEntry[],
  parentId: string,
  out: { id: string; parentId: string; entry: RouteConfigEntry }[],
): typeof out {
  for (const entry of entries) {
    const id = entry.id ?? entry.file.replace(/\.[jt]sx?$/, "");
    out.push({ id, parentId, entry });
    if (entry.children) flatten(entry.children, id, out);
  }
  return out;
}

/**
 * A React Router server build of the real pages (every route module of app/routes.ts, loaded by the
 * test runner), whose document renderer writes no HTML: it answers with the status React Router
 * decided, so a loader, action or guard that throws shows as a 500 exactly as in production.
 * Rendering itself is covered by the browser tests; this is for driving the whole HTTP stack
 * (middleware, CSRF, session, routing, loaders and actions) in-process and fast.
 */
export async function createPageBuild(): Promise<{ build: ServerBuild; errors: unknown[] }> {
  const errors: unknown[] = [];
  const flat = flatten(await Promise.resolve(routes), "root", []);
  const built: Record<string, unknown> = {
    root: { id: "root", path: "", module: await import("#app/root.tsx") },
  };
  for (const { id, parentId, entry } of flat) {
    built[id] = {
      id,
      parentId,
      path: entry.path,
      index: entry.index,
      caseSensitive: entry.caseSensitive,
      module: (await import(/* @vite-ignore */ path.join(APP_DIR, entry.file))) as unknown,
    };
  }
  const build = inProcessServerBuild({
    entry: {
      module: {
        default: (_request: Request, status: number, headers: Headers) =>
          new Response(`status ${status}`, { status, headers }),
        handleError: (error: unknown) => {
          // React Router reports its own 4xx answers (405 for a page without an action) here too; they are not failures.
          if (isRouteErrorResponse(error) && error.status < 500) return;
          errors.push(error);
        },
      },
    },
    routes: built,
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
  });
  return { build, errors };
}

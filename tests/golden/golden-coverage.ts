import { matchRoutes, type RouteObject } from "react-router";
import routes from "#app/routes.ts";
import { flattenRoutes } from "./golden-site.ts";

/** The routes of app/routes.ts (pages, files and feeds) that none of `urls` reaches, as "path (route id)". */
export async function routesWithoutUrl(urls: readonly string[]): Promise<string[]> {
  const flat = flattenRoutes(await Promise.resolve(routes));
  const objects = new Map<string, RouteObject>();
  for (const { id, entry } of flat)
    objects.set(id, { id, path: entry.path, index: entry.index, children: [] } as RouteObject);
  for (const { id, parentId } of flat) if (parentId !== "root") objects.get(parentId)!.children!.push(objects.get(id)!);
  const tree = flat.filter((r) => r.parentId === "root").map((r) => objects.get(r.id)!);
  const reached = new Set<string>();
  for (const url of urls) {
    const leaf = matchRoutes(tree, new URL(url, "http://localhost").pathname)?.at(-1)?.route.id;
    if (leaf) reached.add(leaf);
  }
  return flat
    .filter(({ id, entry }) => !entry.children?.length && !reached.has(id))
    .map(({ fullPath, id }) => `${fullPath || "/"} (${id})`);
}

/** The operations of an OpenAPI document (`servers` /api/v1) that none of `urls` samples, as "METHOD /path". */
export function operationsWithoutUrl(
  document: { paths: Record<string, Record<string, unknown>> },
  urls: readonly string[],
): string[] {
  const sampled = urls
    .filter((url) => url.startsWith("/api/v1/"))
    .map((url) => new URL(url, "http://localhost").pathname.slice("/api/v1".length));
  const missing: string[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\\{[^}]+\\\}|\{[^}]+\}/g, "[^/]+")}$`,
    );
    for (const method of Object.keys(operations)) {
      // Only GET is recorded: an operation with another method needs a recording of its own kind.
      if (method !== "get" || !sampled.some((path) => pattern.test(path)))
        missing.push(`${method.toUpperCase()} ${template}`);
    }
  }
  return missing;
}

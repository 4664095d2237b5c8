import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import { matchRoutes, type RouteObject } from "react-router";
import { describe, expect, it } from "vitest";
import { apiRegistrationsOf, demoSeeders, jobHandlersOf, loadServerModules, taskProviders } from "./modules.server.ts";
import { MODULES, WORKSPACE_SECTIONS } from "./modules.ts";
import routes, { composeRoutes } from "./routes.ts";

/*
 * The composition root (decision 034): every module folder has a manifest and is listed once; the
 * routes React Router reads (app/routes.ts) are the modules' routes; every route file is routed by
 * the module it belongs to; and the routes match every URL as they did before the manifests.
 */

const appDir = path.dirname(fileURLToPath(import.meta.url));
const modulesDir = path.join(appDir, "modules");
const moduleFolders = readdirSync(modulesDir).filter((name) => statSync(path.join(modulesDir, name)).isDirectory());

interface RecordedRoute {
  id: string;
  path?: string;
  index?: boolean;
  file: string;
  children?: RecordedRoute[];
}

/** React Router's default route id: the file path under app/ without its extension. */
function routeId(entry: { id?: string; file: string }): string {
  return entry.id ?? entry.file.replace(/\.[^./]+$/, "");
}

function toRouteObjects(entries: readonly (RouteConfigEntry | RecordedRoute)[]): RouteObject[] {
  return entries.map((entry) =>
    entry.index
      ? { id: routeId(entry), index: true }
      : { id: routeId(entry), path: entry.path, children: toRouteObjects(entry.children ?? []) },
  );
}

function flatten<T extends { children?: T[] }>(entries: readonly T[]): T[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children ?? [])]);
}

/** What React Router builds from app/routes.ts: the app's root route around the route config. */
const effective = toRouteObjects([{ id: "root", path: "", file: "root.tsx", children: routes }]);

function routeFilesOnDisk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "+types" ? [] : routeFilesOnDisk(full);
    const inRoutes = full.split(path.sep).includes("routes");
    return inRoutes && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [path.relative(appDir, full).split(path.sep).join("/")]
      : [];
  });
}

/**
 * URLs that exercise every route: each route's path with its parameters filled by a neutral value,
 * and each parameter in turn by every static segment another route has in that place (so a static
 * route next to a dynamic one is tried both ways), plus a few paths no route names.
 */
function probeUrls(recorded: readonly RecordedRoute[]): string[] {
  const patterns: string[][] = [];
  const walk = (entries: readonly RecordedRoute[], prefix: string[]) => {
    for (const entry of entries) {
      const full = entry.path ? [...prefix, ...entry.path.split("/").filter(Boolean)] : prefix;
      patterns.push(full);
      walk(entry.children ?? [], full);
    }
  };
  walk(recorded, []);
  const isParam = (segment: string) => segment.startsWith(":") || segment === "*";
  const fill = (pattern: string[], at: number, value: string) =>
    `/${pattern.map((segment, i) => (i === at ? value : isParam(segment) ? "sample-1" : segment)).join("/")}`;
  const urls = new Set<string>(["/", "/sq/no/such/page", "/xx", "/sq/workspace/no-such-section"]);
  for (const pattern of patterns) {
    urls.add(fill(pattern, -1, ""));
    pattern.forEach((segment, at) => {
      if (!isParam(segment)) return;
      for (const other of patterns) {
        const value = other[at];
        const samePlace = other
          .slice(0, at)
          .every((s, i) => s === pattern[i] || isParam(s) || isParam(pattern[i] ?? ""));
        if (value && !isParam(value) && samePlace) urls.add(fill(pattern, at, value));
      }
    });
  }
  return [...urls];
}

const matchedIds = (config: RouteObject[], url: string) =>
  (matchRoutes(config, url) ?? []).map((match) => match.route.id);

describe("the composition root", () => {
  it("has a manifest for every module folder, named after it, listed exactly once", () => {
    for (const folder of moduleFolders)
      expect(existsSync(path.join(modulesDir, folder, "module.ts")), `app/modules/${folder}/module.ts`).toBe(true);
    expect(MODULES.map((module) => module.name).sort()).toEqual([...moduleFolders].sort());
    expect(new Set(MODULES.map((module) => module.name)).size).toBe(MODULES.length);
  });

  it("reaches every module's server half, and only those that exist", async () => {
    for (const module of MODULES) {
      expect(module.server !== undefined, `${module.name}: module.server.ts and the manifest's server`).toBe(
        existsSync(path.join(modulesDir, module.name, "module.server.ts")),
      );
    }
    expect((await loadServerModules()).map((module) => module.name)).toEqual(MODULES.map((module) => module.name));
  });

  it("gives React Router exactly the modules' routes (app/routes.ts is derived from MODULES)", () => {
    expect(routes).toEqual(composeRoutes(MODULES));
    const files = flatten(routes).map((entry) => entry.file);
    expect(new Set(files).size).toBe(files.length);
    for (const file of files) expect(existsSync(path.join(appDir, file)), file).toBe(true);
  });

  it("routes every route file once, through the module whose folder holds it", () => {
    const routed = new Map<string, string>();
    for (const module of MODULES) {
      for (const place of ["root", "public", "workspace"] as const) {
        for (const entry of flatten(module.routes?.[place] ?? [])) {
          expect(entry.file.startsWith(`modules/${module.name}/`), `${entry.file} listed by ${module.name}`).toBe(true);
          routed.set(entry.file, module.name);
        }
      }
    }
    const frame = [
      "modules/core/routes/locale-layout.tsx",
      "modules/workspace/routes/workspace-layout.tsx",
      "modules/core/routes/not-found.tsx",
    ];
    expect([...routed.keys(), ...frame].sort()).toEqual(routeFilesOnDisk(modulesDir).sort());
  });

  it("matches every URL to the same route as before the manifests (only the order of siblings changed)", () => {
    const before = JSON.parse(
      readFileSync(path.join(appDir, "../tests/fixtures/routes-before-034.json"), "utf8"),
    ) as RecordedRoute[];
    // Routes added after the restructuring (each a new page, not a moved one) are the only ones not in the recording.
    const addedSince = ["modules/needs/public/routes/needs-track-receipt", "modules/pages/routes/translations"];
    expect(
      flatten(effective.map((r) => r))
        .map((r) => r.id)
        .filter((id) => !addedSince.includes(id ?? ""))
        .sort(),
    ).toEqual(
      flatten(before)
        .map((r) => r.id)
        .sort(),
    );
    expect(flatten(effective.map((r) => r)).map((r) => r.id)).toEqual(expect.arrayContaining(addedSince));
    const previous = toRouteObjects(before);
    const urls = probeUrls(before);
    expect(urls.length).toBeGreaterThan(200);
    const differing = urls.filter((url) => matchedIds(effective, url).join() !== matchedIds(previous, url).join());
    expect(differing).toEqual([]);
  }, 180_000);

  it("shadows no route: each route's own URL reaches it", () => {
    const walk = (entries: readonly RouteObject[], prefix: string): void => {
      for (const entry of entries) {
        const full = entry.path ? `${prefix}/${entry.path}`.replace(/\/+/g, "/") : prefix;
        if (!entry.children?.length) {
          const url = (full || "/")
            .replace(":lang", "sq")
            .replace(/:[^/]+/g, "sample-1")
            .replace("*", "no-such-page");
          expect(matchedIds(effective, url).at(-1), url).toBe(entry.id);
        }
        walk(entry.children ?? [], full);
      }
    };
    walk(effective, "");
  }, 180_000);
});

describe("host types", () => {
  it("come from the shared layer: no module's code imports server/ or the workspace module", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "+types" ? [] : sources(full);
        return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
      });
    const offending = sources(modulesDir).flatMap((file) => {
      const imports = [...readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].map((match) => match[1] ?? "");
      const inWorkspace = path.relative(modulesDir, file).startsWith(`workspace${path.sep}`);
      return imports
        .filter(
          (target) => /^(\.\.\/)+server\//.test(target) || (!inWorkspace && target.includes("modules/workspace/")),
        )
        .map((target) => `${path.relative(appDir, file)} → ${target}`);
    });
    expect(offending).toEqual([]);
  });
});

describe("registries derived from the manifests", () => {
  it("shows the workspace menu in its fixed order", () => {
    expect(WORKSPACE_SECTIONS.map((section) => section.key)).toEqual([
      "dashboard",
      "profile",
      "needs",
      "needsBriefing",
      "projects",
      "library",
      "plans",
      "reporting",
      "publishing",
      "recommendations",
      "organisations",
      "users",
      "audit",
      "outbox",
    ]);
    expect(new Set(WORKSPACE_SECTIONS.map((section) => section.position)).size).toBe(WORKSPACE_SECTIONS.length);
  });

  it("registers the API in the order of the published OpenAPI document", async () => {
    const registrations = apiRegistrationsOf(await loadServerModules());
    const owners = new Map(
      (await loadServerModules()).flatMap((module) => (module.api ?? []).map((api) => [api, module.name] as const)),
    );
    expect(registrations.map((registration) => owners.get(registration))).toEqual([
      "municipalities",
      "reference",
      "clearing-house",
      "clearing-house",
      "clearing-house",
      "search",
      "plans",
      "needs",
      "plans",
      "projects",
      "projects",
    ]);
  });

  it("seeds the demo content in dependency order, then the story (the demo's ids depend on it)", async () => {
    const modules = await loadServerModules();
    const ownerOf = new Map(
      modules.flatMap((module) =>
        [module.demo?.content, module.demo?.story]
          .filter((seeder) => seeder !== undefined)
          .map((seeder) => [seeder, module.name] as const),
      ),
    );
    const names = (seeders: Awaited<ReturnType<typeof demoSeeders>>) => seeders.map((seeder) => ownerOf.get(seeder));
    const contentOrder = ["pages", "plans", "library", "projects", "needs", "clearing-house"];
    expect(names(await demoSeeders({ story: false }))).toEqual(contentOrder);
    // The story comes after all the content.
    expect(names(await demoSeeders())).toEqual([...contentOrder, "projects", "clearing-house", "reporting"]);
  });

  it("collects every job kind once and every task provider", async () => {
    const modules = await loadServerModules();
    // Collecting handlers only reads the context; nothing runs here.
    const context: Parameters<typeof jobHandlersOf>[1] = {
      db: null as never,
      files: null as never,
      mailTransport: null,
      logger: null as never,
      publicUrl: "https://cap.example.org",
      needsRetentionMonths: 24,
    };
    const kinds = Object.keys(jobHandlersOf(modules, context));
    expect(kinds).toEqual(expect.arrayContaining(["planning.import", "reporting.compile", "reporting.reminders"]));
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(await taskProviders()).toHaveLength(5);
    const twice = [...modules, { name: "copy", jobs: modules.find((module) => module.name === "identity")?.jobs }];
    expect(() => jobHandlersOf(twice, context)).toThrow(/declared twice/);
  });
});

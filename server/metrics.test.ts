import { matchRoutes, type RouteObject, type ServerBuild } from "react-router";
import { describe, expect, it } from "vitest";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import appRoutes from "#app/routes.ts";
import { pageRoutePatterns } from "./metrics.ts";

// A route tree shaped like the app's: a root, the locale layout, index routes, parameters at
// several depths, a static segment that is also a plausible parameter value, optional segments
// and the not-found splat.
const ROUTES: { id: string; parentId?: string; path?: string; index?: boolean }[] = [
  { id: "root", path: "" },
  { id: "home-redirect", parentId: "root", index: true },
  { id: "sitemap", parentId: "root", path: "sitemap.xml" },
  { id: "lang", parentId: "root", path: ":lang" },
  { id: "lang-home", parentId: "lang", index: true },
  { id: "needs", parentId: "lang", path: "needs" },
  { id: "needs-new", parentId: "lang", path: "needs/new" },
  { id: "needs-track", parentId: "lang", path: "needs/track/:code?" },
  { id: "needs-receipt", parentId: "lang", path: "needs/track/:code/receipt.txt" },
  { id: "projects", parentId: "lang", path: "projects" },
  { id: "projects-3w", parentId: "lang", path: "projects/3w" },
  { id: "project", parentId: "lang", path: "projects/:id" },
  { id: "workspace", parentId: "lang", path: "workspace" },
  { id: "ws-case", parentId: "workspace", path: "needs/:caseId" },
  { id: "ws-plan", parentId: "workspace", path: "plans/strategies/:id/plans/:planId" },
  { id: "not-found", parentId: "lang", path: "*" },
];

function fakeBuild(): ServerBuild {
  const routes = Object.fromEntries(ROUTES.map((r) => [r.id, { ...r, module: {} }]));
  return { routes } as unknown as ServerBuild;
}

/** The label computed directly with React Router's matcher, as before the cache. */
function directLabel(pathname: string): string {
  const build = fakeBuild();
  const toObject = (id: string): RouteObject => {
    const route = build.routes[id]!;
    const kids = ROUTES.filter((r) => r.parentId === id).map((r) => toObject(r.id));
    return route.index ? { id, index: true, path: route.path } : { id, path: route.path, children: kids };
  };
  const tree = ROUTES.filter((r) => !r.parentId).map((r) => toObject(r.id));
  const matches = matchRoutes(tree, pathname);
  if (!matches) return "unmatched";
  const pattern = matches
    .map((m) => m.route.path)
    .filter((p): p is string => Boolean(p))
    .join("/")
    .replace(/\/+/g, "/");
  return `/${pattern.replace(/^\//, "")}`;
}

describe("page route labels for the metrics", () => {
  const paths = [
    "/",
    "/sitemap.xml",
    "/en",
    "/en/",
    "/sr-cyrl/needs",
    "/sq/needs/new",
    "/en/needs/track",
    "/en/needs/track/ABCD-EFGH-JK",
    "/en/needs/track/new",
    "/en/needs/track/ABCD/receipt.txt",
    "/EN/Needs/Track/x",
    "/en/projects",
    "/en/projects/3w",
    "/en/projects/3W",
    "/en/projects/2147483648",
    "/en/projects/needs",
    "/en/workspace",
    "/en/workspace/needs/12",
    "/en/workspace/needs/needs",
    "/en/workspace/plans/strategies/1/plans/2",
    "/en/workspace/plans/strategies/1/plans",
    "/en/a/b/c/d/e/f",
    "/needs",
    "/workspace/needs/1",
    "/en/%00",
    "/en/needs/track/%E2%82%AC",
  ];

  it.each(paths)("labels %s as React Router's own matcher does", (pathname) => {
    expect(pageRoutePatterns(fakeBuild())(pathname)).toBe(directLabel(pathname));
  });

  it("labels a client navigation's data request with its page's pattern, marked as data", () => {
    const label = pageRoutePatterns(fakeBuild());
    expect(label("/en/projects.data")).toBe("/:lang/projects.data");
    expect(label("/en/projects/3w.data")).toBe("/:lang/projects/3w.data");
    expect(label("/en/projects/17.data")).toBe("/:lang/projects/:id.data");
    expect(label("/en/workspace/needs/12.data")).toBe("/:lang/workspace/needs/:caseId.data");
    expect(label("/en.data")).toBe(`${directLabel("/en")}.data`);
    expect(label("/_root.data")).toBe(`${directLabel("/")}.data`);
    // Every data path is labelled as its page is, whatever the page.
    for (const page of ["/en/needs", "/en/needs/track/ABC", "/en/a/b/c", "/sitemap.xml"])
      expect(label(`${page}.data`)).toBe(`${directLabel(page)}.data`);
  });

  it("gives paths of one shape one label, whatever the parameter values, and keeps answering after many shapes", () => {
    const label = pageRoutePatterns(fakeBuild());
    for (let i = 0; i < 1_000; i++) {
      const code = Math.random().toString(36).slice(2);
      expect(label(`/en/needs/track/${code}`)).toBe("/:lang/needs/track/:code?");
      // Ever deeper random paths: more shapes than the cache keeps.
      const deep = `/en/${Array.from({ length: 1 + (i % 40) }, () => code).join("/")}/${i}`;
      expect(label(deep)).toBe(directLabel(deep));
    }
    expect(label("/en/projects/3w")).toBe("/:lang/projects/3w");
  });

  it("labels every page of the app as React Router's own matcher does, on its real route tree", () => {
    // The app's route config as a build's route list (root → locale layout → modules' routes).
    const routes: { id: string; parentId?: string; path?: string; index?: boolean }[] = [{ id: "root", path: "" }];
    const add = (entries: RouteConfigEntry[], parentId: string) =>
      entries.forEach((entry, i) => {
        const id = `${parentId}/${i}`;
        routes.push({ id, parentId, path: entry.path, index: entry.index });
        if (entry.children) add(entry.children, id);
      });
    add(appRoutes, "root");
    const build = {
      routes: Object.fromEntries(routes.map((r) => [r.id, { ...r, module: {} }])),
    } as unknown as ServerBuild;
    const toObject = (id: string): RouteObject => {
      const route = routes.find((r) => r.id === id)!;
      const kids = routes.filter((r) => r.parentId === id).map((r) => toObject(r.id));
      return route.index ? { id, index: true, path: route.path } : { id, path: route.path, children: kids };
    };
    const tree = [toObject("root")];
    const direct = (pathname: string) => {
      const matches = matchRoutes(tree, pathname);
      if (!matches) return "unmatched";
      return `/${matches
        .map((m) => m.route.path)
        .filter((p): p is string => Boolean(p))
        .join("/")
        .replace(/\/+/g, "/")
        .replace(/^\//, "")}`;
    };
    // Every pattern with its parameters filled in three ways (a number, a word, a static segment of
    // another route), optional segments present and absent, and with extra segments after it.
    const patterns = new Set<string>();
    const fullPaths = (parentPath: string, id: string) => {
      const route = routes.find((r) => r.id === id)!;
      const path = [parentPath, route.path ?? ""].filter(Boolean).join("/");
      patterns.add(path);
      for (const child of routes.filter((r) => r.parentId === id)) fullPaths(path, child.id);
    };
    fullPaths("", "root");
    const fillers = ["12", "gracanica", "new", "2147483648"];
    const samples: string[] = [];
    for (const pattern of patterns) {
      for (const filler of fillers) {
        const filled = pattern
          .split("/")
          .map((segment) =>
            segment === "*"
              ? "a/b"
              : segment.startsWith(":")
                ? segment === ":lang" || segment === ":lang?"
                  ? "en"
                  : filler
                : segment,
          );
        const withOptional = filled.map((segment, i) =>
          pattern.split("/")[i]?.endsWith("?") && !pattern.split("/")[i]?.startsWith(":")
            ? segment.replace(/\?$/, "")
            : segment,
        );
        samples.push(
          `/${withOptional.join("/")}`,
          `/${withOptional.join("/")}/extra`,
          `/${withOptional.filter((_, i) => !pattern.split("/")[i]?.endsWith("?")).join("/")}`,
        );
      }
    }
    expect(samples.length).toBeGreaterThan(300);
    const label = pageRoutePatterns(build);
    for (const sample of samples) expect(label(sample), sample).toBe(direct(sample));
  });
});

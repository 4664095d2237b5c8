/**
 * `npm run docs:lists` rewrites the lists of docs/architecture.md that drift when written by hand —
 * the modules with what each declares (from the manifests of app/modules.ts and their server halves)
 * and the decision records (from docs/decisions/*.md) — between `<!-- generated:<name> -->` and
 * `<!-- /generated:<name> -->`. `npm run docs:lists -- --check` (and scripts/architecture-lists.test.ts,
 * part of `npm test`) fails when the file is not what the generator writes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import type { ModuleManifest, ModuleJobContext, ServerModuleManifest, ApiEnv } from "#app/services/module-contract.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ARCHITECTURE_FILE = path.join(ROOT, "docs", "architecture.md");
const DECISIONS_DIR = path.join(ROOT, "docs", "decisions");

/** The URL paths of a list of route entries (nested ones joined to their parent's), in order. */
export function routePaths(entries: readonly RouteConfigEntry[] | undefined, prefix = ""): string[] {
  return (entries ?? []).flatMap((entry) => {
    const own = entry.index ? prefix : entry.path ? `${prefix}/${entry.path}` : prefix;
    const children = routePaths(entry.children, own);
    return entry.index || entry.path ? [own || "/", ...children] : children;
  });
}

/** The `/api/v1` operations a server half registers, as "METHOD /path", in registration order. */
export function apiOperations(server: ServerModuleManifest): string[] {
  const api = new OpenAPIHono<ApiEnv>();
  for (const registration of [...(server.api ?? [])].sort((a, b) => a.position - b.position))
    registration.register(api);
  // A route with validators is listed once per handler: name each operation once.
  return [
    ...new Set(
      api.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    ),
  ];
}

/** Job kinds of a server half; the handlers are only named, never run. */
export function jobKinds(server: ServerModuleManifest): string[] {
  return Object.keys(server.jobs?.({} as ModuleJobContext) ?? {});
}

const code = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(", ");
const cell = (items: readonly string[]) => (items.length === 0 ? "–" : code(items));

/** The module table: one row per module of the composition root, in its order. */
export function renderModuleTable(
  modules: readonly { manifest: ModuleManifest; server: ServerModuleManifest }[],
): string {
  const rows = modules.map(({ manifest, server }) => {
    const root = routePaths(manifest.routes?.root);
    const pub = routePaths(manifest.routes?.public).map((p) => `/{lang}${p === "/" ? "" : p}`);
    const workspace = routePaths(manifest.routes?.workspace).map((p) => `…/workspace${p === "/" ? "" : p}`);
    const sections = (manifest.workspaceSections ?? []).map((s) => s.path || "(dashboard)");
    const schedules = (server.schedules ?? []).map((s) => `${s.kind} (${s.everyMinutes} min)`);
    const demo = Object.keys(server.demo ?? {});
    const extras = [
      server.tasks?.length ? `${server.tasks.length} task provider${server.tasks.length > 1 ? "s" : ""}` : "",
      server.fileOwners?.length
        ? `${server.fileOwners.length} file owner${server.fileOwners.length > 1 ? "s" : ""}`
        : "",
      server.pageSections?.municipality?.length ? "a section of the municipality page" : "",
      demo.length ? `demo ${demo.join(" + ")}` : "",
    ].filter(Boolean);
    return `| \`${manifest.name}\` | ${cell([...root.map((p) => (p.startsWith("/") ? p : `/${p}`)), ...pub])} | ${cell(workspace)} | ${cell(sections)} | ${cell(apiOperations(server))} | ${cell([...jobKinds(server), ...schedules.map((s) => `every ${s}`)])} | ${extras.join(", ") || "–"} |`;
  });
  return [
    "| Module | Pages | Workspace pages | Menu sections | `/api/v1` operations | Jobs and schedules | Also |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The decision records, by number, linked with their titles (the first heading of each file). */
export function renderDecisionList(files: readonly { name: string; text: string }[]): string {
  return [...files]
    .filter((f) => /^\d{3}-.*\.md$/.test(f.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => {
      const heading = /^#\s+(.+)$/m.exec(f.text)?.[1]?.trim() ?? f.name;
      const title = heading.replace(/^\d{3}\s*[.–—:-]\s*/, "");
      return `- [${f.name.slice(0, 3)}. ${title}](decisions/${f.name})`;
    })
    .join("\n");
}

/** `doc` with the text between the markers of `name` replaced; an error when the markers are missing. */
export function replaceGenerated(doc: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/architecture.md has no ${start} … ${end} section.`);
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`;
}

/** docs/architecture.md as the generator writes it, from the current modules and decision records. */
export async function generateArchitecture(doc: string): Promise<string> {
  const { MODULES } = await import("#app/modules.ts");
  const modules = await Promise.all(
    MODULES.map(async (manifest) => ({ manifest, server: manifest.server ? (await manifest.server()).default : {} })),
  );
  const decisions = fs
    .readdirSync(DECISIONS_DIR)
    .map((name) => ({ name, text: fs.readFileSync(path.join(DECISIONS_DIR, name), "utf8") }));
  return replaceGenerated(
    replaceGenerated(doc, "modules", renderModuleTable(modules)),
    "decisions",
    renderDecisionList(decisions),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = fs.readFileSync(ARCHITECTURE_FILE, "utf8");
  const next = await generateArchitecture(current);
  if (process.argv.includes("--check")) {
    if (next !== current) {
      console.error("docs/architecture.md: the generated lists are stale; run `npm run docs:lists`.");
      process.exit(1);
    }
    console.log("docs/architecture.md: the generated lists are current.");
  } else if (next !== current) {
    fs.writeFileSync(ARCHITECTURE_FILE, next);
    console.log("docs/architecture.md: generated lists rewritten.");
  } else {
    console.log("docs/architecture.md: already current.");
  }
  process.exit(0);
}

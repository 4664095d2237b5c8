import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config, { MODULE_ORDER } from "../../.dependency-cruiser.mjs";

// The dependency rules of `npm run lint` (.dependency-cruiser.mjs, decision 035): each rule must report a
// violation planted for it in a small tree, allowed imports must pass, and the real tree must pass (its
// known violations, listed in .dependency-cruiser-known-violations.json, aside).

const root = path.resolve(import.meta.dirname, "../..");
const ruleSet = { forbidden: config.forbidden };

/** [from, to] of every violation of one rule. */
function violationsOf(result: ICruiseResult, rule: string): [string, string][] {
  return (result.summary.violations as IViolation[])
    .filter((violation) => violation.rule.name === rule)
    .map((violation) => [violation.from, violation.to]);
}

describe("the dependency rules on a planted tree", () => {
  let dir = "";
  let result: ICruiseResult;

  /** Files of the planted tree: path → content. Relative imports, as enhanced-resolve sees them. */
  const files: Record<string, string> = {
    // no-circular: two shared services importing each other.
    "app/services/first.ts": 'import { second } from "./second.ts";\nexport const first = () => second;\n',
    "app/services/second.ts": 'import { first } from "./first.ts";\nexport const second = () => first;\n',
    // shared-layer-imports-module: the shared layer reaching into a module.
    "app/components/header.tsx":
      'import { search } from "../modules/search/search.queries.server.ts";\nexport const header = search;\n',
    // app-imports-server: app/ reaching into server/ (for a type, as ApiEnv once was).
    "app/services/api-types.ts": 'import type { ApiEnv } from "../../server/api.ts";\nexport type Env = ApiEnv;\n',
    "server/api.ts": "export type ApiEnv = { Variables: Record<string, never> };\n",
    // module-imports-composition-root: a module importing the list of modules.
    "app/modules/workspace/sections.ts":
      'import { MODULES } from "../../modules.ts";\nexport const sections = MODULES;\n',
    // sql-in-route: a .tsx route importing kysely, a .ts route one folder down importing the database handle.
    "app/modules/core/routes/home.tsx": 'import { sql } from "kysely";\nexport const loader = () => sql;\n',
    "app/modules/needs/public/routes/needs-feed.ts":
      'import type { Db } from "../../../../db/client.server.ts";\nexport const loader = (db: Db) => db;\n',
    "app/db/client.server.ts": "export type Db = { kind: string };\n",
    "node_modules/kysely/package.json": '{ "name": "kysely", "version": "0.0.0", "main": "index.js" }\n',
    "node_modules/kysely/index.js": "exports.sql = () => null;\n",
    // module-internals: news using core's component (core comes first, so the order allows the import).
    "app/modules/news/news-card.tsx":
      'import { Banner } from "../core/components/banner.tsx";\nexport const card = Banner;\n',
    "app/modules/core/components/banner.tsx": "export const Banner = () => null;\n",
    // Allowed: the composition root lists modules; a route calls its own module's queries; a module imports
    // an earlier module's queries; a test reaches anywhere.
    "app/modules.ts": 'import { home } from "./modules/core/module.ts";\nexport const MODULES = [home];\n',
    "app/modules/core/module.ts": "export const home = 1;\n",
    "app/modules/search/search.queries.server.ts": "export const search = 1;\n",
    "app/modules/search/routes/search.tsx":
      'import { search } from "../search.queries.server.ts";\nimport { Banner } from "../../core/core.view.ts";\nexport const loader = () => [search, Banner];\n',
    "app/modules/core/core.view.ts": "export const Banner = 1;\n",
    "app/modules/planning/planning.test.ts":
      'import { sections } from "../workspace/sections.ts";\nimport { header } from "../../components/header.tsx";\nimport { MODULES } from "../../modules.ts";\nexport const all = [sections, header, MODULES];\n',
  };
  // module-order: every module but the last imports the module listed right after it.
  MODULE_ORDER.slice(0, -1).forEach((module, index) => {
    const next = MODULE_ORDER[index + 1];
    files[`app/modules/${module}/order-probe.ts`] =
      `import { probe as next } from "../${next}/order-probe-target.ts";\nexport const probe = next;\n`;
  });
  MODULE_ORDER.slice(1).forEach((module) => {
    files[`app/modules/${module}/order-probe-target.ts`] = "export const probe = 1;\n";
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dependency-rules-"));
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    const output = await cruise(["app", "server"], {
      ...config.options,
      tsConfig: undefined,
      ruleSet,
      validate: true,
      baseDir: dir,
    });
    result = output.output as ICruiseResult;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("no-circular: reports an import cycle", () => {
    const cycles = (result.summary.violations as IViolation[]).filter(
      (violation) => violation.rule.name === "no-circular",
    );
    expect(cycles).toHaveLength(1); // reported once, from one of its files
    const members = [cycles[0]!.from, ...(cycles[0]!.cycle ?? []).map((step) => step.name)];
    expect(new Set(members)).toEqual(new Set(["app/services/first.ts", "app/services/second.ts"]));
  });

  it("module-order: reports every module importing the module listed after it", () => {
    const expected = MODULE_ORDER.slice(0, -1).map((module, index) => [
      `app/modules/${module}/order-probe.ts`,
      `app/modules/${MODULE_ORDER[index + 1]}/order-probe-target.ts`,
    ]);
    expect(violationsOf(result, "module-order").sort()).toEqual(expected.sort());
  });

  it("shared-layer-imports-module: reports the shared layer importing a module, not the composition root nor tests", () => {
    expect(violationsOf(result, "shared-layer-imports-module")).toEqual([
      ["app/components/header.tsx", "app/modules/search/search.queries.server.ts"],
    ]);
  });

  it("module-imports-composition-root: reports a module importing app/modules.ts", () => {
    expect(violationsOf(result, "module-imports-composition-root")).toEqual([
      ["app/modules/workspace/sections.ts", "app/modules.ts"],
    ]);
  });

  it("app-imports-server: reports app/ importing server/, type-only imports included", () => {
    expect(violationsOf(result, "app-imports-server")).toEqual([["app/services/api-types.ts", "server/api.ts"]]);
  });

  it("sql-in-route: reports kysely and the database handle in .tsx and .ts route files, wherever the routes folder is", () => {
    expect(violationsOf(result, "sql-in-route").sort()).toEqual([
      ["app/modules/core/routes/home.tsx", "node_modules/kysely/index.js"],
      ["app/modules/needs/public/routes/needs-feed.ts", "app/db/client.server.ts"],
    ]);
  });

  it("module-internals: reports a module importing another module's component", () => {
    expect(violationsOf(result, "module-internals")).toEqual([
      ["app/modules/news/news-card.tsx", "app/modules/core/components/banner.tsx"],
    ]);
  });

  it("reports nothing else: every rule of the configuration is planted above, and the allowed imports pass", () => {
    const planted = new Set([
      "no-circular",
      "module-order",
      "shared-layer-imports-module",
      "module-imports-composition-root",
      "app-imports-server",
      "sql-in-route",
      "module-internals",
    ]);
    expect(new Set(config.forbidden.map((rule) => rule.name))).toEqual(planted);
    const unexpected = (result.summary.violations as IViolation[]).filter(
      (violation) =>
        violation.from.startsWith("app/modules/planning/") ||
        violation.from === "app/modules.ts" ||
        violation.from === "app/modules/search/routes/search.tsx",
    );
    expect(unexpected).toEqual([]);
    expect(result.summary.error).toBe(1 + (MODULE_ORDER.length - 1) + 1 + 1 + 1 + 2 + 1);
  });
});

describe("the dependency rules on the real tree", () => {
  it("MODULE_ORDER lists every module folder exactly once", async () => {
    const folders = (await readdir(path.join(root, "app/modules"), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect([...MODULE_ORDER].sort()).toEqual(folders.sort());
    expect(new Set(MODULE_ORDER).size).toBe(MODULE_ORDER.length);
  });

  it("app/ and server/ break no rule apart from the known violations, and every known violation still exists", async () => {
    const knownViolations = JSON.parse(
      await readFile(path.join(root, ".dependency-cruiser-known-violations.json"), "utf8"),
    ) as IViolation[];
    const tsConfig = extractTSConfig(path.join(root, "tsconfig.json"));
    const output = await cruise(
      ["app", "server"],
      { ...config.options, ruleSet, validate: true, baseDir: root, knownViolations },
      undefined,
      { tsConfig },
    );
    const result = output.output as ICruiseResult;
    const open = (result.summary.violations as IViolation[]).filter(
      (violation) => violation.rule.severity !== "ignore",
    );
    expect(open.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)).toEqual([]);
    // A known violation that was fixed must leave the list (npx depcruise-baseline app server), so that it cannot come back unnoticed.
    const found = new Set(
      (result.summary.violations as IViolation[]).map(
        (violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`,
      ),
    );
    const stale = knownViolations
      .map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)
      .filter((key) => !found.has(key));
    expect(stale).toEqual([]);
    expect(result.summary.totalCruised).toBeGreaterThan(500);
  });
});

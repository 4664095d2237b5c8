// The dependency rules of the code base (issue 13, decision 035), checked by `npm run lint` and so by CI.
// Every rule is an error. Test files (*.test.ts(x)) are not held to them: a test may reach anywhere.
// tests/integration/dependency-rules.test.ts plants one violation per rule and checks that each is reported.

/**
 * The modules in dependency order: a module may import the modules listed BEFORE it, never one listed
 * after it. A cycle between modules (a → … → a) always needs such an import, so this order is what makes
 * the module graph acyclic; it is not the order of app/modules.ts (that one fixes the demo seed's order).
 * A new module goes after the modules it imports.
 */
export const MODULE_ORDER = [
  "reference",
  "core",
  "audit",
  "municipalities",
  "organisations",
  "identity",
  "mail",
  "search",
  "clearing-house",
  "needs",
  "workspace",
  "pages",
  "projects",
  "library",
  "reporting",
  "plans",
];

const TESTS = "\\.test\\.tsx?$";
/** The composition roots: the only files outside app/modules/ that list modules. */
const COMPOSITION_ROOTS = "^app/(modules|modules\\.server|routes)\\.ts$|^app/root\\.tsx$";
/** Route modules, wherever they sit in a module (needs has public/routes and workspace/routes). */
const ROUTE_FILES = "^app/modules/[^/]+/(routes|[^/]+/routes)/";

/** One rule per module: it imports none of the modules after it in MODULE_ORDER. */
const moduleOrderRules = MODULE_ORDER.slice(0, -1).map((module, index) => ({
  name: "module-order",
  severity: "error",
  comment:
    `Module "${module}" imports a module listed after it in MODULE_ORDER (.dependency-cruiser.mjs), which would let ` +
    "the two import each other. Turn the import around, move the shared piece into the module that owns it or into " +
    "the shared layer, or pass it through the composition root (app/modules.ts, app/modules.server.ts).",
  from: { path: `^app/modules/${module}/`, pathNot: TESTS },
  to: { path: `^app/modules/(${MODULE_ORDER.slice(index + 1).join("|")})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "An import cycle inside app/ or server/ (type-only imports included): one of the files must not import the other.",
      from: { path: "^(app|server)/" },
      to: { circular: true },
    },
    ...moduleOrderRules,
    {
      name: "shared-layer-imports-module",
      severity: "error",
      comment:
        "The shared layer (app/ outside app/modules/) never imports a module; only the composition roots " +
        "(app/modules.ts, app/modules.server.ts, app/routes.ts, app/root.tsx) list modules. Move the piece into the " +
        "shared layer, or let the module hand it over through its manifest.",
      from: { path: "^app/", pathNot: `^app/modules/|${COMPOSITION_ROOTS}|${TESTS}` },
      to: { path: "^app/modules/" },
    },
    {
      name: "module-imports-composition-root",
      severity: "error",
      comment:
        "A module never imports the composition root (app/modules.ts, app/modules.server.ts, app/routes.ts, app/root.tsx): what it needs from the host is in app/services/module-contract.ts or is handed to it.",
      from: { path: "^app/modules/", pathNot: TESTS },
      to: { path: COMPOSITION_ROOTS },
    },
    {
      name: "app-imports-server",
      severity: "error",
      comment:
        "Nothing in app/ imports server/: the types modules need from the host live in app/services/module-contract.ts.",
      from: { path: "^app/", pathNot: TESTS },
      to: { path: "^server/" },
    },
    {
      name: "sql-in-route",
      severity: "error",
      comment:
        "Route files hold no SQL: they call their module's queries and commands with context.db, and import neither kysely, a database driver nor the database handle (app/db/client.server.ts).",
      from: { path: ROUTE_FILES, pathNot: TESTS },
      to: {
        path: "(^|/)node_modules/(kysely|pg|@electric-sql/pglite)/|^app/db/(client|pglite-dialect)\\.server\\.ts$",
      },
    },
    {
      name: "module-internals",
      severity: "error",
      comment:
        "A module uses another module only through its queries, commands, schemas, policies and services — never its routes/, components/ or manifest (module.ts, module.server.ts), which are for the module itself and the composition root.",
      from: { path: "^app/modules/([^/]+)/", pathNot: TESTS },
      to: {
        path: "^app/modules/[^/]+/(routes/|components/|[^/]+/routes/|[^/]+/components/|module\\.ts$|module\\.server\\.ts$)",
        pathNot: "^app/modules/$1/",
      },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "^(build|\\.react-router)/|/\\+types/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

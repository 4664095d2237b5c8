import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..");

// Must stay the same as scripts/start.mjs, so a build made here is reused by `npm start`.
const SOURCES = ["app", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];
const STAMP_FILE = path.join(ROOT, "build", ".source-hash");
const SERVER_ENTRY = path.join(ROOT, "build", "server", "index.js");

function* walk(target: string): Generator<string> {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield target;
    return;
  }
  for (const entry of fs.readdirSync(target).sort()) yield* walk(path.join(target, entry));
}

/** Hash of every file the build reads, computed exactly as scripts/start.mjs does. */
export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of walk(path.join(ROOT, source))) {
      hash.update(path.relative(ROOT, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest("hex");
}

/** True when build/ holds a build of the current sources (what `npm start` checks). */
export function isBuildCurrent(): boolean {
  return (
    fs.existsSync(SERVER_ENTRY) && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, "utf8") === sourceHash()
  );
}

/**
 * Builds the app (`react-router build`) when build/ is missing or stale, or always with `force`,
 * and stamps it as scripts/start.mjs does so that `npm start` reuses it. Returns whether it built
 * and how long that took.
 */
export function ensureBuild({ force = false }: { force?: boolean } = {}): { built: boolean; ms: number } {
  const hash = sourceHash();
  if (!force && isBuildCurrent()) return { built: false, ms: 0 };
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "@react-router", "dev", "bin.js"), "build"],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status}); see the messages above.`);
  fs.writeFileSync(STAMP_FILE, hash);
  return { built: true, ms: Math.round(performance.now() - started) };
}

/** Path of the server build's entry module. */
export function serverBuildPath(): string {
  return SERVER_ENTRY;
}

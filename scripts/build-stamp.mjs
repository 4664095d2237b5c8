// The production build and its stamp, shared by `npm start` (scripts/start.mjs) and the benchmarks
// (bench/build.ts): the hash of every source the build reads is written to build/.source-hash after a
// build, so that a build made by either is reused by the other while the sources stay the same.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "..");
/** Where the hash of the sources of the build in build/ is kept. */
export const STAMP_FILE = path.join(ROOT, "build", ".source-hash");
/** The server build's entry module. */
export const SERVER_ENTRY = path.join(ROOT, "build", "server", "index.js");

/** What the build reads (the server is bundled with the pages, decision 075). */
const SOURCES = ["app", "server", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];

function* walk(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield target;
    return;
  }
  for (const entry of fs.readdirSync(target).sort()) yield* walk(path.join(target, entry));
}

/** Hash of every file the build reads: a changed, added or removed file triggers a rebuild. */
export function sourceHash() {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of walk(path.join(ROOT, source))) {
      hash.update(path.relative(ROOT, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest("hex");
}

/** True when build/ holds a build whose stamp is `hash` (by default, that of the current sources). */
export function isBuildCurrent(hash = sourceHash()) {
  return fs.existsSync(SERVER_ENTRY) && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, "utf8") === hash;
}

/** Runs `react-router build` in the repository root, with the output and environment of `options`. */
export function runBuild(options) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules", "@react-router", "dev", "bin.js"), "build"], {
    cwd: ROOT,
    ...options,
  });
}

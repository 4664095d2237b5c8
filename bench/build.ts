import fs from "node:fs";
import { isBuildCurrent, ROOT, runBuild, SERVER_ENTRY, sourceHash, STAMP_FILE } from "../scripts/build-stamp.mjs";

/** The repository root. */
export { ROOT };

/**
 * Builds the app (`react-router build`) when build/ is missing or stale, or always with `force`,
 * and stamps it as scripts/start.mjs does (scripts/build-stamp.mjs) so that `npm start` reuses it.
 * Returns whether it built and how long that took.
 */
export function ensureBuild({ force = false }: { force?: boolean } = {}): { built: boolean; ms: number } {
  const hash = sourceHash();
  if (!force && isBuildCurrent(hash)) return { built: false, ms: 0 };
  const started = performance.now();
  const result = runBuild({ stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status}); see the messages above.`);
  fs.writeFileSync(STAMP_FILE, hash);
  return { built: true, ms: Math.round(performance.now() - started) };
}

/** Path of the server build's entry module. */
export function serverBuildPath(): string {
  return SERVER_ENTRY;
}

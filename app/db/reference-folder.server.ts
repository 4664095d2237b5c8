import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * A folder of the repository's reference data (`reference/<name>/`) as a file URL ending in "/", found from
 * the module that reads it: its source file (tests, scripts, the development server) or a file of the
 * production build (`build/server/index.js` or one of its chunks in `build/server/assets/`, decision 075).
 * The folders above `moduleUrl` are tried nearest first, then the working directory; `marker` is a file the
 * folder must hold. Undefined when there is none.
 */
export function referenceFolder(name: string, moduleUrl: string, marker: string): URL | undefined {
  const candidates: string[] = [];
  for (let dir = path.dirname(fileURLToPath(moduleUrl)); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, "reference", name));
    if (path.dirname(dir) === dir) break;
  }
  candidates.push(path.join(process.cwd(), "reference", name));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, marker)));
  return found === undefined ? undefined : pathToFileURL(`${found}${path.sep}`);
}

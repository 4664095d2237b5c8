import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { referenceFolder } from "./reference-folder.server.ts";

const root = process.cwd();
const kosovo = pathToFileURL(`${path.join(root, "reference", "kosovo")}${path.sep}`).href;

describe("referenceFolder", () => {
  it("finds the reference data from a source file, the build's entry and a chunk of the build", () => {
    for (const file of ["app/db/reference-data.server.ts", "build/server/index.js", "build/server/assets/chunk.js"]) {
      const found = referenceFolder("kosovo", pathToFileURL(path.join(root, file)).href, "kosovo_municipalities.csv");
      expect(found?.href, file).toBe(kosovo);
    }
  });

  it("falls back to the working directory for a module outside the repository", () => {
    const found = referenceFolder("kosovo", "file:///nowhere/else/module.js", "kosovo_municipalities.csv");
    expect(found?.href).toBe(kosovo);
  });

  it("answers undefined when no folder holds the marker file", () => {
    expect(referenceFolder("kosovo", import.meta.url, "no-such-file.csv")).toBeUndefined();
    expect(referenceFolder("no-such-folder", import.meta.url, "kosovo_municipalities.csv")).toBeUndefined();
  });
});

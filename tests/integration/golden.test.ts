import fs from "node:fs";
import path from "node:path";
import { matchRoutes, type RouteObject } from "react-router";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import routes from "#app/routes.ts";
import { describeResponse, firstDifference, nonceOf, readRecordings, recordedUrl, recordingFileName, RECORDINGS_DIR } from "../golden/golden-recording.ts";
import { flattenRoutes, GOLDEN_NOW, openGoldenSite, type GoldenSite } from "../golden/golden-site.ts";
import { GOLDEN_URLS } from "../golden/golden-urls.ts";

/*
 * Issue 13's "Must show": the HTML of every public page type and every API response on the demo
 * data, recorded before the restructuring (tests/golden/recordings), is what the code renders now.
 * `npm run golden:record` (GOLDEN_RECORD=true) writes the recordings instead of comparing; see
 * tests/golden/README.md.
 */

const RECORD = process.env.GOLDEN_RECORD === "true";

let site: GoldenSite;
const rendered = new Map<string, string>();

/** Renders one URL as its recording would read. */
async function render(url: string): Promise<string> {
  const response = await site.fetch(url);
  return describeResponse(url, response, { nonce: nonceOf(response), fileIds: site.fileIds });
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: GOLDEN_NOW });
  site = await openGoldenSite();
  if (RECORD) {
    fs.rmSync(RECORDINGS_DIR, { recursive: true, force: true });
    fs.mkdirSync(RECORDINGS_DIR, { recursive: true });
  }
}, 300_000);
afterAll(async () => {
  vi.useRealTimers();
  await site?.close();
});

describe("every recorded URL renders as recorded", () => {
  const recordings = RECORD ? new Map<string, string>() : readRecordings();
  for (const url of GOLDEN_URLS) {
    it(url, async () => {
      const text = await render(url);
      rendered.set(url, text);
      expect(site.loggedErrors.splice(0), `${url} logged an error`).toEqual([]);
      const file = recordingFileName(url);
      if (RECORD) {
        fs.writeFileSync(path.join(RECORDINGS_DIR, file), text);
        return;
      }
      const recorded = recordings.get(file);
      if (recorded === undefined) throw new Error(`${url} has no recording (${file}): run npm run golden:record and explain the change in the commit message.`);
      const difference = firstDifference(recorded, text);
      if (difference) throw new Error(`${url} differs from its recording ${file}; ${difference}`);
    });
  }
});

describe("the recordings cover the site", () => {
  it("every recording belongs to a listed URL, and no two URLs share a file", () => {
    const files = GOLDEN_URLS.map(recordingFileName);
    expect(new Set(files).size).toBe(files.length);
    if (RECORD) return;
    const recordings = readRecordings();
    const stale = [...recordings.keys()].filter((name) => !files.includes(name));
    expect(stale, "recordings of URLs no longer listed in tests/golden/golden-urls.ts").toEqual([]);
    for (const [name, text] of recordings) expect(recordingFileName(recordedUrl(text)), name).toBe(name);
  });

  it("every route of app/routes.ts has at least one recorded URL", async () => {
    const flat = flattenRoutes(await Promise.resolve(routes));
    const byParent = new Map<string, RouteObject[]>();
    const objects = new Map<string, RouteObject>();
    for (const { id, entry } of flat) objects.set(id, { id, path: entry.path, index: entry.index, children: [] } as RouteObject);
    for (const { id, parentId } of flat) {
      if (parentId === "root") continue;
      objects.get(parentId)!.children!.push(objects.get(id)!);
      byParent.set(parentId, objects.get(parentId)!.children!);
    }
    const tree = flat.filter((r) => r.parentId === "root").map((r) => objects.get(r.id)!);
    const reached = new Set<string>();
    for (const url of GOLDEN_URLS) {
      const matches = matchRoutes(tree, new URL(url, "http://localhost").pathname);
      const leaf = matches?.at(-1)?.route.id;
      if (leaf) reached.add(leaf);
    }
    const missing = flat.filter(({ id, entry }) => !entry.children?.length && !reached.has(id)).map(({ fullPath, id }) => `${fullPath || "/"} (${id})`);
    expect(missing, "routes without a recorded URL: add one to tests/golden/golden-urls.ts").toEqual([]);
  });

  it("every operation of the OpenAPI document has at least one recorded sample", async () => {
    const response = await site.fetch("/api/v1/openapi.json");
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const recordedPaths = GOLDEN_URLS.filter((url) => url.startsWith("/api/v1/")).map((url) => new URL(url, "http://localhost").pathname.slice("/api/v1".length));
    const missing: string[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const method of Object.keys(operations)) {
        if (method !== "get") missing.push(`${method.toUpperCase()} ${template} (only GET is recorded: add a sample for this method)`);
        else if (!recordedPaths.some((p) => pattern.test(p))) missing.push(`GET ${template}`);
      }
    }
    expect(missing, "API operations without a recorded sample: add one to tests/golden/golden-urls.ts").toEqual([]);
  });
});

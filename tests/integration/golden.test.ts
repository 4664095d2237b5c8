import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Messages } from "#app/i18n/catalog.ts";
import { forgetPageI18n, serverResources } from "#app/i18n/catalogs.server.ts";
import {
  describeResponse,
  firstDifference,
  nonceOf,
  readRecordings,
  recordedUrl,
  recordingFileName,
  RECORDINGS_DIR,
} from "../golden/golden-recording.ts";
import { operationsWithoutUrl, routesWithoutUrl } from "../golden/golden-coverage.ts";
import { GOLDEN_COORDINATOR_COOKIE, goldenSiteForSuite } from "../golden/golden-site.ts";
import { GOLDEN_COORDINATOR_URLS, GOLDEN_URLS } from "../golden/golden-urls.ts";

/*
 * Issue 13's "Must show": the HTML of every public page type and every API response on the demo
 * data, recorded before the restructuring (tests/golden/recordings), is what the code renders now.
 * `npm run golden:record` (GOLDEN_RECORD=true) writes the recordings instead of comparing; see
 * tests/golden/README.md.
 */

const RECORD = process.env.GOLDEN_RECORD === "true";

const site = goldenSiteForSuite(() => {
  if (RECORD) {
    fs.rmSync(RECORDINGS_DIR, { recursive: true, force: true });
    fs.mkdirSync(RECORDINGS_DIR, { recursive: true });
  }
});

/** Renders one URL as its recording would read. */
async function render(url: string, signedInAs?: "coordinator"): Promise<string> {
  const response = await site().fetch(url, signedInAs ? { headers: { cookie: GOLDEN_COORDINATOR_COOKIE } } : undefined);
  return describeResponse(
    url,
    response,
    { nonce: nonceOf(response), fileIds: site().fileIds, routeIds: site().routeIds },
    signedInAs,
  );
}

const ALL_RECORDED: { url: string; signedInAs?: "coordinator" }[] = [
  ...GOLDEN_URLS.map((url) => ({ url })),
  ...GOLDEN_COORDINATOR_URLS.map((url) => ({ url, signedInAs: "coordinator" as const })),
];

describe("every recorded URL renders as recorded", () => {
  const recordings = RECORD ? new Map<string, string>() : readRecordings();
  for (const { url, signedInAs } of ALL_RECORDED) {
    it(signedInAs ? `${url} (signed in as ${signedInAs})` : url, async () => {
      const text = await render(url, signedInAs);
      expect(site().loggedErrors.splice(0), `${url} logged an error`).toEqual([]);
      const file = recordingFileName(url, signedInAs);
      if (RECORD) {
        fs.writeFileSync(path.join(RECORDINGS_DIR, file), text);
        return;
      }
      const recorded = recordings.get(file);
      if (recorded === undefined)
        throw new Error(
          `${url} has no recording (${file}): run npm run golden:record and explain the change in the commit message.`,
        );
      const difference = firstDifference(recorded, text);
      if (difference) throw new Error(`${url} differs from its recording ${file}; ${difference}`);
    });
  }
});

describe("the recordings cover the site", () => {
  it("every recording belongs to a listed URL, and no two URLs share a file", () => {
    const files = ALL_RECORDED.map(({ url, signedInAs }) => recordingFileName(url, signedInAs));
    expect(new Set(files).size).toBe(files.length);
    if (RECORD) return;
    const recordings = readRecordings();
    const stale = [...recordings.keys()].filter((name) => !files.includes(name));
    expect(stale, "recordings of URLs no longer listed in tests/golden/golden-urls.ts").toEqual([]);
    for (const [name, text] of recordings)
      expect(recordingFileName(recordedUrl(text), /^signed in as: (\w+)$/m.exec(text)?.[1]), name).toBe(name);
  });

  it("every route of app/routes.ts has at least one recorded URL", async () => {
    expect(
      await routesWithoutUrl(GOLDEN_URLS),
      "routes without a recorded URL: add one to tests/golden/golden-urls.ts",
    ).toEqual([]);
    // The check itself finds a route left out.
    expect(await routesWithoutUrl(GOLDEN_URLS.filter((url) => !/^\/[^/]+\/services\/[^/]+$/.test(url)))).toEqual([
      "/:lang/services/:slug (modules/services/routes/services-detail)",
    ]);
  });

  it("every operation of the OpenAPI document has at least one recorded sample", async () => {
    const document = (await (await site().fetch("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    expect(
      operationsWithoutUrl(document, GOLDEN_URLS),
      "API operations without a recorded sample: add one to tests/golden/golden-urls.ts",
    ).toEqual([]);
    // The check itself finds an operation left out, and one with a method the recordings do not make.
    expect(
      operationsWithoutUrl(
        document,
        GOLDEN_URLS.filter((url) => !url.startsWith("/api/v1/action-plans/")),
      ),
    ).toEqual(["GET /action-plans/{id}"]);
    expect(operationsWithoutUrl({ paths: { "/sectors": { get: {}, post: {} } } }, GOLDEN_URLS)).toEqual([
      "POST /sectors",
    ]);
  });
});

describe.skipIf(RECORD)("the comparison fails when what a reader sees changes", () => {
  it("a swapped interface text (the English 'Home' of the main navigation) shows as a difference at the changed line", async () => {
    const url = "/en/about";
    const recorded = readRecordings().get(recordingFileName(url))!;
    const navigation = serverResources("en").core!.nav as Messages;
    const original = navigation.home!;
    expect(original).toBe("Home");
    navigation.home = "Start page";
    // Pages render with one i18next instance per locale that keeps compiled messages: built anew.
    forgetPageI18n();
    let difference: string | null;
    try {
      difference = firstDifference(recorded, await render(url));
    } finally {
      navigation.home = original;
      forgetPageI18n();
    }
    expect(difference).not.toBeNull();
    expect(difference).toMatch(/^- +\d+\| .*>Home</m);
    expect(difference).toMatch(/^\+ +\d+\| .*>Start page</m);
    // Put back, the page is as recorded again.
    expect(firstDifference(recorded, await render(url))).toBeNull();
  });

  it("a changed row of the data (a sector's English name) shows as a difference in the API response", async () => {
    const url = "/api/v1/sectors";
    const recorded = readRecordings().get(recordingFileName(url))!;
    const before = await site()
      .handle.db.selectFrom("sector")
      .select(["code", "name"])
      .where("code", "=", "education")
      .executeTakeFirstOrThrow();
    await site()
      .handle.db.updateTable("sector")
      .set({ name: { ...before.name, en: "Schooling" } })
      .where("code", "=", "education")
      .execute();
    let difference: string | null;
    try {
      difference = firstDifference(recorded, await render(url));
    } finally {
      await site().handle.db.updateTable("sector").set({ name: before.name }).where("code", "=", "education").execute();
    }
    expect(difference).toMatch(/^- +\d+\| +"en": "Education",?$/m);
    expect(difference).toMatch(/^\+ +\d+\| +"en": "Schooling",?$/m);
    expect(firstDifference(recorded, await render(url))).toBeNull();
  });
});

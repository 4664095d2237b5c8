import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createProbeBuild, createTestApp, TEST_APP_ORIGIN } from "../support/test-app.ts";
import { createTestDatabase } from "../support/test-database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A body that yields `total` bytes lazily, recording how many were pulled. */
function countingBody(total: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(1024 * 1024);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe("a 200 MB upload", () => {
  it("is refused from its Content-Length with a 413 in the page's language, without reading the body", async () => {
    const { build, reached } = createProbeBuild();
    const app = createTestApp(handle, "/nonexistent", { build });
    const { stream, state } = countingBody(200 * 1024 * 1024);
    const response = await app.fetch(
      new Request(`${TEST_APP_ORIGIN}/sr-cyrl/workspace/library/new`, {
        method: "POST",
        body: stream,
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(200 * 1024 * 1024),
          origin: TEST_APP_ORIGIN,
        },
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    const html = await response.text();
    expect(html).toContain('lang="sr-Cyrl"');
    expect(html).toContain("Датотека је превелика");
    expect(state.pulled).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(reached).toHaveLength(0);
  });

  it("is cut off while streaming when it carries no length, never buffered whole", async () => {
    const { build, reached } = createProbeBuild();
    const app = createTestApp(handle, "/nonexistent", { build });
    const { stream, state } = countingBody(200 * 1024 * 1024);
    const response = await app.fetch(
      new Request(`${TEST_APP_ORIGIN}/en/workspace/library/new`, {
        method: "POST",
        body: stream,
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          "transfer-encoding": "chunked",
          origin: TEST_APP_ORIGIN,
        },
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("larger than 20 MB");
    expect(state.pulled).toBeLessThan(25 * 1024 * 1024);
    expect(reached).toHaveLength(0);
  });
});

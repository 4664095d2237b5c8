import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { isContentEmpty, seedDemoContent } from "#app/db/seed/demo.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createTestDatabase } from "../support/test-database.ts";

let handle: DatabaseHandle;
let root: string;
let seedMs = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-demo-seed-"));
  const started = performance.now();
  await seedDemoContent(handle.db, { files: createFileStore({ db: handle.db, root, maxBytes: 20 * 1024 * 1024 }) });
  seedMs = performance.now() - started;
}, 120_000);
afterAll(async () => {
  await handle.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the demo seed", () => {
  it("runs", async () => {
    console.log("seed ms", Math.round(seedMs), fs.readFileSync("/proc/loadavg", "utf8"));
    expect(await isContentEmpty(handle.db)).toBe(false);
    const reports = await handle.db.selectFrom("reporting_report").selectAll().execute();
    console.log(reports.length);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findFreePort,
  removeDirectory,
  startServer,
  stopServer,
  waitForExit,
  waitUntilHealthy,
  type ServerProcess,
} from "./support/server-process.ts";

/** A first start migrates and seeds a new embedded database: minutes on two busy cores. */
const STARTUP_TIMEOUT_MS = 180_000;

describe("the embedded database's data directory, between server processes", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-e2e-lock-"));
  const started: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => stopServer(server)));
    removeDirectory(dataDir);
  });

  /** Starts the built server (never rebuilding: another test file's server may be running). */
  async function start(exclude: number[] = []): Promise<ServerProcess> {
    const server = startServer({ port: await findFreePort(exclude), dataDir, entry: "main" });
    started.push(server);
    return server;
  }

  it(
    "refuses a second server on the same DATA_DIR, and is free again once the first has stopped",
    { timeout: 4 * STARTUP_TIMEOUT_MS },
    async () => {
      const first = await start();
      await waitUntilHealthy(first, STARTUP_TIMEOUT_MS);

      const second = await start([first.port]);
      const refused = await waitForExit(second, STARTUP_TIMEOUT_MS);
      expect(refused.code, second.output()).not.toBe(0);
      expect(refused.code, "the second server must exit by itself, not by a signal").not.toBeNull();
      expect(second.output()).toContain("already in use");

      const health = await fetch(`${first.baseUrl}/healthz`);
      expect(health.status, "the first server keeps serving").toBe(200);

      const stopped = await stopServer(first);
      expect(stopped, first.output()).toEqual({ code: 0, signal: null });

      const third = await start([first.port, second.port]);
      await waitUntilHealthy(third, STARTUP_TIMEOUT_MS);
      expect(await stopServer(third), third.output()).toEqual({ code: 0, signal: null });
    },
  );
});

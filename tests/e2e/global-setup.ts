import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_MISSING_MESSAGE, isChromiumAvailable } from "./support/browser.ts";
import { readDemoCredentials } from "./support/demo-credentials.ts";
import { findFreePort, removeDirectory, startServer, stopServer, waitUntilHealthy } from "./support/server-process.ts";

/** Building on two slow cores takes a while; starting the built server takes seconds. */
const BUILD_AND_START_TIMEOUT_MS = 10 * 60_000;

/**
 * Builds the application when the sources changed (through `scripts/start.mjs`, exactly as
 * `npm start`), starts the production server on a free port with a temporary DATA_DIR and the demo
 * content, and waits for /healthz. The tests get its address through `inject("baseUrl")`; the
 * teardown stops it with SIGTERM and removes the folder.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!isChromiumAvailable) console.warn(CHROMIUM_MISSING_MESSAGE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-e2e-"));
  const port = await findFreePort();
  const started = Date.now();
  // NODE_ENV=production creates no demo accounts unless asked: the identity tests sign in as them.
  const server = startServer({
    port,
    dataDir,
    entry: "start",
    env: { SEED_DEMO: "true", SEED_DEMO_ACCOUNTS: "true", SIGN_IN_MAX_PER_ADDRESS: "5000", TRUST_PROXY: "true" },
  });
  try {
    await waitUntilHealthy(server, BUILD_AND_START_TIMEOUT_MS);
  } catch (error) {
    await stopServer(server);
    removeDirectory(dataDir);
    throw error;
  }
  console.log(
    `e2e: production server at ${server.baseUrl} (build and start took ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  project.provide("baseUrl", server.baseUrl);
  // The demo credentials this server generated at its first start (DATA_DIR/demo-accounts.json, 0600).
  try {
    project.provide("demoCredentials", readDemoCredentials(dataDir));
  } catch (error) {
    throw new Error(`e2e: ${(error as Error).message} Its output:\n${server.output()}`, { cause: error });
  }
  // Two-factor codes claimed by the test files (support/totp.ts), so that no code is used twice.
  const totpClaimsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-e2e-totp-"));
  project.provide("totpClaimsDir", totpClaimsDir);
  return async () => {
    removeDirectory(totpClaimsDir);
    const { code, signal } = await stopServer(server);
    removeDirectory(dataDir);
    if (code !== 0)
      console.warn(`e2e: the server ended with code ${code} (signal ${signal}); its output:\n${server.output()}`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

import { defineConfig } from "vitest/config";

/**
 * Browser tests (`npm run test:e2e`): the production build served by the real server, driven by
 * the system Chromium through playwright-core, with JavaScript on and off.
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Chromium and the server already keep the cores busy.
    maxWorkers: 2,
  },
});

import pino from "pino";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";

/**
 * The real Hono app over a test database, without the React Router build (pages are covered by
 * loader tests and the browser tests); enough for the API, health, headers and file routes.
 */
export function createTestApp(handle: DatabaseHandle, filesRoot = "/nonexistent") {
  const config = loadConfig({ NODE_ENV: "test", PORT: "3999" });
  return createApp({
    db: handle.db,
    files: createFileStore({ db: handle.db, root: filesRoot, maxBytes: 1024 * 1024 }),
    config,
    logger: pino({ level: "silent" }),
    appSecret: "test-secret-test-secret-test-secret-000",
    build: async () => {
      throw new Error("Pages are not served in API tests.");
    },
    mode: "production",
  });
}

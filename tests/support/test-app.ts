import pino from "pino";
import type { ServerBuild } from "react-router";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFileStore } from "#app/services/files.server.ts";
import { createApp, type AppDependencies } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import { inProcessServerBuild } from "./server-build.ts";

/** The secret the test app signs CSRF tokens with (tests compute valid tokens from it). */
export const TEST_APP_SECRET = "test-secret-test-secret-test-secret-000";
/** The test app's public origin (`PUBLIC_URL`): a same-origin request carries it as `Origin`. */
export const TEST_APP_ORIGIN = "http://localhost:3999";

/**
 * The real Hono app over a test database, without the React Router build (pages are covered by
 * loader tests and the browser tests); enough for the API, health, headers and file routes.
 * `options.build` stands in for the pages, e.g. a probe that records what reached React Router.
 */
export function createTestApp(
  handle: DatabaseHandle,
  filesRoot = "/nonexistent",
  options: {
    build?: AppDependencies["build"];
    env?: NodeJS.ProcessEnv;
    logger?: AppDependencies["logger"];
    clientDir?: string;
  } = {},
) {
  // TRUST_PROXY is passed through so a test can put the app behind a proxy (X-Forwarded-For).
  const config = loadConfig({ NODE_ENV: "test", PORT: "3999", TRUST_PROXY: process.env.TRUST_PROXY, ...options.env });
  return createApp({
    db: handle.db,
    files: createFileStore({ db: handle.db, root: filesRoot, maxBytes: 1024 * 1024 }),
    config,
    logger: options.logger ?? pino({ level: "silent" }),
    appSecret: TEST_APP_SECRET,
    build:
      options.build ??
      (async () => {
        throw new Error("Pages are not served in API tests.");
      }),
    clientDir: options.clientDir,
    mode: "production",
  });
}

/**
 * A stand-in React Router build whose only route answers every path and method with 200 "reached"
 * and records the request: what a test sees in `reached` got past every middleware to the pages.
 */
export function createProbeBuild(): { build: ServerBuild; reached: Request[] } {
  const reached: Request[] = [];
  const respond = ({ request }: { request: Request }) => {
    reached.push(request);
    return new Response("reached", { status: 200, headers: { "Content-Type": "text/plain" } });
  };
  const build = inProcessServerBuild({
    entry: { module: { default: () => new Response("no documents in the probe", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: { loader: respond, action: respond } },
      probe: { id: "probe", parentId: "root", path: "*", module: { loader: respond, action: respond } },
    },
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "probe" },
  });
  return { build, reached };
}

import http from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { createServer as createViteServer } from "vite";
import { createApp } from "./app.ts";
import { appDataOf, openServerData } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

/** Development server: the same Hono app, with Vite serving assets and reloading changed modules. */
const config = loadConfig();
const logger = createLogger(config);
const data = await openServerData(config, logger);
const vite = await createViteServer({ server: { middlewareMode: true } });
const app = createApp({
  ...appDataOf(data),
  config,
  logger,
  build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
  mode: "development",
});
const listener = getRequestListener(app.fetch);
const server = http.createServer((req, res) => vite.middlewares(req, res, () => void listener(req, res)));
server.listen(config.port, () => console.log(`Development server at http://localhost:${config.port}/ (hot reload on)`));

async function shutdown() {
  server.close();
  await vite.close();
  await data.handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());

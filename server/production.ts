/**
 * The entry of the production build (vite.config.ts, decision 075): React Router's server build, and the
 * server that serves it, bundled into one file, `build/server/index.js`. The pages, the API, the jobs and
 * the database layer then share one copy of every module (one set of module-level caches and kept
 * figures) and nothing is compiled at run time. The file still exports everything a React Router server
 * build exports, so it can be handed to `createRequestHandler` as it is.
 */
export * from "virtual:react-router/server-build";
export { startProductionServer } from "./production-server.ts";

// Starts the production server from the build (`npm run build`; `npm start` builds first when the sources
// changed). The server is part of the build (server/production.ts, decision 075), plain JavaScript: Node
// runs it without a TypeScript loader, and the pages, the API and the jobs share one copy of every module.
import path from "node:path";

const build = await import(path.resolve("build", "server", "index.js"));
await build.startProductionServer(build);

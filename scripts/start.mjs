// `npm start`: builds the app when the sources changed since the last build, then starts the
// production server (migrations and, on an empty database, the demo content run at start).
import fs from "node:fs";
import path from "node:path";
import { isBuildCurrent, ROOT, runBuild, SERVER_ENTRY, sourceHash, STAMP_FILE } from "./build-stamp.mjs";

// Without NODE_ENV and DATABASE_URL, `npm start` is the one-command demo on the embedded database:
// it also creates the demo accounts (only in a database without users) and prints their credentials.
// A deployment sets NODE_ENV=production or DATABASE_URL itself, and gets no demo accounts unless it
// sets SEED_DEMO_ACCOUNTS=true.
if (process.env.NODE_ENV === undefined && !process.env.DATABASE_URL) process.env.SEED_DEMO_ACCOUNTS ??= "true";
if (process.env.NODE_ENV === undefined && !process.env.DATABASE_URL) process.env.SEED_DEMO ??= "true";
process.env.NODE_ENV ??= "production";

const buildLogFile = path.join(ROOT, "build", ".build-messages.log");

/**
 * Build messages that say nothing to the person starting the platform and that no setting of ours
 * can silence: @react-router/dev 7.18 creates its own Vite servers (its config loader and its child
 * compiler) with `envFile: false`, which Vite 8 reports as deprecated once per server, nine times a
 * build. Matched as whole lines, colour codes removed; remove an entry when upstream fixes it.
 */
const UPSTREAM_NOISE = ["The `envFile` option is deprecated, please use `envDir: false` instead."];

/** The build's error output without the UPSTREAM_NOISE lines. */
function withoutUpstreamNoise(output) {
  // eslint-disable-next-line no-control-regex
  const plain = (line) => line.replace(/\u001b\[[0-9;]*m/g, "").trim();
  return output
    .split("\n")
    .filter((line) => !UPSTREAM_NOISE.includes(plain(line)))
    .join("\n");
}

const current = sourceHash();
if (!isBuildCurrent(current)) {
  console.log("Building the application (first start or sources changed)…");
  const result = runBuild({ stdio: ["ignore", "ignore", "pipe"], env: process.env, maxBuffer: 64 * 1024 * 1024 });
  // The build's warnings and errors are shown and kept beside the build (tests/e2e/build-log.test.ts
  // checks that a first start is clean). Messages known to be upstream noise are dropped, each by
  // its exact text (see UPSTREAM_NOISE); anything else, a new deprecation too, is shown.
  const messages = withoutUpstreamNoise(result.stderr?.toString() ?? "");
  process.stderr.write(messages);
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(buildLogFile, messages);
  fs.writeFileSync(STAMP_FILE, current);
}

// The server is part of the build (server/production.ts, decision 075): plain JavaScript, one copy of
// every module, nothing compiled at run time.
const build = await import(SERVER_ENTRY);
await build.startProductionServer(build);

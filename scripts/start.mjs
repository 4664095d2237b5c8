// `npm start`: builds the app when the sources changed since the last build, then starts the
// production server (migrations and, on an empty database, the demo content run at start).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Without NODE_ENV and DATABASE_URL, `npm start` is the one-command demo on the embedded database:
// it also creates the demo accounts (only in a database without users) and prints their credentials.
// A deployment sets NODE_ENV=production or DATABASE_URL itself, and gets no demo accounts unless it
// sets SEED_DEMO_ACCOUNTS=true.
if (process.env.NODE_ENV === undefined && !process.env.DATABASE_URL) process.env.SEED_DEMO_ACCOUNTS ??= "true";
if (process.env.NODE_ENV === undefined && !process.env.DATABASE_URL) process.env.SEED_DEMO ??= "true";
process.env.NODE_ENV ??= "production";

const root = path.resolve(import.meta.dirname, "..");
const stampFile = path.join(root, "build", ".source-hash");
const buildLogFile = path.join(root, "build", ".build-messages.log");
const SOURCES = ["app", "server", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];

function* walk(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield target;
    return;
  }
  for (const entry of fs.readdirSync(target).sort()) yield* walk(path.join(target, entry));
}

/** Hash of every file the build reads: a changed, added or removed file triggers a rebuild. */
function sourceHash() {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of walk(path.join(root, source))) {
      hash.update(path.relative(root, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest("hex");
}

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
const built =
  fs.existsSync(path.join(root, "build", "server", "index.js")) && fs.existsSync(stampFile)
    ? fs.readFileSync(stampFile, "utf8")
    : "";
if (built !== current) {
  console.log("Building the application (first start or sources changed)…");
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "@react-router", "dev", "bin.js"), "build"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
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
  fs.writeFileSync(stampFile, current);
}

// The server is part of the build (server/production.ts, decision 075): plain JavaScript, one copy of
// every module, nothing compiled at run time.
const build = await import(path.join(root, "build", "server", "index.js"));
await build.startProductionServer(build);

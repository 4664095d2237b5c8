import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPOSITORY_ROOT } from "./support/server-process.ts";

/**
 * A first `npm start` builds the application (scripts/start.mjs) and shows what the build printed
 * on its error output, which it also keeps in build/.build-messages.log. The e2e global setup
 * starts the server exactly so, so this is the log of the build under test: a new user should see
 * a clean start, without deprecation warnings. @react-router/dev 7.18 creates its own Vite servers
 * (the config loader, the child compiler) with `envFile: false`, which Vite 8 reports as deprecated
 * nine times per build; no setting of ours reaches those servers, so scripts/start.mjs drops that
 * exact line (UPSTREAM_NOISE) and shows everything else.
 */
describe("the production build's messages", () => {
  const stamp = path.join(REPOSITORY_ROOT, "build", ".source-hash");
  const log = path.join(REPOSITORY_ROOT, "build", ".build-messages.log");

  it("were kept by the build that made the current build folder", () => {
    expect(fs.existsSync(stamp), "the e2e setup built (or found built) the application").toBe(true);
    expect(fs.existsSync(log), "scripts/start.mjs keeps the build's messages").toBe(true);
    // Written just before the stamp, by the same build.
    expect(fs.statSync(log).mtimeMs).toBeLessThanOrEqual(fs.statSync(stamp).mtimeMs);
  });

  it("hold no error", () => {
    expect(fs.readFileSync(log, "utf8")).not.toMatch(/\berror\b/i);
  });

  it("hold no deprecation warning and no build-timing hint", () => {
    const messages = fs.readFileSync(log, "utf8");
    expect(messages).not.toMatch(/deprecat/i);
    expect(messages).not.toContain("PLUGIN_TIMINGS");
  });
});

import fs from "node:fs";
import path from "node:path";
import { validate } from "dockerfile-utils";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/*
 * The deployment artefacts (docs/deployment.md) are checked in CI even where no container engine
 * runs: the Dockerfile is linted, compose.yaml and the systemd unit are read for what the guide
 * promises (two instances sharing the secret, the database and the bucket; a TLS proxy; non-root).
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
/** Errors (severity 1) and warnings (2) of the Dockerfile linter. */
const problems = (content: string) => validate(content).filter((d) => d.severity === 1 || d.severity === 2);

describe("Dockerfile", () => {
  it("passes the linter", () => {
    expect(problems(read("Dockerfile")).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("the linter does catch mistakes (a planted one)", () => {
    expect(problems("FROM node:20\nEXPOSE port\nCOPY\n").length).toBeGreaterThanOrEqual(2);
  });

  it("builds in stages, runs as a non-root user with production dependencies only, and checks readiness", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm install --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/readyz/m);
    expect(dockerfile).toMatch(/NODE_ENV=production/);
    // Everything the server reads at run time is in the image.
    for (const folder of ["app", "server", "reference", "build"])
      expect(dockerfile).toMatch(new RegExp(`COPY .*\\b${folder}\\b`));
    expect(read(".dockerignore")).toMatch(/^node_modules$/m);
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as {
    services: Record<
      string,
      { environment?: Record<string, string>; image?: string; build?: string; depends_on?: unknown; volumes?: string[] }
    >;
  };

  it("runs PostgreSQL, an S3-compatible store, two app instances and a TLS proxy", () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["db", "s3", "app1", "app2", "proxy"]));
    expect(compose.services.db!.image).toMatch(/^postgres:15/);
    expect(compose.services.proxy!.volumes?.join(" ")).toContain("Caddyfile");
    expect(read("deploy/Caddyfile")).toMatch(/reverse_proxy app1:3000 app2:3000/);
  });

  it("gives both instances the same secret, database and bucket, behind the proxy, and a data volume each", () => {
    const [one, two] = [compose.services.app1!, compose.services.app2!];
    for (const key of ["APP_SECRET", "DATABASE_URL", "FILE_STORAGE_URL", "S3_ENDPOINT", "PUBLIC_URL"]) {
      expect(one.environment?.[key], key).toBeTruthy();
      expect(one.environment?.[key]).toBe(two.environment?.[key]);
    }
    expect(one.environment?.TRUST_PROXY).toBe("true");
    expect(one.volumes).not.toEqual(two.volumes);
  });
});

describe("systemd unit", () => {
  it("runs the production server as its own user with the state directory private", () => {
    const unit = read("deploy/community-affairs-platform.service");
    expect(unit).toMatch(/^User=cap$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node server\/main\.mjs$/m);
    expect(unit).toMatch(/^Environment=NODE_ENV=production$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
  });
});

describe("the server's heap limit (decision 040)", () => {
  const limitIn = (text: string) => [...text.matchAll(/--max-old-space-size=(\d+)/g)].map((m) => Number(m[1]));

  it("is the same in every way of starting the production server: npm start, the image and the systemd unit", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start ?? "";
    const [limit] = limitIn(start);
    expect(limit).toBeGreaterThanOrEqual(256);
    expect(limitIn(read("Dockerfile"))).toEqual([limit]);
    expect(read("Dockerfile")).toMatch(/^ENV NODE_OPTIONS="--max-old-space-size=\d+"$/m);
    const unit = read("deploy/community-affairs-platform.service");
    expect(limitIn(unit)).toEqual([limit]);
    // Set before the environment file, so an operator's NODE_OPTIONS there wins.
    expect(unit.indexOf("NODE_OPTIONS")).toBeLessThan(unit.indexOf("EnvironmentFile="));
  });
});

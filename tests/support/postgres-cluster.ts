import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./s3-server.ts";

/*
 * A throwaway PostgreSQL 15 cluster for tests that start whole server processes (the browser tests'
 * several-instances journey), as scripts/test-pg.sh makes one for `npm run test:pg`: a temporary
 * folder, a free loopback port, trust authentication, stopped by its pid.
 */

export const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";

/** True when initdb, pg_ctl and postgres are installed (.ci/run installs them). */
export const isPostgresAvailable = ["initdb", "pg_ctl", "postgres"].every((tool) =>
  fs.existsSync(path.join(PG_BIN, tool)),
);

export interface PostgresCluster {
  url: string;
  pid: number;
  stop(): void;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (Debian's package makes it). */
function clusterUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  const found = spawnSync("id", ["-u", "postgres"]);
  if (found.status === 0) return "postgres";
  const fallback = "cap-test-pg";
  if (spawnSync("id", ["-u", fallback]).status !== 0)
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", fallback]);
  return fallback;
}

/** Creates and starts a cluster; `stop()` stops it by pid (fast shutdown) and removes its folder. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-pg-"));
  fs.chmodSync(dir, 0o755);
  const user = clusterUser();
  const run = (tool: string, args: string[]) => {
    const command = user ? "runuser" : path.join(PG_BIN, tool);
    const fullArgs = user ? ["-u", user, "--", path.join(PG_BIN, tool), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const data = path.join(dir, "data");
  const socket = path.join(dir, "socket");
  fs.mkdirSync(socket);
  if (user) execFileSync("chown", ["-R", user, dir]);
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
  let port = 0;
  for (let attempt = 0; attempt < 5 && !port; attempt++) {
    const candidate = await freePort();
    try {
      run("pg_ctl", [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        data,
        "-l",
        path.join(dir, "log"),
        "-o",
        `-p ${candidate} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=100`,
      ]);
      port = candidate;
    } catch {
      // the port was taken in between: try another
    }
  }
  if (!port)
    throw new Error(
      `PostgreSQL did not start: ${fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : ""}`,
    );
  const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid,
    stop() {
      try {
        process.kill(pid, "SIGINT");
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          try {
            process.kill(pid, 0);
          } catch {
            break;
          }
          spawnSync("sleep", ["0.1"]);
        }
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

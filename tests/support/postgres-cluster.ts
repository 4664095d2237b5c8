import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./s3-server.ts";

/*
 * A throwaway PostgreSQL 15 cluster, made the way scripts/test-pg.sh makes the one of `npm run test:pg`:
 * a temporary folder, `initdb` with trust authentication, a free loopback port, fsync off; as root it
 * runs as the `postgres` system user (or one made for the purpose), and it is stopped by its pid. The
 * browser tests' several-instances journey (`startPostgresCluster`) and the benchmarks
 * (bench/throwaway-postgres.ts) start theirs with it. PG_BIN overrides where initdb, pg_ctl and postgres are.
 */

export const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";

/** A running cluster: its database's URL, the server's pid and version; `stop()` stops it and removes its folder. */
export interface ThrowawayCluster {
  url: string;
  pid: number;
  version: string;
  stop(): void;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (Debian's package makes it). */
function clusterUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  if (spawnSync("id", ["-u", "postgres"]).status === 0) return "postgres";
  const fallback = "cap-test-pg";
  if (spawnSync("id", ["-u", fallback]).status !== 0)
    execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", fallback]);
  return fallback;
}

/** Stops the server of `pid` (fast shutdown: SIGINT), waiting up to 30 s for it to end. */
function stopServer(pid: number): void {
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
}

/**
 * Creates and starts a cluster in a new folder named `<prefix>…` under the temporary folder, with
 * `settings` (e.g. `["max_connections=100"]`) added to the server's command line; throws with
 * initdb's output or the server's log when it cannot, having removed what it made.
 */
export async function startThrowawayCluster(prefix: string, settings: readonly string[]): Promise<ThrowawayCluster> {
  if (!fs.existsSync(path.join(PG_BIN, "initdb")))
    throw new Error(
      `${PG_BIN}/initdb not found: install the PostgreSQL 15 server or set PG_BIN (see scripts/test-pg.sh).`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  const socket = path.join(dir, "socket");
  const log = path.join(dir, "postgres.log");
  let pid = 0;
  const stop = () => {
    if (pid) stopServer(pid);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const user = clusterUser();
    const run = (tool: string, args: string[]) => {
      const command = user ? "runuser" : path.join(PG_BIN, tool);
      const fullArgs = user ? ["-u", user, "--", path.join(PG_BIN, tool), ...args] : args;
      const result = spawnSync(command, fullArgs, { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
    };
    fs.mkdirSync(socket);
    if (user) execFileSync("chown", ["-R", user, dir]);
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
    const options = ["listen_addresses=127.0.0.1", "fsync=off", "synchronous_commit=off", ...settings];
    for (let attempt = 0; attempt < 5 && !pid; attempt++) {
      const port = await freePort();
      try {
        run("pg_ctl", [
          "start",
          "-w",
          "-t",
          "60",
          "-D",
          data,
          "-l",
          log,
          "-o",
          `-p ${port} -k ${socket} -c ${options.join(" -c ")}`,
        ]);
      } catch {
        continue; // the port was taken in between: try another
      }
      pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      const version =
        execFileSync(path.join(PG_BIN, "postgres"), ["--version"]).toString().trim().split(" ").pop() ?? "?";
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, pid, version, stop };
    }
    throw new Error(`PostgreSQL did not start: ${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "no log"}`);
  } catch (error) {
    stop();
    throw error;
  }
}

/** True when initdb, pg_ctl and postgres are installed (.ci/run installs them). */
export const isPostgresAvailable = ["initdb", "pg_ctl", "postgres"].every((tool) =>
  fs.existsSync(path.join(PG_BIN, tool)),
);

export type PostgresCluster = ThrowawayCluster;

/** Creates and starts a cluster for the browser tests (up to 100 connections: several server instances share it). */
export function startPostgresCluster(): Promise<PostgresCluster> {
  return startThrowawayCluster("cap-pg-", ["max_connections=100"]);
}

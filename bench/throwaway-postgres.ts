/**
 * A throwaway PostgreSQL 15 cluster for a benchmark, started the way `scripts/test-pg.sh` starts the
 * test cluster: a temporary folder, `initdb` with trust authentication, a free local port, fsync off;
 * as root it runs as the `postgres` system user. `stop()` shuts it down and removes the folder.
 * PG_BIN overrides where initdb/pg_ctl are (default /usr/lib/postgresql/15/bin).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface ThrowawayPostgres {
  url: string;
  version: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the cluster; throws with initdb's or the server's log when it cannot. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
  if (!fs.existsSync(path.join(bin, "initdb")))
    throw new Error(
      `${bin}/initdb not found: install the PostgreSQL 15 server or set PG_BIN (see scripts/test-pg.sh).`,
    );
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, tool), args, { stdio: "pipe" });
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), "cap-bench-pg-"));
  const data = path.join(dir, "data");
  const socket = path.join(dir, "socket");
  fs.mkdirSync(socket);
  if (asRoot) execFileSync("chown", ["-R", "postgres", dir]);
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w"]);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
    for (let attempt = 1; attempt <= 5 && !started; attempt++) {
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
          path.join(dir, "postgres.log"),
          "-o",
          `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        ]);
        started = true;
        const version =
          execFileSync(path.join(bin, "postgres"), ["--version"]).toString().trim().split(" ").pop() ?? "?";
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, version, stop };
      } catch {
        // The port was taken between choosing and binding it: try another.
      }
    }
    throw new Error(
      `PostgreSQL did not start: ${fs.existsSync(path.join(dir, "postgres.log")) ? fs.readFileSync(path.join(dir, "postgres.log"), "utf8") : "no log"}`,
    );
  } catch (error) {
    stop();
    throw error;
  }
}

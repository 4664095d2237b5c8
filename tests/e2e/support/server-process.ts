import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** The repository root: servers are started from here, as `npm start` would. */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/** Ports the browser tests may use (never 3000, the default of a developer's own server). */
export const TEST_PORT_RANGE = { first: 3500, last: 3599 } as const;

/** A server process started by a test, with its output kept for error messages. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartServerOptions {
  port: number;
  dataDir: string;
  /**
   * `start` runs `node scripts/start.mjs` (builds first when the sources changed, like `npm start`);
   * `main` starts the already built server directly, so a test never rebuilds under a running server.
   */
  entry: "start" | "main";
  env?: Record<string, string>;
  /** More Node flags after the production ones (a benchmark's `--cpu-prof`, for instance). */
  nodeFlags?: readonly string[];
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * A port in {@link TEST_PORT_RANGE} that nothing listens on now, tried from a random starting
 * point so that test files starting servers at the same time rarely pick the same one.
 */
export async function findFreePort(exclude: readonly number[] = []): Promise<number> {
  const size = TEST_PORT_RANGE.last - TEST_PORT_RANGE.first + 1;
  const offset = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i++) {
    const port = TEST_PORT_RANGE.first + ((offset + i) % size);
    if (!exclude.includes(port) && (await isPortFree(port))) return port;
  }
  throw new Error(`No free port between ${TEST_PORT_RANGE.first} and ${TEST_PORT_RANGE.last}.`);
}

/**
 * The Node flags of `npm start` (the heap limit, decision 040), read from package.json so that the
 * tests and benchmarks run the server as operators do.
 */
export const PRODUCTION_NODE_FLAGS: readonly string[] = (() => {
  const start =
    (
      JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts.start ?? "";
  return start.split(/\s+/).filter((word) => word.startsWith("--max-old-space-size="));
})();

/**
 * Starts the production server as a child process on 127.0.0.1 with its own data directory and
 * the embedded database (any `DATABASE_URL` of the test run is removed from its environment, unless
 * `options.env` names one).
 */
export function startServer(options: StartServerOptions): ServerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const args = [
    ...PRODUCTION_NODE_FLAGS,
    ...(options.nodeFlags ?? []),
    ...(options.entry === "start" ? [path.join("scripts", "start.mjs")] : [path.join("server", "main.mjs")]),
  ];
  const child = spawn(process.execPath, args, { cwd: REPOSITORY_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    port: options.port,
    baseUrl: `http://127.0.0.1:${options.port}`,
    dataDir: options.dataDir,
    output: () => output,
    exited,
  };
}

/** Resolves after `ms` milliseconds; only used as the interval between two polls of a condition. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls `/healthz` until the server answers 200; fails at once, with the server's output, when
 * the process exits first, and after `timeoutMs` otherwise.
 */
export async function waitUntilHealthy(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void server.exited.then((result) => {
    exit = result;
  });
  while (Date.now() < deadline) {
    if (exit)
      throw new Error(
        `The server exited (code ${exit.code}, signal ${exit.signal}) before it was healthy. Its output:\n${server.output()}`,
      );
    if (await isHealthy(server.baseUrl)) return;
    await pause(200);
  }
  throw new Error(
    `The server at ${server.baseUrl} was not healthy within ${timeoutMs / 1000} s. Its output:\n${server.output()}`,
  );
}

/**
 * Waits for the process to exit within `timeoutMs`; rejects (leaving it running) when it does not,
 * so a test can tell "exited" from "still running".
 */
export async function waitForExit(
  server: ServerProcess,
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The server on port ${server.port} did not exit within ${timeoutMs / 1000} s. Its output:\n${server.output()}`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops the server with SIGTERM (its graceful shutdown) and waits for it; SIGKILL when it has not
 * exited within `timeoutMs`. Returns how it ended.
 */
export async function stopServer(
  server: ServerProcess,
  timeoutMs = 15_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill("SIGTERM");
  try {
    return await waitForExit(server, timeoutMs);
  } catch {
    server.child.kill("SIGKILL");
    return server.exited;
  }
}

/** Removes a temporary folder made by a test. */
export function removeDirectory(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

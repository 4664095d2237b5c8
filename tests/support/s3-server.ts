import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

/*
 * A local S3-compatible server for the object-storage tests: s3rver (an npm devDependency), run as
 * a child process on a free loopback port with a bucket made at start, and stopped by its pid.
 */

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The environment that points the platform at this bucket (FILE_STORAGE_URL and the S3_* settings). */
  env: Record<string, string>;
  pid: number;
  stop(): Promise<void>;
}

/** s3rver accepts any key pair it is configured with; these are its defaults. */
const KEY = "S3RVER";

/** A TCP port that nothing listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`s3rver exited with code ${child.exitCode}: ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`s3rver did not listen on ${port} within ${timeoutMs} ms: ${output()}`);
}

/** Starts s3rver in a temporary folder with `bucket` created; `stop()` ends it by pid and removes the folder. */
export async function startLocalS3(bucket = "cap-files"): Promise<LocalS3> {
  const require = createRequire(import.meta.url);
  const bin = path.join(path.dirname(require.resolve("s3rver/package.json")), "bin", "s3rver.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cap-s3-"));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      bin,
      "-d",
      dir,
      "-a",
      "127.0.0.1",
      "-p",
      String(port),
      "--silent",
      "--no-vhost-buckets",
      "--configure-bucket",
      bucket,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, child, () => output);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    pid: child.pid!,
    env: {
      FILE_STORAGE_URL: `s3://${bucket}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
    },
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, "SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, "SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

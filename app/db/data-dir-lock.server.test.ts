import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir, processStartTicks } from "./data-dir-lock.server.ts";

/*
 * The data-directory lock after a crash (issue 12, decision 026): a lock file left behind names a
 * pid that, by the next start, may belong to any other program. Such a lock must not block the
 * start; a lock whose holder really still runs must.
 */

const hasProc = fs.existsSync(`/proc/${process.pid}/stat`);
const children: ChildProcess[] = [];
let dir: string;

/** A running process that is not the platform (`sleep`), or a Node.js process standing in for a running platform. */
function startProcess(command: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: "ignore" });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("spawn", () => resolve(child));
    child.once("error", reject);
  });
}

const bootId = () => fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
const writeLock = (content: string) => fs.writeFileSync(path.join(dir, "cap.lock"), content);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "data-dir-lock-"));
});
afterEach(() => fs.rmSync(path.join(dir, "cap.lock"), { force: true }));
afterAll(() => {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(child.pid);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasProc)("a lock file left by a crash", () => {
  it("is taken over when its pid now belongs to another program (old format: the pid alone)", async () => {
    const other = await startProcess("sleep", ["30"]);
    writeLock(String(other.pid));
    const release = lockDataDir(dir);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "cap.lock"), "utf8")) as {
      pid: number;
      startTicks: string;
      instanceId: string;
    };
    expect(lock.pid).toBe(process.pid);
    expect(lock.startTicks).toBe(processStartTicks(process.pid));
    expect(lock.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.statSync(path.join(dir, "cap.lock")).mode & 0o777).toBe(0o600);
    release();
    expect(fs.existsSync(path.join(dir, "cap.lock"))).toBe(false);
  });

  it("is taken over when its pid runs but started at another time (a reused pid), or in another boot", async () => {
    const node = await startProcess(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    writeLock(JSON.stringify({ pid: node.pid, startTicks: "1", bootId: bootId(), instanceId: "a-crashed-instance" }));
    lockDataDir(dir)();
    writeLock(
      JSON.stringify({
        pid: node.pid,
        startTicks: processStartTicks(node.pid!),
        bootId: "another-boot",
        instanceId: "a-crashed-instance",
      }),
    );
    lockDataDir(dir)();
  });

  it("blocks the start while its holder really runs", async () => {
    const holder = await startProcess(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    writeLock(
      JSON.stringify({
        pid: holder.pid,
        startTicks: processStartTicks(holder.pid!),
        bootId: bootId(),
        instanceId: "the-running-instance",
      }),
    );
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    // An old-format lock naming a running Node.js process is respected too.
    writeLock(String(holder.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it("does not remove a lock another instance took over in the meantime", () => {
    const release = lockDataDir(dir);
    writeLock(JSON.stringify({ pid: process.pid, startTicks: null, bootId: null, instanceId: "someone-else" }));
    release();
    expect(fs.existsSync(path.join(dir, "cap.lock"))).toBe(true);
  });
});

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Raised when another live process already holds the embedded database's data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already in use by another process (pid ${holderPid}). ` +
        `Stop that process first, or point DATA_DIR at another folder.`,
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * What the lock file records about its holder. A pid alone is not enough: after a crash or a
 * reboot the same pid may belong to any other process, and the lock would block every start
 * (decision 026). So the lock also names the holder's start time (Linux: clock ticks after boot,
 * from /proc/<pid>/stat), the boot, and a random id of the instance that wrote it.
 */
export interface LockRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat; null where /proc is not available. */
  startTicks: string | null;
  /** /proc/sys/kernel/random/boot_id; null where not available. */
  bootId: string | null;
  instanceId: string;
}

function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The start time of a process in clock ticks after boot (Linux), or null when it cannot be read. */
export function processStartTicks(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? null;
}

function currentBootId(): string | null {
  return readProc("/proc/sys/kernel/random/boot_id")?.trim() ?? null;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock file's record; a lock written by an older version (the pid alone) has no start time or instance. */
function parseLock(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid === "number" && Number.isInteger(value.pid) && typeof value.instanceId === "string") {
      return {
        pid: value.pid,
        startTicks: value.startTicks ?? null,
        bootId: value.bootId ?? null,
        instanceId: value.instanceId,
      };
    }
  } catch {
    // Not JSON: the older format.
  }
  const pid = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return Number.isInteger(pid) && pid > 0 ? { pid, startTicks: null, bootId: null, instanceId: "" } : null;
}

/**
 * True while the process that wrote the lock still runs: its pid is alive and, where /proc tells,
 * it is the same process (same boot, same start time; for an old-format lock, a Node.js process).
 * A pid reused by another program after a crash or reboot does not hold the lock.
 */
export function isLockHolderAlive(lock: LockRecord): boolean {
  if (lock.pid === process.pid || !isProcessAlive(lock.pid)) return false;
  const bootId = currentBootId();
  if (lock.bootId !== null && bootId !== null && lock.bootId !== bootId) return false;
  const startTicks = processStartTicks(lock.pid);
  if (lock.startTicks !== null && startTicks !== null) return lock.startTicks === startTicks;
  const cmdline = readProc(`/proc/${lock.pid}/cmdline`);
  if (cmdline !== null) return /(^|\/)(node|tsx)(\0|$)|\0[^\0]*(main\.ts|start\.mjs|dev\.ts)(\0|$)/.test(cmdline);
  return true;
}

/**
 * Takes an exclusive lock on a PGlite data directory (PGlite itself does not lock, and two
 * processes writing one directory corrupt it). A lock whose holder no longer runs (see
 * `isLockHolderAlive`) is taken over. Returns the function that releases the lock, which removes
 * the file only while it is still this instance's.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "cap.lock");
  const record: LockRecord = {
    pid: process.pid,
    startTicks: processStartTicks(process.pid),
    bootId: currentBootId(),
    instanceId: randomUUID(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, JSON.stringify(record));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener("exit", release);
        try {
          if (parseLock(fs.readFileSync(lockPath, "utf8"))?.instanceId === record.instanceId) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = parseLock(fs.readFileSync(lockPath, "utf8"));
      if (holder && isLockHolderAlive(holder)) throw new DataDirLockedError(dataDir, holder.pid);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}

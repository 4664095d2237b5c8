import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client.server.ts";
import { secureDataDir } from "./data-dir-modes.server.ts";

const modeOf = (target: string) => fs.lstatSync(target).mode & 0o777;

/** Every entry under a folder (not following links) with its mode. */
function modesUnder(root: string): { path: string; mode: number; isDirectory: boolean }[] {
  const found: { path: string; mode: number; isDirectory: boolean }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const target = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      found.push({ path: path.relative(root, target), mode: modeOf(target), isDirectory: entry.isDirectory() });
      if (entry.isDirectory()) walk(target);
    }
  };
  walk(root);
  return found;
}

describe("owner-only DATA_DIR", () => {
  let parent: string;
  let savedUmask: number;
  beforeEach(() => {
    savedUmask = process.umask();
    parent = fs.mkdtempSync(path.join(os.tmpdir(), "cap-modes-"));
  });
  afterEach(() => {
    process.umask(savedUmask);
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it("repairs an install whose files were world-readable, without following links out of it", () => {
    const dataDir = path.join(parent, "data");
    // An old install, written under umask 000 (what the probe found: 0666 files in pgdata).
    process.umask(0);
    fs.mkdirSync(path.join(dataDir, "pgdata", "pg_wal"), { recursive: true, mode: 0o777 });
    fs.mkdirSync(path.join(dataDir, "files", "ab"), { recursive: true, mode: 0o777 });
    fs.writeFileSync(path.join(dataDir, "pgdata", "pg_wal", "000000010000000000000001"), "wal", { mode: 0o666 });
    fs.writeFileSync(path.join(dataDir, "files", "ab", "abcdef"), "upload", { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, "app-secret"), "secret", { mode: 0o666 });
    const outside = path.join(parent, "outside.txt");
    fs.writeFileSync(outside, "not ours", { mode: 0o644 });
    fs.symlinkSync(outside, path.join(dataDir, "link-out"));

    const changed = secureDataDir(dataDir);

    expect(changed).toBe(8);
    expect(modeOf(dataDir)).toBe(0o700);
    const entries = modesUnder(dataDir);
    expect(entries.length).toBe(7);
    for (const entry of entries) expect(entry.mode, entry.path).toBe(entry.isDirectory ? 0o700 : 0o600);
    expect(modeOf(outside)).toBe(0o644);
    expect(process.umask()).toBe(0o077);
    // Nothing left to repair the second time.
    expect(secureDataDir(dataDir)).toBe(0);
  });

  it("leaves a new embedded database (WAL included), uploads and later files owner-only", async () => {
    process.umask(0);
    const dataDir = path.join(parent, "fresh");
    secureDataDir(dataDir);
    const handle = await openDatabase({ dataDir });
    try {
      await handle.db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
      // A file written later by the process with the default mode (an upload, a backup) is owner-only by the umask.
      fs.mkdirSync(path.join(dataDir, "files", "ab"), { recursive: true });
      fs.writeFileSync(path.join(dataDir, "files", "ab", "later"), "bytes");
    } finally {
      await handle.close();
    }
    const entries = modesUnder(dataDir);
    expect(entries.some((e) => e.path.startsWith(path.join("pgdata", "pg_wal")) && !e.isDirectory)).toBe(true);
    const loose = entries.filter((e) => e.mode !== (e.isDirectory ? 0o700 : 0o600));
    expect(loose).toEqual([]);
  });
});

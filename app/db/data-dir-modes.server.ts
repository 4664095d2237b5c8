import fs from "node:fs";
import path from "node:path";

/** Modes of everything under DATA_DIR: only the account that runs the platform may read or write. */
export const OWNER_ONLY_DIRECTORY_MODE = 0o700;
export const OWNER_ONLY_FILE_MODE = 0o600;
/** The process umask: files created later (WAL segments, uploads, backups) are owner-only too. */
export const OWNER_ONLY_UMASK = 0o077;

const guardedRoots = new Set<string>();

/** Keeps only the owner's permission bits of a mode (0666 → 0600, 0777 → 0700). */
function ownerOnly(mode: fs.Mode): fs.Mode {
  const numeric = typeof mode === "string" ? Number.parseInt(mode, 8) : mode;
  return numeric & ~0o077;
}

function isGuarded(target: fs.PathLike): boolean {
  if (typeof target !== "string" && !(target instanceof URL) && !Buffer.isBuffer(target)) return false;
  const resolved = path.resolve(target instanceof URL ? target.pathname : target.toString());
  for (const root of guardedRoots) if (resolved === root || resolved.startsWith(root + path.sep)) return true;
  return false;
}

/**
 * The embedded database (PGlite, through Emscripten's NODEFS) creates every file and then sets its
 * mode to 0666 with chmod, whatever the umask, WAL segments included. Inside this process, a chmod
 * of a path under a guarded DATA_DIR therefore keeps only the owner's bits: 0666 becomes 0600.
 */
function guardChmodUnder(dataDir: string): void {
  if (guardedRoots.size === 0) {
    const chmodSync = fs.chmodSync;
    const chmod = fs.promises.chmod;
    fs.chmodSync = (target, mode) => chmodSync(target, isGuarded(target) ? ownerOnly(mode) : mode);
    fs.promises.chmod = (target, mode) => chmod(target, isGuarded(target) ? ownerOnly(mode) : mode);
  }
  guardedRoots.add(path.resolve(dataDir));
}

/**
 * Makes DATA_DIR owner-only (issue 12, item 8): sets the process umask to 077, creates the
 * directory with mode 0700 when missing, and walks an existing one (pgdata with its WAL, files,
 * app-secret, demo credentials…) setting directories to 0700 and files to 0600, which repairs an
 * install made before this rule, and keeps the embedded database from loosening the modes of the
 * files it creates later (guardChmodUnder). Symbolic links are neither followed nor changed.
 * Returns how many entries had their mode changed.
 */
export function secureDataDir(dataDir: string): number {
  process.umask(OWNER_ONLY_UMASK);
  guardChmodUnder(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_DIRECTORY_MODE });
  let changed = 0;
  const fix = (target: string, stat: fs.Stats) => {
    const wanted = stat.isDirectory() ? OWNER_ONLY_DIRECTORY_MODE : OWNER_ONLY_FILE_MODE;
    if ((stat.mode & 0o777) !== wanted) {
      fs.chmodSync(target, wanted);
      changed += 1;
    }
  };
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const target = path.join(directory, entry.name);
      if (entry.isSymbolicLink()) continue;
      const stat = fs.lstatSync(target);
      fix(target, stat);
      if (stat.isDirectory()) walk(target);
    }
  };
  fix(dataDir, fs.lstatSync(dataDir));
  walk(dataDir);
  return changed;
}

import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Where a transfer puts stored files' bytes. Today a folder laid out as the file store lays it out
 * (`<root>/<first two characters of the id>/<id>`); an object-storage target implements the same
 * three operations.
 */
export interface FileDestination {
  /** A readable name for messages. */
  describe(): string;
  /** Whether the destination already holds bytes for this id. */
  has(id: string): Promise<boolean>;
  /** Writes the bytes of one file (whole or not at all). */
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** Removes a file written by this transfer (when the transfer fails). */
  remove(id: string): Promise<void>;
}

/** The path of a stored file's bytes under a file-store root. */
export function storedFilePath(root: string, id: string): string {
  return path.join(root, id.slice(0, 2), id);
}

/** A file destination in a folder, in the file store's layout. */
export function folderDestination(root: string): FileDestination {
  return {
    describe: () => root,
    has: async (id) => fs.existsSync(storedFilePath(root, id)),
    async put(id, bytes) {
      const target = storedFilePath(root, id);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.partial-${randomUUID()}`;
      await fs.promises.writeFile(temporary, bytes, { flag: "wx" });
      await fs.promises.rename(temporary, target);
    },
    remove: (id) => fs.promises.rm(storedFilePath(root, id), { force: true }),
  };
}

/** The SHA-256 of some bytes, in hex, as `stored_file.sha256` holds it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What a file copy did. */
export interface FileCopyReport {
  /** Files written to the destination. */
  copied: number;
  /** Files the destination already held with the same content (the same folder, or a rerun). */
  alreadyThere: number;
  bytes: number;
  /** Stored files whose bytes the source does not have (e.g. generated metadata-only rows). */
  missing: string[];
  /** Ids written by this copy, so that a failure can remove them again. */
  written: string[];
}

/**
 * Copies the bytes of the given stored files from a source folder to a destination, checking each
 * against the SHA-256 its row records; a file whose bytes differ from its row stops the copy.
 * `rewrite` may replace a file's bytes on the way (the scrub's placeholders).
 */
export async function copyStoredFiles(
  sourceRoot: string,
  destination: FileDestination,
  files: readonly { id: string; sha256: string }[],
  options: { onProgress?: (done: number, total: number) => void; sameFolder?: boolean } = {},
): Promise<FileCopyReport> {
  const report: FileCopyReport = { copied: 0, alreadyThere: 0, bytes: 0, missing: [], written: [] };
  let done = 0;
  try {
    await copyEach();
  } catch (error) {
    // Whole or nothing: take back what this copy wrote before failing.
    for (const id of report.written) await destination.remove(id).catch(() => {});
    throw error;
  }
  return report;

  async function copyEach(): Promise<void> {
    for (const file of files) {
      const from = storedFilePath(sourceRoot, file.id);
      if (!fs.existsSync(from)) {
        report.missing.push(file.id);
      } else {
        const bytes = await fs.promises.readFile(from);
        if (sha256Hex(bytes) !== file.sha256)
          throw new Error(`The bytes of stored file ${file.id} (${from}) do not match the SHA-256 its row records.`);
        if (options.sameFolder || (await destination.has(file.id))) {
          report.alreadyThere += 1;
        } else {
          await destination.put(file.id, bytes);
          report.written.push(file.id);
          report.copied += 1;
        }
        report.bytes += bytes.byteLength;
      }
      done += 1;
      if (done % 200 === 0 || done === files.length) options.onProgress?.(done, files.length);
    }
  }
}

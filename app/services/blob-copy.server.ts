import { createHash } from "node:crypto";
import type { Db } from "#app/db/client.server.ts";
import type { BlobStore } from "./blob-store.server.ts";

/** What a copy saw and did. */
export interface BlobCopyReport {
  /** Stored files (rows) considered. */
  files: number;
  copied: number;
  /** Already in the target with the same bytes (a copy can be run again after an interruption). */
  alreadyThere: number;
  /** Rows whose bytes are missing from the source. */
  missing: string[];
  /** Files whose bytes do not match their recorded SHA-256 (not copied). */
  damaged: string[];
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Copies the bytes of every stored file from one blob store to another (the local folder to a
 * bucket, when an install moves to object storage), checking each file's SHA-256 against its row
 * before writing and after reading it back. Files already in the target with the right bytes are
 * skipped, so the copy can be resumed. Rows are read in pages of 500, one file in memory at a time.
 */
export async function copyStoredFiles(
  db: Db,
  from: BlobStore,
  to: BlobStore,
  options: { onProgress?: (done: number) => void } = {},
): Promise<BlobCopyReport> {
  const report: BlobCopyReport = { files: 0, copied: 0, alreadyThere: 0, missing: [], damaged: [] };
  const existing = new Set<string>();
  for await (const entry of to.list()) existing.add(entry.id);
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("stored_file")
      .select(["id", "sha256"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      report.files++;
      if (existing.has(row.id)) {
        const there = await to.read(row.id);
        if (there && sha256(await readAll(there)) === row.sha256) {
          report.alreadyThere++;
          continue;
        }
      }
      const source = await from.read(row.id);
      if (!source) {
        report.missing.push(row.id);
        continue;
      }
      const bytes = await readAll(source);
      if (sha256(bytes) !== row.sha256) {
        report.damaged.push(row.id);
        continue;
      }
      if (existing.has(row.id)) await to.remove(row.id);
      await to.write(row.id, bytes);
      const back = await to.read(row.id);
      if (!back || sha256(await readAll(back)) !== row.sha256)
        throw new Error(`The copy of file ${row.id} does not read back with the same bytes.`);
      report.copied++;
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(report.files);
  }
  return report;
}

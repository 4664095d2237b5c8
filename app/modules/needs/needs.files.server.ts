import type { Db } from "#app/db/client.server.ts";
import type { BlobEntry, BlobStore } from "#app/services/blob-store.server.ts";
import type { FileStore } from "#app/services/files.server.ts";
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, type PreparedAttachment } from "./public/attachments.server.ts";

/*
 * The submitter's files on disk (decision 021). The file store writes a file's bytes before its
 * row (stored_file), in the transaction of the submission; when that transaction fails, the row is
 * rolled back but the bytes stay. So: the files are checked before anything is written
 * (prepareAttachments), written last in the transaction (storeSubmitterFiles), and a periodic job
 * removes the bytes that no row names once they are older than a grace period (sweepOrphanFiles).
 */

/** The job kind that removes files no stored_file row names (run hourly by the scheduler). */
export const FILE_SWEEP_JOB = "needs.files.sweep";

/** A file without a row is left alone this long: its transaction may still be running. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

const BATCH = 500;

/**
 * Stores the submitter's checked attachments of a case (or of one of their notes). Call it last in
 * the transaction of the submission, after every other write.
 */
export async function storeSubmitterFiles(
  trx: Db,
  files: FileStore,
  attachments: readonly PreparedAttachment[],
  target: { caseId: number; noteId: number | null; now: Date },
): Promise<void> {
  for (const attachment of attachments) {
    const stored = await files.put(trx, attachment.bytes, {
      originalName: attachment.name,
      accept: ATTACHMENT_TYPES,
      maxBytes: ATTACHMENT_LIMITS.maxFileBytes,
    });
    if (!stored.ok) throw new Error(`An attachment checked before storing was refused: ${stored.error}`);
    await trx
      .insertInto("need_attachment")
      .values({
        case_id: target.caseId,
        file_id: stored.file.id,
        note_id: target.noteId,
        uploaded_by: "submitter",
        created_at: target.now,
      })
      .execute();
  }
}

/** What a sweep saw and did. */
export interface SweepReport {
  checked: number;
  removed: number;
}

/**
 * Removes from the blob store (DATA_DIR/files or the bucket) every file that no stored_file row
 * names and that is older than `graceMs`: the bytes of submissions whose transaction failed, or of
 * erasures whose bytes could not be removed. Files of every module live there; a file without a row
 * is garbage whichever module wrote it, as the store writes the row right after the bytes, in the
 * writer's transaction. One query per 500 files.
 */
export async function sweepOrphanFiles(
  db: Db,
  blobs: BlobStore,
  options: { now?: Date; graceMs?: number } = {},
): Promise<SweepReport> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? ORPHAN_GRACE_MS);
  let checked = 0;
  let removed = 0;
  let batch: BlobEntry[] = [];
  const sweep = async () => {
    const known = new Set(
      (
        await db
          .selectFrom("stored_file")
          .select("id")
          .where(
            "id",
            "in",
            batch.map((c) => c.id),
          )
          .execute()
      ).map((r) => r.id),
    );
    for (const candidate of batch) {
      if (known.has(candidate.id) || candidate.modifiedAt.getTime() > cutoff) continue;
      // Checked again just before removing: a row written meanwhile keeps the file.
      if (await db.selectFrom("stored_file").select("id").where("id", "=", candidate.id).executeTakeFirst()) continue;
      await blobs.remove(candidate.id);
      removed++;
    }
    batch = [];
  };
  for await (const entry of blobs.list()) {
    checked++;
    batch.push(entry);
    if (batch.length >= BATCH) await sweep();
  }
  if (batch.length > 0) await sweep();
  return { checked, removed };
}

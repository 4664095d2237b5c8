import type { Db } from "#app/db/client.server.ts";
import { isDraftLibraryFile } from "#app/modules/library/library-files.server.ts";
import { isCaseAttachmentFile } from "#app/modules/needs/needs.privacy.server.ts";

/**
 * Files that /files/:id must never serve, whoever asks: each module whose files are private (case
 * attachments, unpublished evidence…) says which are its own, and serves them itself through a
 * route that checks its policy. Listed explicitly, like the routes.
 */
export const PRIVATE_FILE_CHECKS: readonly ((db: Db, fileId: string) => Promise<boolean>)[] = [
  isCaseAttachmentFile,
  // modules: add private-file checks below this line
  isDraftLibraryFile,
];

/** True when the public file route may serve this file. */
export async function isPubliclyReadable(db: Db, fileId: string): Promise<boolean> {
  for (const isPrivate of PRIVATE_FILE_CHECKS) if (await isPrivate(db, fileId)) return false;
  return true;
}

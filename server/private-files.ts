import type { Db } from "#app/db/client.server.ts";
import { eventFileOwners } from "#app/modules/events/event-files.server.ts";
import { libraryFileOwners } from "#app/modules/library/library-files.server.ts";
import { caseAttachmentOwners } from "#app/modules/needs/needs.privacy.server.ts";
import { newsImageOwners } from "#app/modules/news/publishing-files.server.ts";
import { strategyDocumentOwners } from "#app/modules/planning/strategy-documents.server.ts";
import { reportingFileOwners } from "#app/modules/reporting/reporting-files.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { FileAccess, FileOwnerLookup } from "#app/services/files.server.ts";

/**
 * Every module that keeps stored files says which of its records own a file (decision 025).
 * Listed explicitly, like the routes. A file no lookup claims (an uploaded plan-import workbook, an
 * orphan) has no public owner and so is served to nobody.
 */
export const FILE_OWNER_LOOKUPS: readonly FileOwnerLookup[] = [
  caseAttachmentOwners,
  libraryFileOwners,
  newsImageOwners,
  eventFileOwners,
  strategyDocumentOwners,
  reportingFileOwners,
  // modules: add file-owner lookups below this line
];

/**
 * The one rule of /files/:id: a file is served to anyone when one of its owners is public, to an
 * actor one of its owners lets read it, and to nobody else ("none": the route answers 404).
 */
export async function fileAccessFor(db: Db, actor: Actor, fileId: string): Promise<FileAccess> {
  const owners = (await Promise.all(FILE_OWNER_LOOKUPS.map((lookup) => lookup(db, fileId)))).flat();
  if (owners.some((owner) => owner.isPublic)) return "public";
  if (owners.some((owner) => owner.mayRead(actor))) return "private";
  return "none";
}

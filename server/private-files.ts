import type { Db } from "#app/db/client.server.ts";
import { fileOwnersOf } from "#app/modules.server.ts";
import type { Actor } from "#app/services/authorization.ts";
import type { FileAccess, FileOwnerLookup } from "#app/services/files.server.ts";
import { SERVER_MODULES } from "./modules.ts";

/**
 * Every module that keeps stored files says which of its records own a file (decision 025): its
 * manifest's `fileOwners`. A file no lookup claims (an uploaded plan-import workbook, an orphan) has
 * no public owner and so is served to nobody.
 */
export const FILE_OWNER_LOOKUPS: readonly FileOwnerLookup[] = fileOwnersOf(SERVER_MODULES);

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

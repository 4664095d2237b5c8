import type { Db } from "#app/db/client.server.ts";
import type { FileOwner } from "#app/services/files.server.ts";
import { isCoordinator } from "#app/services/authorization.ts";
import { publishingPolicy } from "#app/modules/clearing-house/publishable/publishing.policy.ts";

/**
 * The news items whose images a stored file is (large or thumbnail): public once the item is
 * published; before that only its writers (members of its organisation, coordinators) may load
 * them, for the editor's previews. For /files/:id (decision 025).
 */
export async function newsImageOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  const rows = await db
    .selectFrom("news_image as i")
    .innerJoin("news_item as n", "n.id", "i.news_item_id")
    .select(["n.status", "n.organisation_id"])
    .where((eb) => eb.or([eb("i.large_file_id", "=", fileId), eb("i.thumb_file_id", "=", fileId)]))
    .execute();
  return rows.map((row) => ({
    kind: "news_image",
    isPublic: row.status === "published",
    mayRead: (actor) =>
      row.organisation_id === null
        ? isCoordinator(actor)
        : publishingPolicy.can(actor, "content.update", { organisationId: row.organisation_id }),
  }));
}

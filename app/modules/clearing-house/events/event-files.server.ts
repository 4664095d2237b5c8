import type { Db } from "#app/db/client.server.ts";
import { publishingPolicy } from "#app/modules/clearing-house/publishable/publishing.policy.ts";
import type { FileOwner } from "#app/services/files.server.ts";

/**
 * The events whose photos (any size) or documents a stored file is: public once the event is
 * published; before that only the event's writers may load them. For /files/:id (decision 025).
 */
export async function eventFileOwners(db: Db, fileId: string): Promise<FileOwner[]> {
  const [photos, documents] = await Promise.all([
    db
      .selectFrom("event_photo as p")
      .innerJoin("event as e", "e.id", "p.event_id")
      .select(["e.status", "e.organisation_id"])
      .where((eb) =>
        eb.or([
          eb("p.large_file_id", "=", fileId),
          eb("p.medium_file_id", "=", fileId),
          eb("p.thumb_file_id", "=", fileId),
        ]),
      )
      .execute(),
    db
      .selectFrom("event_document as d")
      .innerJoin("event as e", "e.id", "d.event_id")
      .select(["e.status", "e.organisation_id"])
      .where("d.file_id", "=", fileId)
      .execute(),
  ]);
  const owner =
    (kind: string) =>
    (row: { status: string; organisation_id: number }): FileOwner => ({
      kind,
      isPublic: row.status === "published",
      mayRead: (actor) => publishingPolicy.can(actor, "content.update", { organisationId: row.organisation_id }),
    });
  return [...photos.map(owner("event_photo")), ...documents.map(owner("event_document"))];
}

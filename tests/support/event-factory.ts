import type { Db } from "#app/db/client.server.ts";
import type { EventKind, PublicationStatus } from "#app/db/tables/clearing-house.ts";

/** An event as the tests need one: written in English, of one organisation, published or a draft. */
export interface TestEvent {
  slug: string;
  kind: EventKind;
  /** The English title; the slug when not given. */
  title?: string;
  startsAt: Date;
  endsAt?: Date | null;
  organisationId: number;
  status: PublicationStatus;
  /** When a published event was published; now when not given. */
  publishedAt?: Date;
}

/** Inserts an event straight into the table (a published one with its publication date) and answers its id. */
export async function insertTestEvent(db: Db, event: TestEvent): Promise<number> {
  const row = await db
    .insertInto("event")
    .values({
      slug: event.slug,
      kind: event.kind,
      title: { en: event.title ?? event.slug },
      original_locale: "en",
      starts_at: event.startsAt,
      ends_at: event.endsAt ?? null,
      organisation_id: event.organisationId,
      status: event.status,
      published_at: event.status === "published" ? (event.publishedAt ?? new Date()) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

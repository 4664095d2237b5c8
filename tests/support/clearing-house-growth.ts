import type { Db } from "#app/db/client.server.ts";

/**
 * Adds hundreds of events (with organisations and recommendations), services and opportunities,
 * so that a per-row query on the clearing-house pages shows in the query counts.
 */
export async function growClearingHouse(db: Db, count = 300): Promise<void> {
  const organisations = await db.selectFrom("organisation").select("id").orderBy("id").limit(20).execute();
  const orgIds = organisations.map((o) => o.id);
  const org = (i: number) => orgIds[i % orgIds.length]!;
  const now = Date.now();
  /** What every grown event, service and opportunity shares: a slug, Albanian text, an organisation, published now. */
  const grown = (kind: "event" | "service" | "opportunity", i: number) => ({
    slug: `grown-${kind}-${i}`,
    original_locale: "sq" as const,
    organisation_id: org(i),
    status: "published" as const,
    published_at: new Date(now),
  });
  const events = await db
    .insertInto("event")
    .values(
      Array.from({ length: count }, (_, i) => ({
        kind: "training" as const,
        title: { sq: `Ngjarje ${i}`, en: `Event ${i}` },
        starts_at: new Date(now + (i % 2 ? 1 : -1) * (i + 1) * 86_400_000),
        kas_code: "20",
        ...grown("event", i),
      })),
    )
    .returning(["id", "organisation_id"])
    .execute();
  await db
    .insertInto("event_organisation")
    .values(
      events.flatMap((e, i) => [
        { event_id: e.id, organisation_id: e.organisation_id, role: "organiser" as const },
        ...(org(i + 1) !== e.organisation_id
          ? [{ event_id: e.id, organisation_id: org(i + 1), role: "participant" as const }]
          : []),
      ]),
    )
    .execute();
  await db
    .insertInto("recommendation")
    .values(
      events.map((e, i) => ({
        event_id: e.id,
        text: { en: `Recommendation ${i}` },
        original_locale: "en" as const,
        owner_organisation_id: org(i + 2),
        due_date: new Date(now + (i - 150) * 86_400_000).toISOString().slice(0, 10),
      })),
    )
    .execute();
  await db
    .insertInto("service")
    .values(
      Array.from({ length: count }, (_, i) => ({
        title: { sq: `Shërbim ${i}` },
        summary: { sq: `Përshkrim ${i}` },
        address: "Adresa",
        sector_code: "health",
        ...grown("service", i),
      })),
    )
    .execute();
  await db
    .insertInto("opportunity")
    .values(
      Array.from({ length: count }, (_, i) => ({
        kind: "job" as const,
        title: { sq: `Punë ${i}` },
        summary: { sq: `Përshkrim ${i}` },
        deadline: new Date(now + (i - 100) * 86_400_000).toISOString().slice(0, 10),
        ...grown("opportunity", i),
      })),
    )
    .execute();
}

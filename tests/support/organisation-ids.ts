import type { Db } from "#app/db/client.server.ts";

/*
 * The ids of the organisations every database holds (the directory migration and the seed load them), looked up the
 * way a dozen tests and the plan factory need them.
 */

/** The id of an organisation of the seed, by its slug (throws when there is none). */
export async function organisationIdBySlug(db: Db, slug: string): Promise<number> {
  const row = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}

/** The id of the seeded municipal office (Office for Communities and Returns) of a municipality (throws when there is none). */
export async function municipalityOfficeId(db: Db, kasCode: string): Promise<number> {
  const row = await db
    .selectFrom("organisation")
    .select("id")
    .where("kas_code", "=", kasCode)
    .where("type_code", "=", "municipality_office")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * `count` active organisations of the seed in id order, after skipping `skip` of them: the ones a
 * test takes when any organisation will do (the same ones on every run).
 */
export async function activeOrganisations(db: Db, count: number, skip = 0) {
  return db
    .selectFrom("organisation")
    .select(["id", "slug", "name"])
    .where("is_active", "=", true)
    .orderBy("id")
    .offset(skip)
    .limit(count)
    .execute();
}

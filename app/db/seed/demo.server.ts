import type { Kysely } from "kysely";
import type { Db } from "../client.server.ts";
import type { Database } from "../schema.ts";
import { seedLibraryDemo } from "#app/modules/library/library.seed.server.ts";
import { seedDemoNeeds } from "#app/modules/needs/needs.seed.ts";
import { ABOUT_PAGE, DEMO_NEWS } from "./demo-content.ts";
import { seedDemoProjects } from "#app/modules/projects/projects.seed.server.ts";
import { seedStrategiesDemo } from "#app/modules/strategies/strategies.seed.server.ts";
import { seedClearingHouseDemo } from "#app/modules/events/clearing-house.seed.server.ts";

/** True when no demo or real content has been written yet (the demo seed then runs on start). */
export async function isContentEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom("page").select("key").limit(1).executeTakeFirst();
  return row === undefined;
}

/** A module's demo content, written in the seeding transaction (after the modules listed before it). */
export type DemoSeeder = (trx: Kysely<Database>) => Promise<void>;

/**
 * Each module's demo seeder, in dependency order (a project links to measures, so strategies come
 * first). Listed explicitly: a module with demo content adds its seeder below the marker.
 */
export const DEMO_SEEDERS: DemoSeeder[] = [
  // modules: add demo seeders below this line, in dependency order (strategies, library, clearing house, projects, needs)
  seedStrategiesDemo,
  seedLibraryDemo,
  seedDemoProjects,
  seedDemoNeeds,
  (trx) => seedClearingHouseDemo(trx),
];

/**
 * Seeds the demo content drawn from the source documents: the Office's mandate (About page) and
 * the news items of seeds 000–002, each in its original language. All-or-nothing.
 */
export async function seedDemoContent(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("page").values(ABOUT_PAGE).onConflict((oc) => oc.column("key").doNothing()).execute();
    await trx.insertInto("news_item").values(DEMO_NEWS).onConflict((oc) => oc.column("slug").doNothing()).execute();
    for (const seed of DEMO_SEEDERS) await seed(trx);
  });
}

import { sql, type Kysely } from "kysely";
import type { Db } from "../client.server.ts";
import type { Database } from "../schema.ts";
import { seedLibraryDemo } from "#app/modules/library/library.seed.server.ts";
import { seedDemoNeeds } from "#app/modules/needs/needs.seed.ts";
import { ABOUT_PAGE, DEMO_NEWS } from "./demo-content.ts";
import { seedDemoProjects } from "#app/modules/projects/projects.seed.server.ts";
import { seedStrategiesDemo } from "#app/modules/strategies/strategies.seed.server.ts";
import { seedClearingHouseDemo } from "#app/modules/events/clearing-house.seed.server.ts";
import { seedDemoPortfolio } from "#app/modules/projects/projects.demo-portfolio.server.ts";
import { seedEventsStory } from "#app/modules/events/events.demo-story.server.ts";
import { seedReportingDemo } from "#app/modules/reporting/reporting.seed.server.ts";
import type { FileStore } from "#app/services/files.server.ts";

/**
 * True when no demo or real content has been written yet (the demo seed then runs on start): no
 * page, news item, strategy, project, case, library document or event. One query.
 */
export async function isContentEmpty(db: Db): Promise<boolean> {
  const row = await sql<{ any: boolean }>`select (
      exists (select 1 from page) or exists (select 1 from news_item) or exists (select 1 from strategy)
      or exists (select 1 from project) or exists (select 1 from need_case) or exists (select 1 from library_document)
      or exists (select 1 from event)
    ) as any`.execute(db);
  return row.rows[0]?.any !== true;
}

/** What a demo seeder may use besides the transaction: the file store (null when there is none) and "now". */
export interface DemoSeedContext {
  files: FileStore | null;
  /** The day of the first start: every demo date is relative to it. */
  now: Date;
}

/** A module's demo content, written in the seeding transaction (after the modules listed before it). */
export type DemoSeeder = (trx: Kysely<Database>, context: DemoSeedContext) => Promise<void>;

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
  (trx, { now }) => seedClearingHouseDemo(trx, now),
];

/**
 * The invented story of issue 17 on top of the content above (decision 030): the donor portfolio, the
 * events to come and held, and the reporting cycles with the compiled and published annual report.
 */
export const DEMO_STORY_SEEDERS: DemoSeeder[] = [
  (trx, { now }) => seedDemoPortfolio(trx, now),
  (trx, { now }) => seedEventsStory(trx, now),
  seedReportingDemo,
];

/**
 * Seeds the demo content drawn from the source documents: the Office's mandate (About page) and
 * the news items of seeds 000–002, each in its original language, each module's demo content and,
 * unless `story` is false (tests written against the smaller demo), the invented story. All-or-nothing.
 */
export async function seedDemoContent(db: Db, options: { files?: FileStore | null; now?: Date; story?: boolean } = {}): Promise<void> {
  const context: DemoSeedContext = { files: options.files ?? null, now: options.now ?? new Date() };
  const seeders = options.story === false ? DEMO_SEEDERS : [...DEMO_SEEDERS, ...DEMO_STORY_SEEDERS];
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("page").values(ABOUT_PAGE).onConflict((oc) => oc.column("key").doNothing()).execute();
    await trx.insertInto("news_item").values(DEMO_NEWS).onConflict((oc) => oc.column("slug").doNothing()).execute();
    for (const seed of seeders) await seed(trx, context);
  });
}

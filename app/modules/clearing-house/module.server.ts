import { DEMO_NEWS } from "#app/db/seed/demo-content.ts";
import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerClearingHouseApi } from "./events/clearing-house.api.ts";
import { seedClearingHouseDemo } from "./events/clearing-house.seed.server.ts";
import { eventFileOwners } from "./events/event-files.server.ts";
import { seedEventsStory } from "./events/events.demo-story.server.ts";
import { recommendationTasks } from "./events/recommendations.tasks.server.ts";
import { newsImageOwners } from "./news/publishing-files.server.ts";
import { registerOpportunitiesApi } from "./opportunities/opportunities.api.ts";
import { registerServicesApi } from "./services/services.api.ts";

/**
 * The server half of the clearing house's manifest: `/api/v1/events`, `/services` and
 * `/opportunities` (positions 30–32 of the OpenAPI document), the recommendations as tasks, the
 * demo content (the news items of the source documents, then the events, services, opportunities
 * and organisations of the seeds) and story, and the owners of news images and event files.
 */
const serverManifest: ServerModuleManifest = {
  api: [
    { position: 30, register: registerClearingHouseApi },
    { position: 31, register: registerServicesApi },
    { position: 32, register: registerOpportunitiesApi },
  ],
  tasks: [recommendationTasks],
  demo: {
    content: async (trx, { now }) => {
      await trx
        .insertInto("news_item")
        .values(DEMO_NEWS)
        .onConflict((oc) => oc.column("slug").doNothing())
        .execute();
      await seedClearingHouseDemo(trx, now);
    },
    story: (trx, { now }) => seedEventsStory(trx, now),
  },
  fileOwners: [newsImageOwners, eventFileOwners],
};
export default serverManifest;

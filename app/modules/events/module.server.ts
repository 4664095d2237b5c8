import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { registerClearingHouseApi } from "./clearing-house.api.ts";
import { seedClearingHouseDemo } from "./clearing-house.seed.server.ts";
import { eventFileOwners } from "./event-files.server.ts";
import { seedEventsStory } from "./events.demo-story.server.ts";
import { recommendationTasks } from "./recommendations.tasks.server.ts";

/**
 * The server half of the events manifest. The demo content of the clearing house (events, services,
 * opportunities, the directory) is seeded here until the clearing house is one module; the API of
 * services and opportunities is registered by their own modules, right after the events'.
 */
const serverManifest: ServerModuleManifest = {
  api: [{ position: 30, register: registerClearingHouseApi }],
  tasks: [recommendationTasks],
  demo: { content: (trx, { now }) => seedClearingHouseDemo(trx, now), story: (trx, { now }) => seedEventsStory(trx, now) },
  fileOwners: [eventFileOwners],
};
export default serverManifest;

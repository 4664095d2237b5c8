import { DEMO_NEWS } from "#app/db/seed/demo-content.ts";
import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { newsImageOwners } from "./publishing-files.server.ts";

/** The server half of the news manifest: the news items of the source documents, image owners. */
const serverManifest: ServerModuleManifest = {
  demo: {
    content: async (trx) => {
      await trx.insertInto("news_item").values(DEMO_NEWS).onConflict((oc) => oc.column("slug").doNothing()).execute();
    },
  },
  fileOwners: [newsImageOwners],
};
export default serverManifest;

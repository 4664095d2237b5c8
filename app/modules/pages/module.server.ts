import { ABOUT_PAGE } from "#app/db/seed/demo-content.ts";
import type { ServerModuleManifest } from "#app/services/module-contract.ts";

/** The server half of the pages manifest: the About page of the demo. */
const serverManifest: ServerModuleManifest = {
  demo: {
    content: async (trx) => {
      await trx
        .insertInto("page")
        .values(ABOUT_PAGE)
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    },
  },
};
export default serverManifest;

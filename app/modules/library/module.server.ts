import type { ServerModuleManifest } from "#app/services/module-contract.ts";
import { libraryFileOwners } from "./library-files.server.ts";
import { libraryJobHandlers } from "./library.jobs.server.ts";
import { seedLibraryDemo } from "./library.seed.server.ts";

/** The server half of the library manifest. */
const serverManifest: ServerModuleManifest = {
  jobs: libraryJobHandlers,
  demo: { content: seedLibraryDemo },
  fileOwners: [libraryFileOwners],
};
export default serverManifest;

import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The public directory of organisations. */
export const manifest: ModuleManifest = {
  name: "directory",
  routes: {
    public: [route("organizations", "modules/directory/routes/directory-index.tsx"), route("organizations/:slug", "modules/directory/routes/directory-detail.tsx")],
  },
};

import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** Services offered to communities (clearing house). */
export const manifest: ModuleManifest = {
  name: "services",
  routes: {
    public: [route("services", "modules/services/routes/services-index.tsx"), route("services/:slug", "modules/services/routes/services-detail.tsx")],
    workspace: [route("publishing/services/:id", "modules/services/routes/workspace-service-edit.tsx")],
  },
  server: () => import("./module.server.ts"),
};

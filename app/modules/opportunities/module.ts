import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** Opportunities (clearing house), with their RSS feed. */
export const manifest: ModuleManifest = {
  name: "opportunities",
  routes: {
    public: [
      route("opportunities", "modules/opportunities/routes/opportunities-index.tsx"),
      route("opportunities/feed.rss", "modules/opportunities/routes/opportunities-feed.ts"),
      route("opportunities/:slug", "modules/opportunities/routes/opportunities-detail.tsx"),
    ],
    workspace: [route("publishing/opportunities/:id", "modules/opportunities/routes/workspace-opportunity-edit.tsx")],
  },
  server: () => import("./module.server.ts"),
};

import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/**
 * A route of one kind of the clearing house, at `modules/clearing-house/<kind>/routes/<file>`. Its id
 * stays the one it had when each kind was a module of its own (`modules/<kind>/routes/<name>`), so
 * the route ids every test and recording names did not change with the move (decision 048).
 */
function kindRoute(path: string, kind: string, file: string) {
  return route(path, `modules/clearing-house/${kind}/routes/${file}`, { id: `modules/${kind}/routes/${file.replace(/\.tsx?$/, "")}` });
}

/**
 * The clearing house (issue 13, item 2; decision 048): the publishable items of the organisations —
 * services and opportunities, each a folder of its own — over one shared core (`publishable/`:
 * slug, status, owner, translated fields, moderation, audit, search indexing, editor, filters).
 */
export const manifest: ModuleManifest = {
  name: "clearing-house",
  routes: {
    public: [
      kindRoute("services", "services", "services-index.tsx"),
      kindRoute("services/:slug", "services", "services-detail.tsx"),
      kindRoute("opportunities", "opportunities", "opportunities-index.tsx"),
      kindRoute("opportunities/feed.rss", "opportunities", "opportunities-feed.ts"),
      kindRoute("opportunities/:slug", "opportunities", "opportunities-detail.tsx"),
    ],
    workspace: [
      kindRoute("publishing/services/:id", "services", "workspace-service-edit.tsx"),
      kindRoute("publishing/opportunities/:id", "opportunities", "workspace-opportunity-edit.tsx"),
    ],
  },
  server: () => import("./module.server.ts"),
};

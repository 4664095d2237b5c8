import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { isSignedIn } from "#app/services/authorization.ts";

/** News: the list, item pages and feeds; the workspace publishing list and the news editor. */
export const manifest: ModuleManifest = {
  name: "news",
  routes: {
    public: [
      route("news", "modules/news/routes/news-index.tsx"),
      route("news/:slug", "modules/news/routes/news-detail.tsx"),
      route("news/feed.rss", "modules/news/routes/news-feed-rss.ts"),
      route("news/feed.atom", "modules/news/routes/news-feed-atom.ts"),
    ],
    workspace: [
      route("publishing", "modules/news/routes/workspace-publishing.tsx"),
      route("publishing/news/:id", "modules/news/routes/workspace-news-edit.tsx"),
    ],
  },
  workspaceSections: [{ key: "publishing", path: "publishing", position: 90, isVisible: isSignedIn }],
  server: () => import("./module.server.ts"),
};

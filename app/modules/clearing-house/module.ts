import type { ModuleManifest } from "#app/services/module-contract.ts";
import { movedModuleRoute } from "#app/services/module-routes.ts";
import { isSignedIn } from "#app/services/authorization.ts";

/** A route of the clearing house: in a kind's folder (or the shared core's), with the id it had as a module of its own. */
function clearingRoute(path: string, folder: string, file: string, formerModule = folder) {
  return movedModuleRoute("clearing-house", path, folder, file, formerModule);
}

/**
 * The clearing house (issue 8; issue 13, item 2; decisions 014 and 048): the organisations'
 * publishable items — news, events (with their recommendations), services, opportunities — and the
 * public directory of organisations, one folder per kind, over one shared core (`publishable/`:
 * slug, status, owner, translated fields, moderation and the publishing list, audit, search
 * indexing, editor, filters, list API, feeds).
 */
export const manifest: ModuleManifest = {
  name: "clearing-house",
  routes: {
    public: [
      clearingRoute("news", "news", "news-index.tsx"),
      clearingRoute("news/:slug", "news", "news-detail.tsx"),
      clearingRoute("news/feed.rss", "news", "news-feed-rss.ts"),
      clearingRoute("news/feed.atom", "news", "news-feed-atom.ts"),
      clearingRoute("events", "events", "events-index.tsx"),
      clearingRoute("events/feed.ics", "events", "events-feed.ts"),
      clearingRoute("events/:slug", "events", "events-detail.tsx"),
      clearingRoute("events/:slug/calendar.ics", "events", "event-ics.ts"),
      clearingRoute("recommendations", "events", "recommendations-index.tsx"),
      clearingRoute("services", "services", "services-index.tsx"),
      clearingRoute("services/:slug", "services", "services-detail.tsx"),
      clearingRoute("opportunities", "opportunities", "opportunities-index.tsx"),
      clearingRoute("opportunities/feed.rss", "opportunities", "opportunities-feed.ts"),
      clearingRoute("opportunities/:slug", "opportunities", "opportunities-detail.tsx"),
      clearingRoute("organizations", "directory", "directory-index.tsx"),
      clearingRoute("organizations/:slug", "directory", "directory-detail.tsx"),
    ],
    workspace: [
      clearingRoute("publishing", "publishable", "workspace-publishing.tsx", "news"),
      clearingRoute("publishing/news/:id", "news", "workspace-news-edit.tsx"),
      clearingRoute("publishing/events/:id", "events", "workspace-event-edit.tsx"),
      clearingRoute("publishing/services/:id", "services", "workspace-service-edit.tsx"),
      clearingRoute("publishing/opportunities/:id", "opportunities", "workspace-opportunity-edit.tsx"),
      clearingRoute("recommendations", "events", "workspace-recommendations.tsx"),
      clearingRoute("recommendations/:id", "events", "workspace-recommendation.tsx"),
    ],
  },
  workspaceSections: [
    { key: "publishing", path: "publishing", position: 90, isVisible: isSignedIn },
    { key: "recommendations", path: "recommendations", position: 100, isVisible: isSignedIn },
  ],
  server: () => import("./module.server.ts"),
};

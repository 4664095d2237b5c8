import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { isSignedIn } from "#app/services/authorization.ts";

/** Events, their calendars and recommendations; the clearing house API (events, services, opportunities). */
export const manifest: ModuleManifest = {
  name: "events",
  routes: {
    public: [
      route("events", "modules/events/routes/events-index.tsx"),
      route("events/feed.ics", "modules/events/routes/events-feed.ts"),
      route("events/:slug", "modules/events/routes/events-detail.tsx"),
      route("events/:slug/calendar.ics", "modules/events/routes/event-ics.ts"),
      route("recommendations", "modules/events/routes/recommendations-index.tsx"),
    ],
    workspace: [
      route("publishing/events/:id", "modules/events/routes/workspace-event-edit.tsx"),
      route("recommendations", "modules/events/routes/workspace-recommendations.tsx"),
      route("recommendations/:id", "modules/events/routes/workspace-recommendation.tsx"),
    ],
  },
  workspaceSections: [{ key: "recommendations", path: "recommendations", position: 100, isVisible: isSignedIn }],
  server: () => import("./module.server.ts"),
};

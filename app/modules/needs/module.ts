import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { sectionVisibleTo } from "#app/services/workspace-contract.ts";
import { needsPolicy } from "./needs.policy.ts";

/** Community needs: public submission, tracking and statistics; case handling in the workspace. */
export const manifest: ModuleManifest = {
  name: "needs",
  routes: {
    public: [
      route("needs", "modules/needs/public/routes/needs-stats.tsx"),
      route("needs/statistics.csv", "modules/needs/public/routes/needs-stats-csv.ts"),
      route("needs/new", "modules/needs/public/routes/needs-new.tsx"),
      route("needs/track", "modules/needs/public/routes/needs-track.tsx"),
      route("needs/track/:code", "modules/needs/public/routes/needs-track-case.tsx"),
      route("needs/track/:code/receipt.txt", "modules/needs/public/routes/needs-track-receipt.ts"),
    ],
    workspace: [
      route("needs", "modules/needs/workspace/routes/cases-index.tsx"),
      route("needs/briefing", "modules/needs/workspace/routes/briefing.tsx"),
      route("needs/routing", "modules/needs/workspace/routes/routing-rules.tsx"),
      route("needs/:id", "modules/needs/workspace/routes/case-detail.tsx"),
      route("needs/:id/attachments/:attachmentId", "modules/needs/workspace/routes/case-attachment.tsx"),
    ],
  },
  workspaceSections: [
    { key: "needs", path: "needs", position: 30, isVisible: sectionVisibleTo(needsPolicy, "need.queue") },
    {
      key: "needsBriefing",
      path: "needs/briefing",
      position: 40,
      isVisible: sectionVisibleTo(needsPolicy, "need.briefing.view"),
    },
  ],
  server: () => import("./module.server.ts"),
};

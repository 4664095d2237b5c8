import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { planningPolicy } from "./planning.policy.ts";

/** The workspace side of strategies and action plans. */
export const manifest: ModuleManifest = {
  name: "planning",
  routes: {
    workspace: [
      route("plans", "modules/planning/routes/plans-index.tsx"),
      route("plans/my-measures", "modules/planning/routes/my-measures.tsx"),
      route("plans/strategies/new", "modules/planning/routes/strategy-new.tsx"),
      route("plans/strategies/:strategyId", "modules/planning/routes/strategy-detail.tsx"),
      route("plans/imports/:jobId", "modules/planning/routes/import-progress.tsx"),
      route("plans/:planId", "modules/planning/routes/plan-detail.tsx"),
      route("plans/:planId/export.xlsx", "modules/planning/routes/plan-export.tsx"),
      route("plans/:planId/revisions", "modules/planning/routes/plan-revisions.tsx"),
      route("plans/:planId/revisions/:revision", "modules/planning/routes/plan-revision.tsx"),
      route("plans/:planId/objectives/:objectiveId", "modules/planning/routes/objective-detail.tsx"),
      route("plans/:planId/measures/new", "modules/planning/routes/measure-new.tsx"),
      route("plans/:planId/measures/:measureId", "modules/planning/routes/measure-detail.tsx"),
      route("plans/:planId/measures/:measureId/indicators/new", "modules/planning/routes/indicator-new.tsx"),
      route("plans/:planId/indicators/:indicatorId", "modules/planning/routes/indicator-detail.tsx"),
    ],
  },
  workspaceSections: [{ key: "plans", path: "plans", position: 70, isVisible: (actor) => planningPolicy.can(actor, "planning.section", null) }],
  server: () => import("./module.server.ts"),
};

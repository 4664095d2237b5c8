import type { ModuleManifest } from "#app/services/module-contract.ts";
import { movedModuleRoute } from "#app/services/module-routes.ts";
import { planningPolicy } from "./planning.policy.ts";

/** A route of the plans module: in the side it serves (`strategies/` public, `planning/` workspace), with the id it had as a module of its own. */
function plansRoute(path: string, side: "strategies" | "planning", file: string) {
  return movedModuleRoute("plans", path, side, file);
}

/**
 * Strategies and action plans, one module (issue 13, item 4; decision 049): the public side
 * (`strategies/`: strategies, plans and measures with their approved progress, downloads, the API)
 * and the workspace side (`planning/`: the plan editor, revisions, Excel import and export,
 * strategy documents), over the shared domain at the module's top (schema, policy, commands,
 * queries, the plan tree, the approved figures of `progress.server.ts`).
 */
export const manifest: ModuleManifest = {
  name: "plans",
  routes: {
    public: [
      plansRoute("strategies", "strategies", "strategies-index.tsx"),
      plansRoute("strategies/:slug", "strategies", "strategy-detail.tsx"),
      plansRoute("strategies/:slug/plans/:code", "strategies", "plan-detail.tsx"),
      plansRoute("measures/:id", "strategies", "measure-detail.tsx"),
      plansRoute("downloads/strategies", "strategies", "download-strategies.tsx"),
      plansRoute("downloads/plans/:code/measures", "strategies", "download-plan-measures.tsx"),
      plansRoute("downloads/measures/:id/indicators", "strategies", "download-measure-indicators.tsx"),
    ],
    workspace: [
      plansRoute("plans", "planning", "plans-index.tsx"),
      plansRoute("plans/my-measures", "planning", "my-measures.tsx"),
      plansRoute("plans/strategies/new", "planning", "strategy-new.tsx"),
      plansRoute("plans/strategies/:strategyId", "planning", "strategy-detail.tsx"),
      plansRoute("plans/imports/:jobId", "planning", "import-progress.tsx"),
      plansRoute("plans/:planId", "planning", "plan-detail.tsx"),
      plansRoute("plans/:planId/export.xlsx", "planning", "plan-export.tsx"),
      plansRoute("plans/:planId/revisions", "planning", "plan-revisions.tsx"),
      plansRoute("plans/:planId/revisions/:revision", "planning", "plan-revision.tsx"),
      plansRoute("plans/:planId/objectives/:objectiveId", "planning", "objective-detail.tsx"),
      plansRoute("plans/:planId/measures/new", "planning", "measure-new.tsx"),
      plansRoute("plans/:planId/measures/:measureId", "planning", "measure-detail.tsx"),
      plansRoute("plans/:planId/measures/:measureId/indicators/new", "planning", "indicator-new.tsx"),
      plansRoute("plans/:planId/indicators/:indicatorId", "planning", "indicator-detail.tsx"),
    ],
  },
  workspaceSections: [
    {
      key: "plans",
      path: "plans",
      position: 70,
      isVisible: (actor) => planningPolicy.can(actor, "planning.section", null),
    },
  ],
  server: () => import("./module.server.ts"),
};

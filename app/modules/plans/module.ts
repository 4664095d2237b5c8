import type { ModuleManifest } from "#app/services/module-contract.ts";
import { movedModuleRoute } from "#app/services/module-routes.ts";
import { seesPlanningSection } from "./planning.policy.ts";

/**
 * The routes of one side of the plans module (`strategies/` public, `planning/` workspace), each a
 * path and the file in that side's `routes/`, with the ids they had as modules of their own.
 */
function plansRoutes(side: "strategies" | "planning", table: [path: string, file: string][]) {
  return table.map(([path, file]) => movedModuleRoute("plans", path, side, file));
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
    public: plansRoutes("strategies", [
      ["strategies", "strategies-index.tsx"],
      ["strategies/:slug", "strategy-detail.tsx"],
      ["strategies/:slug/plans/:code", "plan-detail.tsx"],
      ["measures/:id", "measure-detail.tsx"],
      ["downloads/strategies", "download-strategies.tsx"],
      ["downloads/plans/:code/measures", "download-plan-measures.tsx"],
      ["downloads/measures/:id/indicators", "download-measure-indicators.tsx"],
    ]),
    workspace: plansRoutes("planning", [
      ["plans", "plans-index.tsx"],
      ["plans/my-measures", "my-measures.tsx"],
      ["plans/strategies/new", "strategy-new.tsx"],
      ["plans/strategies/:strategyId", "strategy-detail.tsx"],
      ["plans/imports/:jobId", "import-progress.tsx"],
      ["plans/:planId", "plan-detail.tsx"],
      ["plans/:planId/export.xlsx", "plan-export.tsx"],
      ["plans/:planId/revisions", "plan-revisions.tsx"],
      ["plans/:planId/revisions/:revision", "plan-revision.tsx"],
      ["plans/:planId/objectives/:objectiveId", "objective-detail.tsx"],
      ["plans/:planId/measures/new", "measure-new.tsx"],
      ["plans/:planId/measures/:measureId", "measure-detail.tsx"],
      ["plans/:planId/measures/:measureId/indicators/new", "indicator-new.tsx"],
      ["plans/:planId/indicators/:indicatorId", "indicator-detail.tsx"],
    ]),
  },
  workspaceSections: [{ key: "plans", path: "plans", position: 70, isVisible: seesPlanningSection }],
  server: () => import("./module.server.ts"),
};

import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The public side of strategies and action plans, with their downloads and API. */
export const manifest: ModuleManifest = {
  name: "strategies",
  routes: {
    public: [
      route("strategies", "modules/strategies/routes/strategies-index.tsx"),
      route("strategies/:slug", "modules/strategies/routes/strategy-detail.tsx"),
      route("strategies/:slug/plans/:code", "modules/strategies/routes/plan-detail.tsx"),
      route("measures/:id", "modules/strategies/routes/measure-detail.tsx"),
      route("downloads/strategies", "modules/strategies/routes/download-strategies.tsx"),
      route("downloads/plans/:code/measures", "modules/strategies/routes/download-plan-measures.tsx"),
      route("downloads/measures/:id/indicators", "modules/strategies/routes/download-measure-indicators.tsx"),
    ],
  },
  server: () => import("./module.server.ts"),
};

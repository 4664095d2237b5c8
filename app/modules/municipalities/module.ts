import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The municipalities: list with the choropleth map, one page per municipality, the API. */
export const manifest: ModuleManifest = {
  name: "municipalities",
  routes: {
    public: [
      route("municipalities", "modules/municipalities/routes/municipalities-index.tsx"),
      route("municipalities/:municipality", "modules/municipalities/routes/municipality-detail.tsx"),
    ],
  },
  server: () => import("./module.server.ts"),
};

import { index, route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The home page and About. */
export const manifest: ModuleManifest = {
  name: "pages",
  routes: {
    public: [index("modules/pages/routes/home.tsx"), route("about", "modules/pages/routes/about.tsx")],
  },
  server: () => import("./module.server.ts"),
};

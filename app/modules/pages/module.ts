import { index, route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The home page, About and the translation status (decision 043). */
export const manifest: ModuleManifest = {
  name: "pages",
  routes: {
    public: [
      index("modules/pages/routes/home.tsx"),
      route("about", "modules/pages/routes/about.tsx"),
      route("translations", "modules/pages/routes/translations.tsx"),
    ],
  },
  server: () => import("./module.server.ts"),
};

import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** Search over the shared index, the sitemap and robots.txt. */
export const manifest: ModuleManifest = {
  name: "search",
  routes: {
    root: [
      route("sitemap.xml", "modules/search/routes/sitemap.ts"),
      route("robots.txt", "modules/search/routes/robots.ts"),
    ],
    public: [route("search", "modules/search/routes/search.tsx")],
  },
  server: () => import("./module.server.ts"),
};

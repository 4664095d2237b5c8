import { route, type RouteConfig, type RouteConfigEntry } from "@react-router/dev/routes";
import { MODULES, routesOf } from "./modules.ts";

/**
 * Every page, from the modules' manifests (app/modules.ts, decision 034). The locale is the first
 * segment of every public URL: the core module's locale layout frames the modules' public routes,
 * the workspace layout their workspace routes, and the catch-all 404 comes last.
 */
export default composeRoutes(MODULES) satisfies RouteConfig;

/** The route config of the given modules, in their order. */
export function composeRoutes(modules: typeof MODULES): RouteConfigEntry[] {
  return [
    ...routesOf("root", modules),
    route(":lang", "modules/core/routes/locale-layout.tsx", [
      ...routesOf("public", modules),
      route("workspace", "modules/workspace/routes/workspace-layout.tsx", routesOf("workspace", modules)),
      route("*", "modules/core/routes/not-found.tsx"),
    ]),
  ];
}

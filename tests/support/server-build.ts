import type { ServerBuild } from "react-router";

/**
 * A React Router server build assembled in the test process (no Vite build): the parts a test
 * chooses — document entry, routes, asset manifest — and the settings every such build shares.
 */
export function inProcessServerBuild(parts: { entry: unknown; routes: unknown; assets: unknown }): ServerBuild {
  return {
    ...parts,
    publicPath: "/",
    assetsBuildDirectory: "",
    future: {},
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: "initial", manifestPath: "/__manifest" },
  } as unknown as ServerBuild;
}

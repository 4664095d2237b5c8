import type { ModuleManifest } from "#app/services/module-contract.ts";

/** Read-only reference lists (communities, sectors, organisation types) for the API. */
export const manifest: ModuleManifest = {
  name: "reference",
  server: () => import("./module.server.ts"),
};

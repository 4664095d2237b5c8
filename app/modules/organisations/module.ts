import type { ModuleManifest } from "#app/services/module-contract.ts";

/** The directory of organisations: commands and queries; its pages are the workspace module's. */
export const manifest: ModuleManifest = {
  name: "organisations",
};

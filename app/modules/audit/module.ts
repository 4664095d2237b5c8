import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { isCoordinator } from "#app/services/authorization.ts";

/** The audit log pages. */
export const manifest: ModuleManifest = {
  name: "audit",
  routes: {
    workspace: [
      route("audit", "modules/audit/routes/audit-index.tsx"),
      route("audit/:id", "modules/audit/routes/audit-entry.tsx"),
    ],
  },
  workspaceSections: [{ key: "audit", path: "audit", position: 130, isVisible: isCoordinator }],
};

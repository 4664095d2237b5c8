import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { seesProjectsWorkspace } from "./projects.policy.ts";

/** Donor projects: public list, 3W and project pages; the workspace registry, validation and IATI import. */
export const manifest: ModuleManifest = {
  name: "projects",
  routes: {
    public: [
      route("projects", "modules/projects/routes/projects-index.tsx"),
      route("projects/3w", "modules/projects/routes/projects-3w.tsx"),
      route("projects/:id", "modules/projects/routes/project-detail.tsx"),
    ],
    workspace: [
      route("projects", "modules/projects/routes/workspace-projects.tsx"),
      route("projects/new", "modules/projects/routes/workspace-project-new.tsx"),
      route("projects/import", "modules/projects/routes/workspace-project-import.tsx"),
      route("projects/:id", "modules/projects/routes/workspace-project.tsx"),
      route("projects/:id/results", "modules/projects/routes/workspace-project-results.tsx"),
    ],
  },
  workspaceSections: [{ key: "projects", path: "projects", position: 50, isVisible: seesProjectsWorkspace }],
  server: () => import("./module.server.ts"),
};

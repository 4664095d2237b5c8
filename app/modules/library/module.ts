import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { sectionVisibleTo } from "#app/services/workspace-contract.ts";
import { libraryPolicy } from "./library.policy.ts";

/** The document library: public list and documents, know your rights, the workspace editor. */
export const manifest: ModuleManifest = {
  name: "library",
  routes: {
    public: [
      route("library", "modules/library/routes/library-index.tsx"),
      route("library/know-your-rights", "modules/library/routes/library-know-your-rights.tsx"),
      route("library/:slug", "modules/library/routes/library-detail.tsx"),
    ],
    workspace: [
      route("library", "modules/library/routes/workspace-documents.tsx"),
      route("library/new", "modules/library/routes/workspace-document-new.tsx"),
      route("library/:id", "modules/library/routes/workspace-document-edit.tsx"),
      route("library/:id/files/:locale", "modules/library/routes/workspace-document-file.tsx"),
    ],
  },
  workspaceSections: [
    {
      key: "library",
      path: "library",
      position: 60,
      isVisible: sectionVisibleTo(libraryPolicy, "document.list"),
    },
  ],
  server: () => import("./module.server.ts"),
};

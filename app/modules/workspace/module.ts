import { index, route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { isAdministrator, isCoordinator, isSignedIn } from "#app/services/authorization.ts";

/**
 * The workspace shell: dashboard, profile, organisations and users. Its layout frames every
 * module's workspace routes; app/routes.ts places it (decision 034).
 */
export const manifest: ModuleManifest = {
  name: "workspace",
  routes: {
    workspace: [
      index("modules/workspace/routes/dashboard.tsx"),
      route("profile", "modules/workspace/routes/profile.tsx"),
      route("profile/password", "modules/workspace/routes/profile-password.tsx"),
      route("profile/two-factor", "modules/workspace/routes/profile-two-factor.tsx"),
      route("profile/sessions", "modules/workspace/routes/profile-sessions.tsx"),
      route("organisations", "modules/workspace/routes/organisations-index.tsx"),
      route("organisations/new", "modules/workspace/routes/organisations-new.tsx"),
      route("organisations/:id", "modules/workspace/routes/organisations-detail.tsx"),
      route("users", "modules/workspace/routes/users-index.tsx"),
      route("users/invite", "modules/workspace/routes/users-invite.tsx"),
      route("users/:id", "modules/workspace/routes/users-detail.tsx"),
    ],
  },
  workspaceSections: [
    { key: "dashboard", path: "", position: 10, isVisible: isSignedIn },
    { key: "profile", path: "profile", position: 20, isVisible: isSignedIn },
    { key: "organisations", path: "organisations", position: 110, isVisible: isCoordinator },
    { key: "users", path: "users", position: 120, isVisible: isAdministrator },
  ],
};

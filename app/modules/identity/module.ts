import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/** Sign-in, sign-out and the account pages reached by e-mailed links. */
export const manifest: ModuleManifest = {
  name: "identity",
  routes: {
    public: [
      route("sign-in", "modules/identity/routes/sign-in.tsx"),
      route("sign-in/two-factor", "modules/identity/routes/sign-in-two-factor.tsx"),
      route("sign-out", "modules/identity/routes/sign-out.tsx"),
      route("forgot-password", "modules/identity/routes/forgot-password.tsx"),
      route("reset-password/:token", "modules/identity/routes/reset-password.tsx"),
      route("verify-email/:token", "modules/identity/routes/verify-email.tsx"),
      route("accept-invitation/:token", "modules/identity/routes/accept-invitation.tsx"),
    ],
  },
  server: () => import("./module.server.ts"),
};

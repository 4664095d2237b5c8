import { index } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";

/**
 * The core module: `/` (redirects to the reader's language). Its locale layout and the catch-all
 * 404 frame every other module's pages; app/routes.ts places them (decision 034).
 */
export const manifest: ModuleManifest = {
  name: "core",
  routes: {
    root: [index("modules/core/routes/language-redirect.tsx")],
  },
};

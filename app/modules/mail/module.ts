import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { isAdministrator } from "#app/services/authorization.ts";

/** The development outbox (mail delivery itself is the host's, app/services/mail.server.ts). */
export const manifest: ModuleManifest = {
  name: "mail",
  routes: {
    workspace: [
      route("outbox", "modules/mail/routes/outbox-index.tsx"),
      route("outbox/:id", "modules/mail/routes/outbox-message.tsx"),
    ],
  },
  workspaceSections: [
    {
      key: "outbox",
      path: "outbox",
      position: 140,
      isVisible: (actor, { isDevelopmentMail }) => isAdministrator(actor) && isDevelopmentMail,
    },
  ],
};

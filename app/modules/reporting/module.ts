import { route } from "@react-router/dev/routes";
import type { ModuleManifest } from "#app/services/module-contract.ts";
import { takesPartInReporting } from "./reporting.policy.ts";

/** Reporting cycles, measure reports, review, the annual report. */
export const manifest: ModuleManifest = {
  name: "reporting",
  routes: {
    workspace: [
      route("reporting", "modules/reporting/routes/reporting-index.tsx"),
      route("reporting/cycles/new", "modules/reporting/routes/cycle-new.tsx"),
      route("reporting/cycles/:cycleId", "modules/reporting/routes/cycle-board.tsx"),
      route("reporting/cycles/:cycleId/observations", "modules/reporting/routes/observations.tsx"),
      route("reporting/tasks/:taskId", "modules/reporting/routes/task.tsx"),
      route("reporting/reports/:reportId", "modules/reporting/routes/measure-report.tsx"),
      route("reporting/compiled/:reportId", "modules/reporting/routes/compiled-report.tsx"),
    ],
  },
  workspaceSections: [{ key: "reporting", path: "reporting", position: 80, isVisible: takesPartInReporting }],
  server: () => import("./module.server.ts"),
};

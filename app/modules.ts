import { manifest as core } from "./modules/core/module.ts";
import { manifest as reference } from "./modules/reference/module.ts";
import { manifest as municipalities } from "./modules/municipalities/module.ts";
import { manifest as pages } from "./modules/pages/module.ts";
import { manifest as identity } from "./modules/identity/module.ts";
import { manifest as organisations } from "./modules/organisations/module.ts";
import { manifest as workspace } from "./modules/workspace/module.ts";
import { manifest as audit } from "./modules/audit/module.ts";
import { manifest as mail } from "./modules/mail/module.ts";
import { manifest as plans } from "./modules/plans/module.ts";
import { manifest as library } from "./modules/library/module.ts";
import { manifest as projects } from "./modules/projects/module.ts";
import { manifest as needs } from "./modules/needs/module.ts";
import { manifest as search } from "./modules/search/module.ts";
import { manifest as clearingHouse } from "./modules/clearing-house/module.ts";
import { manifest as reporting } from "./modules/reporting/module.ts";
import type { ModuleManifest, ModuleRoutes, WorkspaceSection } from "./services/module-contract.ts";

/**
 * The composition root (decision 034): every module, once, in dependency order — a module comes
 * after the modules whose data it builds on, because the demo content is written in this order
 * (a project links to measures, so strategies come first). The routes (app/routes.ts), the API, the
 * jobs and schedules, the workspace menu and tasks, the demo seed and the file owners are all derived
 * from this list (the server halves in app/modules.server.ts). Adding a module: its folder with a
 * `module.ts`, and its line here.
 *
 * This file is evaluated by the route build: it imports manifests only (data and browser-safe code).
 */
export const MODULES: readonly ModuleManifest[] = [
  core,
  reference,
  municipalities,
  pages,
  identity,
  organisations,
  workspace,
  audit,
  mail,
  plans,
  library,
  projects,
  needs,
  search,
  clearingHouse,
  reporting,
];

/** Every module's routes of one place (`root`, `public`, `workspace`), in the order of MODULES. */
export function routesOf(place: keyof ModuleRoutes, modules: readonly ModuleManifest[] = MODULES) {
  return modules.flatMap((module) => module.routes?.[place] ?? []);
}

/** The workspace sections in menu order (by position). Each page still checks its own policy on the server. */
export const WORKSPACE_SECTIONS: readonly WorkspaceSection[] = MODULES.flatMap(
  (module) => module.workspaceSections ?? [],
).sort((a, b) => a.position - b.position);

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { ServerContext } from "#app/context.ts";
import type { Db } from "#app/db/client.server.ts";
import type { Database } from "#app/db/schema.ts";
import type { FileOwnerLookup, FileStore } from "./files.server.ts";
import type { JobHandler } from "./jobs.server.ts";
import type { MailTransport } from "./mail.server.ts";
import type { MunicipalitySection } from "./page-sections.ts";
import type { Schedule } from "./scheduler.server.ts";

/*
 * The contract between a module and the host (decision 034): what a module declares in its
 * manifest (`app/modules/<module>/module.ts`, and the server half `module.server.ts`), and the types
 * the host hands the module. Modules import these types from here, never from `server/` or from the
 * workspace shell. Types only, apart from TASK_SEVERITIES: safe in every bundle.
 */

/** Hono variables every API handler can read. */
export interface ApiEnv {
  Variables: { ctx: ServerContext };
}

/** The OpenAPIHono app under /api/v1 that modules register their endpoints on. */
export type ApiApp = OpenAPIHono<ApiEnv>;

export {
  TASK_COUNT_CAP,
  TASK_SEVERITIES,
  type TaskProvider,
  type TaskSeverity,
  type WorkspaceSection,
  type WorkspaceTask,
} from "./workspace-contract.ts";
import type { TaskProvider, WorkspaceSection } from "./workspace-contract.ts";

/** What job handlers may use. */
export interface JobDependencies {
  db: Db;
  files: FileStore;
  mailTransport: MailTransport | null;
  logger: Logger;
  /** The public base URL (for links in e-mails). */
  publicUrl: string;
}

/** What the host gives a module's job handlers: the dependencies and the settings jobs read. */
export interface ModuleJobContext extends JobDependencies {
  /** NEEDS_RETENTION_MONTHS: how long closed cases keep their personal data. */
  needsRetentionMonths: number;
}

/** What a demo seeder may use besides the transaction: the file store (null when there is none) and "now". */
export interface DemoSeedContext {
  files: FileStore | null;
  /** The day of the first start: every demo date is relative to it. */
  now: Date;
}

/** A module's demo content, written in the seeding transaction (after the modules listed before it). */
export type DemoSeeder = (trx: Kysely<Database>, context: DemoSeedContext) => Promise<void>;

/** A module's endpoints under /api/v1, with their place in the OpenAPI document. */
export interface ApiRegistration {
  /**
   * Registration order, ascending, whichever module declares it: it is the order of the operations
   * in /api/v1/openapi.json and the order Hono tries overlapping paths in.
   */
  position: number;
  register: (api: ApiApp) => void;
}

/**
 * The route part of a manifest, by where the routes hang: `root` beside the locale (e.g.
 * `sitemap.xml`), `public` under `/:lang`, `workspace` under `/:lang/workspace`. Route files are
 * given relative to `app/`, as React Router's route config wants them.
 */
export interface ModuleRoutes {
  root?: RouteConfigEntry[];
  public?: RouteConfigEntry[];
  workspace?: RouteConfigEntry[];
}

/**
 * The server half of a manifest (`module.server.ts`, default export): everything that needs server
 * code. The host reads it at start; none of it reaches a browser bundle or the route build.
 */
export interface ServerModuleManifest {
  /** The module's /api/v1 endpoints. */
  api?: readonly ApiRegistration[];
  /** Background job kinds and their handlers. */
  jobs?: (context: ModuleJobContext) => Record<string, JobHandler>;
  /** Job kinds the scheduler enqueues periodically. */
  schedules?: readonly Schedule[];
  /** The module's contribution to the dashboard's "my tasks". */
  tasks?: readonly TaskProvider[];
  /**
   * Demo content (decision 030), run in the order of the composition root: `content` is the demo
   * drawn from the source documents, `story` the invented story on top of every module's content.
   */
  demo?: { content?: DemoSeeder; story?: DemoSeeder };
  /** Which of the module's records own a stored file, for /files/:id (decision 025). */
  fileOwners?: readonly FileOwnerLookup[];
  /** Sections the module adds to other modules' pages (decision 049): today the municipality page's. */
  pageSections?: { municipality?: readonly MunicipalitySection[] };
}

/**
 * A module's manifest (`app/modules/<module>/module.ts`): what the host needs to know of it. It is
 * evaluated by the route build (app/routes.ts runs inside the React Router Vite plugin), so it holds
 * data and browser-safe code only; the server half is reached through `server`, a lazy import.
 */
export interface ModuleManifest {
  /**
   * The folder name under app/modules; also the namespace of its locale catalogs (locales/*.json),
   * or, for a module made of parts, each part's folder is the namespace of its own (decision 048).
   */
  name: string;
  routes?: ModuleRoutes;
  workspaceSections?: readonly WorkspaceSection[];
  server?: () => Promise<{ default: ServerModuleManifest }>;
}

import type { Db } from "#app/db/client.server.ts";
import type { Logger } from "pino";
import type { Actor } from "#app/services/authorization.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { PageSectionRegistry } from "#app/services/page-sections.ts";
import type { WorkspaceRegistry } from "#app/services/workspace-contract.ts";

/** The signed-in actor behind a session token (resolved by identity's sessions.server.ts), or null when the session is unknown, expired or idle. */
export interface ResolvedSession {
  sessionId: string;
  actor: Extract<Actor, { kind: "user" }>;
  preferredLocale: string;
  hasTwoFactor: boolean;
}

/** What the server hands every loader and action (see server/app.ts). */
export type ServerContext = {
  db: Db;
  files: FileStore;
  /** Per-response nonce for the Content-Security-Policy. */
  nonce: string;
  requestId: string;
  /** The public base URL, for absolute links in feeds and e-mails. */
  publicUrl: string;
  logger: Logger;
  /** Whoever is asking: anonymous, or the signed-in user with their roles. */
  actor: Actor;
  /** The signed-in session, if any. */
  session: ResolvedSession | null;
  /** The CSRF token every form of this response must carry (hidden field `_csrf`). */
  csrfToken: string;
  /** "smtp" when an SMTP server is configured; "outbox" when mail waits in the outbox (development). */
  mailMode: "smtp" | "outbox";
  /** Whether cookies set now must be `Secure` (HTTPS, or localhost where browsers allow it). */
  secureCookies: boolean;
  /**
   * Whether cookies carry the `__Host-` prefix (PUBLIC_URL is https): the browser then accepts them
   * only from this exact host over HTTPS, so a sibling subdomain cannot plant one. Off on plain
   * http (localhost), where browsers would refuse such cookies.
   */
  hostPrefixedCookies?: boolean;
  /**
   * The client's address for per-client limits: the socket's, or behind `TRUST_PROXY` proxies the
   * X-Forwarded-For entry they vouch for (app/services/client-address.ts). Null when unknown.
   */
  clientAddress?: string | null;
  /** Key for signing hidden form fields (derived from the app secret; see server/csrf.ts formSigningKeyFor). */
  formSigningKey?: string;
  /**
   * The form a page write carried, read once by the server as it streamed in (for the CSRF check);
   * actions take it with `submittedForm` (app/services/form-body.server.ts), never request.formData().
   */
  submittedForm?: FormData;
  /** The modules' workspace sections and task providers, from the composition root (server/modules.ts). */
  workspace: WorkspaceRegistry;
  /** The sections modules add to other modules' pages (the municipality page's local plans), from the composition root (server/modules.ts, decision 049). */
  pageSections: PageSectionRegistry;
};

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends ServerContext {}
}

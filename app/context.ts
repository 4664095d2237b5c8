import type { Db } from "#app/db/client.server.ts";
import type { Logger } from "pino";
import type { FileStore } from "#app/services/files.server.ts";

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
};

declare module "react-router" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends ServerContext {}
}

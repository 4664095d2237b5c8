import type { Context, Hono } from "hono";
import type { StoredFile } from "#app/db/schema.ts";
import type { FileStore } from "#app/services/files.server.ts";
import type { ApiEnv } from "./api.ts";

/** What the file route needs: the store, and optionally who may read which file. */
export interface FileRouteOptions {
  files: FileStore;
  /**
   * Whether the asker may read this file. Without it, anyone who has a file's id (a random UUID)
   * may download it; modules with private files pass their policy here.
   */
  canRead?: (file: StoredFile, c: Context<ApiEnv>) => boolean | Promise<boolean>;
}

function notFound(c: Context<ApiEnv>): Response {
  return c.text("Not found", 404, { "Cache-Control": "no-store" });
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/**
 * Serves stored files at GET /files/:id with the store's safe headers (sniffed type, nosniff,
 * sandbox, download for non-images) and the content hash as ETag. Unknown, malformed or
 * unreadable ids, and files the asker may not read, all answer 404, so ids cannot be probed.
 */
export function registerFileRoutes(app: Hono<ApiEnv>, { files, canRead }: FileRouteOptions): void {
  app.get("/files/:id", async (c) => {
    const found = await files.get(c.req.param("id"));
    if (!found) return notFound(c);
    if (canRead && !(await canRead(found.file, c))) {
      await found.body.cancel();
      return notFound(c);
    }
    const headers: Record<string, string> = { ...files.headersFor(found.file), ETag: `"${found.file.sha256}"` };
    if (matchesEtag(c.req.header("if-none-match"), headers.ETag!)) {
      await found.body.cancel();
      const notModified = { ...headers };
      delete notModified["Content-Length"];
      return new Response(null, { status: 304, headers: notModified });
    }
    // Hono answers HEAD through the GET route; release the file instead of leaving it open.
    if (c.req.method === "HEAD") {
      await found.body.cancel();
      return new Response(null, { status: 200, headers });
    }
    return new Response(found.body, { status: 200, headers });
  });
}

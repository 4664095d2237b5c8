import { createHmac } from "node:crypto";
import type { Context, Hono } from "hono";
import type { StoredFile } from "#app/db/schema.ts";
import type { FileAccess, FileStore } from "#app/services/files.server.ts";
import type { ApiEnv } from "./api.ts";

/** What the file route needs: the store, who may read which file, and the key its ETags are made with. */
export interface FileRouteOptions {
  files: FileStore;
  /**
   * How this asker may get the file: "public" (anyone), "private" (this asker only, never cached)
   * or "none" (404). The platform passes the one rule of server/private-files.ts (decision 025).
   */
  access: (file: StoredFile, c: Context<ApiEnv>) => FileAccess | Promise<FileAccess>;
  /** Secret key of the ETags: a keyed hash per file, so an ETag says nothing about the content. */
  etagKey: string;
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
 * The ETag of a stored file: an HMAC of its id and content hash under the server's key. It
 * changes with the content like the hash did, but cannot be computed from the content, so it
 * does not tell whether the file is a known document, and two copies of one file differ.
 */
export function fileEtag(key: string, file: Pick<StoredFile, "id" | "sha256">): string {
  return `"${createHmac("sha256", key).update(`stored-file-etag:${file.id}:${file.sha256}`).digest("base64url").slice(0, 32)}"`;
}

/**
 * Serves stored files at GET /files/:id with the store's safe headers (sniffed type, nosniff,
 * sandbox, download for non-images) and a keyed ETag. Unknown, malformed or unreadable ids, and
 * files the asker may not read, all answer 404, so ids cannot be probed. A file served only to
 * this asker is sent with `Cache-Control: private, no-store`.
 */
export function registerFileRoutes(app: Hono<ApiEnv>, { files, access, etagKey }: FileRouteOptions): void {
  app.get("/files/:id", async (c) => {
    const found = await files.get(c.req.param("id"));
    if (!found) return notFound(c);
    const granted = await access(found.file, c);
    if (granted === "none") {
      await found.body.cancel();
      return notFound(c);
    }
    const headers: Record<string, string> = { ...files.headersFor(found.file), ETag: fileEtag(etagKey, found.file) };
    if (granted === "private") headers["Cache-Control"] = "private, no-store";
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

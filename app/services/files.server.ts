import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "#app/db/client.server.ts";
import type { StoredFile } from "#app/db/schema.ts";
import type { Actor } from "./authorization.ts";

/**
 * One record a stored file belongs to (a news item, an event, a report…), as its module sees it:
 * whether that record is public, and otherwise who may read the file through /files/:id. A file
 * is private unless one of its owners is public (decision 025).
 */
export interface FileOwner {
  /** What owns the file, e.g. "news_image" (for logs and tests). */
  kind: string;
  /** True when the owning record is public, so anyone may download the file. */
  isPublic: boolean;
  /** Who may read the file while the owner is not public; `() => false` for files served only by a module's own checked route. */
  mayRead: (actor: Actor) => boolean;
}

/** How /files/:id may serve a file to the asker: to anyone, only to this asker (not cached), or not at all (404). */
export type FileAccess = "public" | "private" | "none";

/** A module's answer to "which of my records own this file?" (none: an empty list). */
export type FileOwnerLookup = (db: Db, fileId: string) => Promise<FileOwner[]>;

/** Media types accepted by kind of upload; a file is typed by its content, never by its name. */
export const ACCEPTED_TYPES = {
  image: ["image/jpeg", "image/png", "image/webp", "image/gif"],
  document: ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
} as const;

/** Why an upload was refused; the UI turns the code into a message in the reader's language. */
export type UploadRefusal = "empty" | "too_large" | "unknown_type" | "type_not_allowed";

export type PutResult = { ok: true; file: StoredFile } | { ok: false; error: UploadRefusal };

export interface PutOptions {
  originalName: string;
  /** Media types accepted for this upload. */
  accept: readonly string[];
  /** Overrides the store's size limit (bytes) for this upload. */
  maxBytes?: number;
}

/** Stores uploaded files under DATA_DIR/files, checked by content, with their metadata in the database. */
export interface FileStore {
  /** Checks and stores a file; the metadata row is written with `db` (pass a transaction to make it part of one). */
  put(db: Db, bytes: Uint8Array, options: PutOptions): Promise<PutResult>;
  /** The file's metadata and a stream of its bytes, or null. */
  get(id: string): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null>;
  /** Headers to serve a stored file safely: its sniffed type, no sniffing, a sandbox, download for non-images. */
  headersFor(file: StoredFile): Record<string, string>;
}

const SAFE_NAME = /[^\p{L}\p{N}._ -]+/gu;
const MAX_NAME_LENGTH = 120;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A file name safe for a Content-Disposition header: no path, no control, quote or direction
 * characters, no leading dots (no "..", no hidden files), no trailing dots or spaces, at most 120
 * characters (counted whole, so a character outside the BMP is never cut in half).
 */
export function safeFileName(name: string): string {
  const base = path
    .basename(name.replaceAll("\\", "/"))
    .replace(SAFE_NAME, "_")
    .replace(/^[. ]+|[. ]+$/g, "");
  return Array.from(base || "file")
    .slice(0, MAX_NAME_LENGTH)
    .join("")
    .trimEnd();
}

/** Creates the file store rooted at `root` (created if missing). */
export function createFileStore({ db, root, maxBytes }: { db: Db; root: string; maxBytes: number }): FileStore {
  const pathOf = (id: string) => path.join(root, id.slice(0, 2), id);
  return {
    async put(writer, bytes, options) {
      const limit = options.maxBytes ?? maxBytes;
      if (bytes.byteLength === 0) return { ok: false, error: "empty" };
      if (bytes.byteLength > limit) return { ok: false, error: "too_large" };
      const detected = await fileTypeFromBuffer(bytes);
      if (!detected) return { ok: false, error: "unknown_type" };
      if (!options.accept.includes(detected.mime)) return { ok: false, error: "type_not_allowed" };
      const id = randomUUID();
      const target = pathOf(id);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      try {
        // Owner-only, whatever the process umask (DATA_DIR is 0700 and its files 0600; decision 025).
        await fs.promises.writeFile(target, bytes, { flag: "wx", mode: 0o600 });
      } catch (error) {
        // Remove a partly written file, never one that was already there.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") await fs.promises.rm(target, { force: true });
        throw error;
      }
      try {
        const file = await writer
          .insertInto("stored_file")
          .values({
            id,
            sha256: createHash("sha256").update(bytes).digest("hex"),
            media_type: detected.mime,
            extension: detected.ext,
            size_bytes: bytes.byteLength,
            original_name: safeFileName(options.originalName),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { ok: true, file };
      } catch (error) {
        await fs.promises.rm(target, { force: true });
        throw error;
      }
    },
    async get(id) {
      if (!UUID.test(id)) return null;
      const file = await db.selectFrom("stored_file").selectAll().where("id", "=", id).executeTakeFirst();
      if (!file) return null;
      // Open first, then stream from the handle: no window between "exists" and "read".
      const opened = await fs.promises.open(pathOf(id), "r").catch(() => null);
      if (!opened) return null;
      return { file, body: Readable.toWeb(opened.createReadStream()) as ReadableStream<Uint8Array> };
    },
    headersFor(file) {
      const isImage = (ACCEPTED_TYPES.image as readonly string[]).includes(file.media_type);
      const name = `${safeFileName(file.original_name).replace(/\.[^.]*$/, "")}.${file.extension}`;
      return {
        "Content-Type": file.media_type,
        "Content-Length": String(file.size_bytes),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=3600",
        "Content-Disposition": `${isImage ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
      };
    },
  };
}

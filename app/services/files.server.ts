import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { createDiskBlobStore, isBlobId, type BlobStore } from "./blob-store.server.ts";
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
  document: [
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ],
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

/**
 * Stores uploaded files, checked by content, with their metadata in the database and their bytes in
 * a blob store (DATA_DIR/files, or an S3-compatible bucket: blob-store.server.ts).
 */
export interface FileStore {
  /** Where the bytes are kept (for the orphan sweep, erasure, copies and the readiness check). */
  readonly blobs: BlobStore;
  /** Checks and stores a file; the metadata row is written with `db` (pass a transaction to make it part of one). */
  put(db: Db, bytes: Uint8Array, options: PutOptions): Promise<PutResult>;
  /** The file's metadata and a stream of its bytes, or null. */
  get(id: string): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null>;
  /** Headers to serve a stored file safely: its sniffed type, no sniffing, a sandbox, download for non-images. */
  headersFor(file: StoredFile): Record<string, string>;
}

const SAFE_NAME = /[^\p{L}\p{N}._ -]+/gu;
const MAX_NAME_LENGTH = 120;
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

/**
 * Creates the file store over `blobs`, or over the folder `root` (created if missing) when no blob
 * store is given.
 */
export function createFileStore(
  options: { db: Db; maxBytes: number } & ({ root: string } | { blobs: BlobStore }),
): FileStore {
  const { db, maxBytes } = options;
  const blobs = "blobs" in options ? options.blobs : createDiskBlobStore(options.root);
  return {
    blobs,
    async put(writer, bytes, options) {
      const limit = options.maxBytes ?? maxBytes;
      if (bytes.byteLength === 0) return { ok: false, error: "empty" };
      if (bytes.byteLength > limit) return { ok: false, error: "too_large" };
      const detected = await fileTypeFromBuffer(bytes);
      if (!detected) return { ok: false, error: "unknown_type" };
      if (!options.accept.includes(detected.mime)) return { ok: false, error: "type_not_allowed" };
      const id = randomUUID();
      // Bytes first, then the row in the writer's transaction: a failed transaction leaves bytes
      // without a row, which the orphan sweep removes; never a row without bytes.
      await blobs.write(id, bytes);
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
        await blobs.remove(id).catch(() => undefined);
        throw error;
      }
    },
    async get(id) {
      if (!isBlobId(id)) return null;
      const file = await db.selectFrom("stored_file").selectAll().where("id", "=", id).executeTakeFirst();
      if (!file) return null;
      const body = await blobs.read(id);
      if (!body) return null;
      return { file, body };
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

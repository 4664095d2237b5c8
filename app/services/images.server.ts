import { fileTypeFromBuffer } from "file-type";
import sharp, { type OutputInfo } from "sharp";
import type { Db } from "#app/db/client.server.ts";
import { ACCEPTED_TYPES, type FileStore, type UploadRefusal } from "#app/services/files.server.ts";

/** The sizes photos are stored in (longest side, pixels). The original is never kept. */
export const IMAGE_SIZES = { large: 1600, medium: 800, thumb: 320 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** Largest accepted upload, and largest decoded image (guards against decompression bombs). */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_INPUT_PIXELS = 50_000_000;

export type ImageRefusal = UploadRefusal | "unreadable";

export type StoredImage<S extends ImageSize> =
  { ok: true; fileIds: Record<S, string>; width: number; height: number } | { ok: false; error: ImageRefusal };

/**
 * Checks an uploaded image by its content (JPEG, PNG, WebP or GIF), then re-encodes it with sharp
 * into the requested sizes as JPEG: turned upright from its EXIF orientation, every metadata
 * block (EXIF with GPS position, XMP, ICC, comments) dropped, never enlarged. Only the re-encoded
 * copies are stored, so nothing hidden in the upload is ever served back.
 */
export async function storeResizedImage<S extends ImageSize>(
  files: FileStore,
  db: Db,
  bytes: Uint8Array,
  originalName: string,
  sizes: readonly S[],
): Promise<StoredImage<S>> {
  if (bytes.byteLength === 0) return { ok: false, error: "empty" };
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, error: "too_large" };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return { ok: false, error: "unknown_type" };
  if (!(ACCEPTED_TYPES.image as readonly string[]).includes(detected.mime))
    return { ok: false, error: "type_not_allowed" };
  const base = originalName.replace(/\.[^.]*$/, "") || "image";
  let width = 0;
  let height = 0;
  const fileIds = {} as Record<S, string>;
  for (const size of sizes) {
    let output: { data: Buffer; info: OutputInfo };
    try {
      output = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize({ width: IMAGE_SIZES[size], height: IMAGE_SIZES[size], fit: "inside", withoutEnlargement: true })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    } catch {
      return { ok: false, error: "unreadable" };
    }
    if (width === 0) {
      width = output.info.width;
      height = output.info.height;
    }
    const stored = await files.put(db, output.data, { originalName: `${base}-${size}.jpg`, accept: ["image/jpeg"] });
    if (!stored.ok) return { ok: false, error: stored.error };
    fileIds[size] = stored.file.id;
  }
  return { ok: true, fileIds, width, height };
}

import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { formatNumber } from "#app/i18n/format.ts";
import type { Locale } from "#app/i18n/locales.ts";
import { stripPdfMetadata, type PdfRefusalReason } from "./pdf-metadata.server.ts";

/** Limits on what a submitter may attach (per file, in all, and how many). */
export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 12 * 1024 * 1024,
  /** Larger images are refused before decoding (a small file can unpack to gigabytes). */
  maxImagePixels: 40_000_000,
} as const;

/** Media types a submitter may attach, decided from the content. */
export const ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"] as const;

/** Why attachments were refused: a translation key under `public.errors.attachment.*`, with the file concerned. */
export type AttachmentRefusal = {
  reason:
    | "too_many"
    | "total_too_large"
    | "too_large"
    | "not_allowed"
    | "unreadable_image"
    | "pdf_metadata"
    | "pdf_too_complex"
    | "pdf_active_content";
  fileName: string | null;
};

/** The refusal shown for each reason the PDF blanker gives. */
const PDF_REFUSALS = {
  unsupported: "pdf_metadata",
  too_complex: "pdf_too_complex",
  active_content: "pdf_active_content",
} as const satisfies Record<PdfRefusalReason, AttachmentRefusal["reason"]>;

/** An attachment ready to store: images re-encoded, PDFs with their metadata blanked (metadata gone from both). */
export interface PreparedAttachment {
  name: string;
  bytes: Uint8Array;
  mediaType: string;
}

/** The uploaded files of a form field, without the empty entry a browser sends for an empty file input. */
export function uploadedFiles(form: FormData, field: string): File[] {
  return form.getAll(field).filter((v): v is File => typeof v !== "string" && v.size > 0);
}

/**
 * Re-encodes an image in its own format (GIF becomes PNG, first frame), after turning it upright
 * by its EXIF orientation. sharp writes no metadata unless asked, so EXIF (camera, GPS position,
 * time), XMP, IPTC and ICC data are all dropped.
 */
async function reencodeImage(bytes: Uint8Array, mediaType: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const image = sharp(bytes, {
    limitInputPixels: ATTACHMENT_LIMITS.maxImagePixels,
    failOn: "error",
    animated: false,
  }).rotate();
  if (mediaType === "image/jpeg")
    return { bytes: await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer(), mediaType };
  if (mediaType === "image/webp") return { bytes: await image.webp({ quality: 85 }).toBuffer(), mediaType };
  return { bytes: await image.png({ compressionLevel: 9 }).toBuffer(), mediaType: "image/png" };
}

/**
 * Checks the attached files against the limits and by their content (never their name or the
 * browser's claim), re-encodes images so nothing but the pixels is kept, and blanks the document
 * properties and XMP metadata of PDFs (pdf-metadata.server.ts). All or nothing: the
 * first refusal is returned, with the file it concerns.
 */
export async function prepareAttachments(
  files: File[],
): Promise<{ ok: true; files: PreparedAttachment[] } | { ok: false; refusal: AttachmentRefusal }> {
  if (files.length > ATTACHMENT_LIMITS.maxFiles) return { ok: false, refusal: { reason: "too_many", fileName: null } };
  let total = 0;
  for (const file of files) {
    if (file.size > ATTACHMENT_LIMITS.maxFileBytes)
      return { ok: false, refusal: { reason: "too_large", fileName: file.name } };
    total += file.size;
  }
  if (total > ATTACHMENT_LIMITS.maxTotalBytes)
    return { ok: false, refusal: { reason: "total_too_large", fileName: null } };
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
    if (!detected || !(ATTACHMENT_TYPES as readonly string[]).includes(detected.mime)) {
      return { ok: false, refusal: { reason: "not_allowed", fileName: file.name } };
    }
    if (detected.mime === "application/pdf") {
      const stripped = await stripPdfMetadata(bytes);
      if (!stripped.ok) return { ok: false, refusal: { reason: PDF_REFUSALS[stripped.reason], fileName: file.name } };
      prepared.push({ name: file.name, bytes: stripped.bytes, mediaType: detected.mime });
      continue;
    }
    try {
      const image = await reencodeImage(bytes, detected.mime);
      prepared.push({ name: file.name, ...image });
    } catch {
      return { ok: false, refusal: { reason: "unreadable_image", fileName: file.name } };
    }
  }
  return { ok: true, files: prepared };
}

/** The limits as the public forms state them (the sizes in MB in the reader's language) and check them in the browser. */
export function attachmentLimits(locale: Locale) {
  return {
    files: ATTACHMENT_LIMITS.maxFiles,
    fileMb: formatNumber(ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024, locale),
    totalMb: formatNumber(ATTACHMENT_LIMITS.maxTotalBytes / 1024 / 1024, locale),
    maxFileBytes: ATTACHMENT_LIMITS.maxFileBytes,
    maxTotalBytes: ATTACHMENT_LIMITS.maxTotalBytes,
  };
}

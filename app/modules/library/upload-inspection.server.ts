import { fileTypeFromBuffer } from "file-type";
import { walkZipEntries } from "#app/services/zip-entries.server.ts";

/** The document formats the library accepts, decided by content (never by the name). */
export const LIBRARY_MEDIA_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.text",
] as const;

const ZIP_BASED = new Set<string>(LIBRARY_MEDIA_TYPES.slice(1));

/** Limits for the ZIP container of DOCX, XLSX and ODT files (zip-bomb defence). */
export const ZIP_LIMITS = {
  maxEntries: 2_000,
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: 50 * 1024 * 1024,
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: 100 * 1024 * 1024,
  /** Largest ratio of uncompressed to compressed size of one entry above 1 MiB. */
  maxRatio: 200,
};

/** Why an uploaded document was refused (the form shows `library:upload.<reason>`). */
export type UploadProblem =
  "empty" | "too_large" | "unknown_type" | "type_not_allowed" | "svg" | "zip_bomb" | "corrupt";

export type InspectionResult =
  { ok: true; mediaType: string; extension: string } | { ok: false; problem: UploadProblem };

/** True when the bytes look like SVG or other XML/HTML markup (refused: it can carry scripts). */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith("<?xml") ||
    head.startsWith("<svg") ||
    head.startsWith("<!doctype") ||
    head.startsWith("<html") ||
    head.includes("<svg")
  );
}

/**
 * Walks a ZIP container without extracting it to disk: refuses it when it has too many entries,
 * when the declared sizes are too large or the ratio too high, and, while inflating each entry to
 * nowhere, as soon as the actual bytes pass the limits (yauzl also checks actual against declared).
 */
export function checkZipContainer(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<"ok" | "zip_bomb" | "corrupt"> {
  let declaredTotal = 0;
  let actualTotal = 0;
  return walkZipEntries<"zip_bomb">(
    bytes,
    (entry, { zip, finish, isSettled }) => {
      declaredTotal += entry.uncompressedSize;
      const ratio =
        entry.compressedSize > 0
          ? entry.uncompressedSize / entry.compressedSize
          : entry.uncompressedSize > 0
            ? Infinity
            : 1;
      if (
        entry.uncompressedSize > limits.maxEntryBytes ||
        declaredTotal > limits.maxTotalBytes ||
        (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)
      ) {
        return finish("zip_bomb");
      }
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (streamError, stream) => {
        if (streamError || !stream) return finish("corrupt");
        let entryBytes = 0;
        stream.on("data", (chunk: Buffer) => {
          entryBytes += chunk.length;
          actualTotal += chunk.length;
          if (entryBytes > limits.maxEntryBytes || actualTotal > limits.maxTotalBytes) {
            stream.destroy();
            finish("zip_bomb");
          }
        });
        stream.on("error", () => finish(isSettled() ? "zip_bomb" : "corrupt"));
        stream.on("end", () => {
          if (!isSettled()) zip.readEntry();
        });
      });
    },
    ({ zip, finish }) => {
      if (zip.entryCount > limits.maxEntries) finish("zip_bomb");
    },
  );
}

/**
 * Decides whether an uploaded file may enter the library: by its content (file-type), refusing
 * markup (SVG, HTML), executables and anything not in LIBRARY_MEDIA_TYPES, and ZIP-based formats
 * whose container could explode when opened. Runs before the file is stored or parsed.
 */
export async function inspectDocumentUpload(bytes: Uint8Array, maxBytes: number): Promise<InspectionResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  if (bytes.byteLength > maxBytes) return { ok: false, problem: "too_large" };
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected) return { ok: false, problem: looksLikeMarkup(bytes) ? "svg" : "unknown_type" };
  if (detected.mime === "image/svg+xml" || detected.mime === "application/xml" || detected.mime === "text/html")
    return { ok: false, problem: "svg" };
  if (!(LIBRARY_MEDIA_TYPES as readonly string[]).includes(detected.mime))
    return { ok: false, problem: "type_not_allowed" };
  if (ZIP_BASED.has(detected.mime)) {
    const verdict = await checkZipContainer(bytes);
    if (verdict !== "ok") return { ok: false, problem: verdict };
  }
  return { ok: true, mediaType: detected.mime, extension: detected.ext };
}

import mammoth from "mammoth";
import { checkZipContainer } from "./upload-inspection.server.ts";
import { openPdf } from "#app/services/pdf-document.server.ts";

/** Longest extracted text kept per language version (the search index keeps less). */
export const MAX_EXTRACTED_CHARS = 500_000;
/** Pages read from a PDF at most. */
const MAX_PDF_PAGES = 2_000;

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** True when text can be extracted from files of this media type. */
export function canExtractText(mediaType: string): boolean {
  return mediaType === "application/pdf" || mediaType === DOCX;
}

function tidy(text: string): string {
  return text
    .replaceAll("\u0000", "")
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim()
    .slice(0, MAX_EXTRACTED_CHARS);
}

/** The text of a PDF, page by page (pdf.js legacy build, no worker, no eval, no fonts fetched). */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes);
  try {
    const parts: string[] = [];
    let length = 0;
    for (let number = 1; number <= Math.min(pdf.numPages, MAX_PDF_PAGES) && length < MAX_EXTRACTED_CHARS; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join("");
      parts.push(text);
      length += text.length;
      page.cleanup();
    }
    return tidy(parts.join("\n"));
  } finally {
    await pdf.destroy();
  }
}

/** The raw text of a DOCX, after checking its ZIP container again (mammoth inflates every part). */
export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  if ((await checkZipContainer(bytes)) !== "ok") throw new Error("The DOCX container failed the size checks.");
  const result = await mammoth.extractRawText({
    buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
  return tidy(result.value);
}

/** Extracts the text of a stored document by media type; null when the type has no extractor. */
export async function extractText(bytes: Uint8Array, mediaType: string): Promise<string | null> {
  if (mediaType === "application/pdf") return extractPdfText(bytes);
  if (mediaType === DOCX) return extractDocxText(bytes);
  return null;
}

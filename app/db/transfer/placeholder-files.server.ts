import sharp from "sharp";

/** A harmless file standing in for a personal attachment: same kind of file, no content of the original. */
export interface PlaceholderFile {
  bytes: Uint8Array;
  mediaType: string;
  extension: string;
}

const TEXT = "Training copy: the original attachment was removed.";

/** A valid one-page PDF saying that the original was removed (objects and cross-reference table written by hand). */
function placeholderPdf(): Uint8Array {
  const stream = `BT /F1 14 Tf 50 780 Td (${TEXT}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

async function placeholderImage(format: "jpeg" | "png" | "webp" | "gif"): Promise<Uint8Array> {
  const image = sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 214, g: 218, b: 224 } } });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

/**
 * One placeholder per media type that need attachments may have (JPEG, PNG, WebP, GIF, PDF);
 * any other type gets the PDF one, so the copy never holds a file of unknown content.
 */
export async function createPlaceholders(): Promise<(mediaType: string) => PlaceholderFile> {
  const pdf: PlaceholderFile = { bytes: placeholderPdf(), mediaType: "application/pdf", extension: "pdf" };
  const images = new Map<string, PlaceholderFile>();
  for (const [mediaType, format, extension] of [
    ["image/jpeg", "jpeg", "jpg"],
    ["image/png", "png", "png"],
    ["image/webp", "webp", "webp"],
    ["image/gif", "gif", "gif"],
  ] as const) {
    images.set(mediaType, { bytes: await placeholderImage(format), mediaType, extension });
  }
  return (mediaType) => images.get(mediaType) ?? pdf;
}

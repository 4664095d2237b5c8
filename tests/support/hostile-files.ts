import { createDeflate } from "node:zlib";

/*
 * Hostile files built the way attackers build them, for the tests and bench/hostile-uploads.ts.
 * They follow the formats' specifications (PDF 1.7 §7.5.7 object streams, §7.3.5 names; the ZIP
 * application note for OOXML), so a reader that follows the specification would take them in.
 */

/** `megabytes` of zeros through deflate, streamed so the builder never holds the expanded data. */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflater = createDeflate({ level: 9, memLevel: 9 });
  const chunks: Buffer[] = [];
  deflater.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on("end", resolve);
    deflater.on("error", reject);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once("drain", resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(chunks);
}

/** Assembles a PDF from object bodies (object n is bodies[n-1]) with a correct cross-reference table. */
export function assemblePdf(bodies: (string | Buffer)[], trailer: string): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  bodies.forEach((body, index) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`, "latin1"), Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"), Buffer.from("\nendobj\n", "latin1")]);
    parts.push(part);
    length += part.length;
  });
  const xref = [`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/**
 * A one-page PDF whose document information dictionary sits in a compressed object stream that
 * inflates to `megabytes` of data: the deflate bomb the metadata blanker must not expand.
 */
export async function pdfDeflateBomb(megabytes: number): Promise<Buffer> {
  const data = await deflatedZeros(megabytes);
  const objectStream = Buffer.concat([
    Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
  return assemblePdf(
    ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>", objectStream],
    "/Root 1 0 R /Info 5 0 R",
  );
}

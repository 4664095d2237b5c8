import { crc32, createDeflate, createDeflateRaw, deflateRawSync } from "node:zlib";

/*
 * Hostile files built the way attackers build them, for the tests and bench/hostile-uploads.ts.
 * They follow the formats' specifications (PDF 1.7 §7.5.7 object streams, §7.3.5 names; the ZIP
 * application note for OOXML), so a reader that follows the specification would take them in.
 */

/** `megabytes` of zeros through deflate (zlib, or raw for ZIP), streamed so the builder never holds the expanded data. */
export async function deflatedZeros(megabytes: number, options: { raw?: boolean } = {}): Promise<Buffer> {
  const deflater = options.raw ? createDeflateRaw({ level: 9, memLevel: 9 }) : createDeflate({ level: 9, memLevel: 9 });
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
    const part = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, "latin1"),
      Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"),
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(
    Buffer.from(`${xref}trailer\n<< /Size ${bodies.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`, "latin1"),
  );
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
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>",
      objectStream,
    ],
    "/Root 1 0 R /Info 5 0 R",
  );
}

/** One entry of a ZIP archive: compressed data with the sizes and CRC it declares. */
export interface ZipEntry {
  name: string;
  compressed: Buffer;
  crc: number;
  size: number;
}

/** A deflated ZIP entry from its data. */
export function zipEntry(name: string, data: string | Buffer): ZipEntry {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return { name, compressed: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/**
 * The fields a local file header and its central directory record share, from "version needed to
 * extract" to the name's length (APPNOTE 4.3.7 and 4.3.12): version 2.0, UTF-8 name, deflated, no
 * time, the CRC and both sizes.
 */
function writeEntryFields(header: Buffer, at: number, entry: ZipEntry, nameLength: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(8, at + 4);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.compressed.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A ZIP archive (APPNOTE 6.3: local headers, data, central directory, end record), every entry deflated. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry, name.length);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    writeEntryFields(record, 6, entry, name.length);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.compressed);
    central.push(record, name);
    offset += local.length + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The parts every SpreadsheetML workbook has (ECMA-376 Part 1), around the given worksheet XML. */
function workbookEntries(sheetXml: ZipEntry): ZipEntry[] {
  return [
    zipEntry(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    zipEntry(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    zipEntry(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Measures" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    zipEntry(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheetXml,
  ];
}

/**
 * An XLSX whose Measures sheet has `rows` rows of inline strings, written as a stream so that a
 * million rows are never held as one string (the sheet XML is deflated chunk by chunk).
 */
export async function xlsxWithRows(rows: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflater.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on("end", resolve);
    deflater.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflater.write(bytes)) await new Promise((resolve) => deflater.once("drain", resolve));
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
  );
  const batch: string[] = [];
  for (let r = 1; r <= rows; r++) {
    batch.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>1.1.${r}</t></is></c><c r="B${r}" t="inlineStr"><is><t>Masa ${r}</t></is></c></row>`,
    );
    if (batch.length === 10_000) {
      await write(batch.join(""));
      batch.length = 0;
    }
  }
  await write(`${batch.join("")}</sheetData></worksheet>`);
  deflater.end();
  await done;
  return zipArchive(
    workbookEntries({ name: "xl/worksheets/sheet1.xml", compressed: Buffer.concat(chunks), crc, size }),
  );
}

/**
 * An XLSX-shaped zip bomb: a worksheet that inflates to `megabytes` of zeros. With `lie`, the
 * headers declare it small (1 KB), as bombs do to get past checks that trust the declared sizes.
 */
export async function xlsxZipBomb(megabytes: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  const compressed = await deflatedZeros(megabytes, { raw: true });
  let crc = 0;
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) crc = crc32(zeros, crc);
  const size = options.lie ? 1024 : megabytes * 1024 * 1024;
  return zipArchive(workbookEntries({ name: "xl/worksheets/sheet1.xml", compressed, crc, size }));
}

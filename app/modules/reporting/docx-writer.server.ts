import zlib from "node:zlib";

/*
 * A small WordprocessingML (.docx) writer for the annual report: paragraphs (title, headings,
 * bullets, runs in bold, italics or colour), tables with a repeated header row, page breaks and a
 * footer with the page number. It writes the XML as strings and zips it with node:zlib, which is
 * some twenty times cheaper than building the `docx` package's object tree for a report of 2,000
 * measures (decision 023). Only what the report uses; everything is escaped.
 */

/** A stretch of text with its formatting; "\n" in `text` becomes a line break. */
export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** RRGGBB. */
  color?: string;
  /** Half-points. */
  size?: number;
}

export interface ParagraphOptions {
  style?: "Title" | "Heading1" | "Heading2" | "Heading3";
  bullet?: boolean;
  pageBreakBefore?: boolean;
  /** Twentieths of a point. */
  spacingBefore?: number;
  spacingAfter?: number;
  center?: boolean;
}

// Characters XML 1.0 does not allow are dropped; the rest is escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, "").replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

function runXml(run: Run): string {
  const props = `${run.bold ? "<w:b/>" : ""}${run.italics ? "<w:i/>" : ""}${run.color ? `<w:color w:val="${run.color}"/>` : ""}${run.size ? `<w:sz w:val="${run.size}"/>` : ""}`;
  const text = run.text
    .split(/\r?\n/)
    .map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`)
    .join("<w:br/>");
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${text}</w:r>`;
}

/** One paragraph's XML. */
export function paragraph(content: string | Run | readonly Run[], options: ParagraphOptions = {}): string {
  const runs =
    typeof content === "string"
      ? [{ text: content }]
      : Array.isArray(content)
        ? (content as readonly Run[])
        : [content as Run];
  const spacing =
    options.spacingBefore !== undefined || options.spacingAfter !== undefined
      ? `<w:spacing${options.spacingBefore !== undefined ? ` w:before="${options.spacingBefore}"` : ""}${options.spacingAfter !== undefined ? ` w:after="${options.spacingAfter}"` : ""}/>`
      : "";
  const props = `${options.style ? `<w:pStyle w:val="${options.style}"/>` : options.bullet ? '<w:pStyle w:val="ListParagraph"/>' : ""}${options.pageBreakBefore ? "<w:pageBreakBefore/>" : ""}${options.bullet ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ""}${spacing}${options.center ? '<w:jc w:val="center"/>' : ""}`;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs.map(runXml).join("")}</w:p>`;
}

/** A page break. */
export function pageBreak(): string {
  return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
}

/** Text width of an A4 page with 2.54 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1440;

function cellXml(text: string, width: number, bold: boolean): string {
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph({ text, bold }, { spacingAfter: 0 })}</w:tc>`;
}

/** A table over the page width with a header row repeated on every page; `widths` in percent per column. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths?: readonly number[],
): string {
  const columns = header.length;
  const twips = Array.from({ length: columns }, (_, i) =>
    Math.round(((widths?.[i] ?? 100 / columns) / 100) * TEXT_WIDTH),
  );
  const row = (cells: readonly string[], isHeader: boolean) =>
    `<w:tr>${isHeader ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${twips.map((w, i) => cellXml(cells[i] ?? "", w, isHeader)).join("")}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>${twips.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${row(header, true)}${rows.map((r) => row(r, false)).join("")}</w:tbl>`;
}

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function stylesXml(font: string): string {
  const heading = (level: number, size: number, bold: boolean, before: number, after: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="${before}" w:after="${after}"/><w:outlineLvl w:val="${level - 1}"/></w:pPr><w:rPr>${bold ? "<w:b/>" : ""}<w:color w:val="1E3A5F"/><w:sz w:val="${size}"/></w:rPr></w:style>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:cs="${font}" w:eastAsia="${font}"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="1E3A5F"/><w:sz w:val="52"/></w:rPr></w:style>
${heading(1, 36, false, 480, 160)}${heading(2, 28, false, 360, 120)}${heading(3, 23, true, 240, 80)}
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>`;
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;

/** The byte widths of the fields of a ZIP local file header (30 bytes), directory entry (46) and end record (22). */
const LOCAL_HEADER = [4, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2] as const;
const CENTRAL_ENTRY = [4, 2, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2, 2, 2, 2, 4, 4] as const;
const END_RECORD = [4, 2, 2, 2, 2, 4, 4, 2] as const;

/** A ZIP record: each of `values` written little-endian in the number of bytes `widths` gives it, one after another. */
function zipRecord(widths: readonly (2 | 4)[], values: readonly number[]): Buffer {
  const record = Buffer.alloc(widths.reduce<number>((size, width) => size + width, 0));
  let at = 0;
  widths.forEach((width, i) => {
    if (width === 2) record.writeUInt16LE(values[i] ?? 0, at);
    else record.writeUInt32LE(values[i] ?? 0, at);
    at += width;
  });
  return record;
}

/** A ZIP archive of the given files (deflated), as a .docx package needs it. */
export function zip(files: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const compressed = zlib.deflateRawSync(file.data, { level: 6 });
    const crc = zlib.crc32(file.data) >>> 0;
    // Version 2.0, UTF-8 name, deflated, dated 1980-01-01 00:00, then the checksum, the sizes and the name's length.
    const described = [0x0800, 8, 0, 0x21, crc, compressed.length, file.data.length, name.length];
    const local = zipRecord(LOCAL_HEADER, [0x04034b50, 20, ...described, 0]);
    const entry = zipRecord(CENTRAL_ENTRY, [0x02014b50, 20, 20, ...described, 0, 0, 0, 0, 0, offset]);
    locals.push(local, name, compressed);
    central.push(entry, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = zipRecord(END_RECORD, [0x06054b50, 0, 0, files.length, files.length, directory.length, offset, 0]);
  return Buffer.concat([...locals, directory, end]);
}

/** The .docx package of a body (paragraph and table XML), with a footer "<pageLabel> N" on every page. */
export function buildDocx(
  body: readonly string[],
  meta: { title: string; creator: string; pageLabel: string; font?: string; language?: string },
): Buffer {
  const font = meta.font ?? "DejaVu Sans";
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${NS}><w:body>${body.join("")}<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const footer = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ${NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">${escapeXml(meta.pageLabel)} </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(meta.title)}</dc:title><dc:creator>${escapeXml(meta.creator)}</dc:creator>${meta.language ? `<dc:language>${escapeXml(meta.language)}</dc:language>` : ""}<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`;
  const utf8 = (text: string) => Buffer.from(text, "utf8");
  return zip([
    { name: "[Content_Types].xml", data: utf8(CONTENT_TYPES) },
    { name: "_rels/.rels", data: utf8(ROOT_RELS) },
    { name: "word/document.xml", data: utf8(document) },
    { name: "word/_rels/document.xml.rels", data: utf8(DOCUMENT_RELS) },
    { name: "word/styles.xml", data: utf8(stylesXml(font)) },
    { name: "word/numbering.xml", data: utf8(NUMBERING) },
    { name: "word/footer1.xml", data: utf8(footer) },
    { name: "docProps/core.xml", data: utf8(core) },
  ]);
}

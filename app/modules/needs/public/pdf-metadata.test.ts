import { inflateSync } from "node:zlib";
import fc from "fast-check";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { openPdf } from "#app/services/pdf-document.server.ts";
import { prepareAttachments } from "./attachments.server.ts";
import { assemblePdf, pdfDeflateBomb } from "../../../../tests/support/hostile-files.ts";
import { PDF_LIMITS, stripPdfMetadata } from "./pdf-metadata.server.ts";
import { measureWork } from "../../../../tests/support/resource-sampler.ts";

/*
 * PDF attachments lose their document properties and XMP metadata when stored (decision 021).
 * The PDFs are made with pdf-lib (a development dependency, used only here) in both layouts pdf-lib
 * writes: classic objects, and compressed object streams.
 */

const AUTHOR = "Drita Krasniqi-Ëmërzeza";
const XMP_AUTHOR = "Arbër Hoxha";
const XMP = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${XMP_AUTHOR}</rdf:li></rdf:Seq></dc:creator></rdf:Description>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;

async function pdfWithMetadata(options: { objectStreams: boolean; compressXmp: boolean }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([300, 200]).drawText("Water supply in Plemetina", { x: 20, y: 100, size: 12, font });
  pdf.setAuthor(AUTHOR);
  pdf.setTitle("Complaint of the Krasniqi family");
  pdf.setSubject("Private matter");
  pdf.setKeywords(["Krasniqi", "Plemetina"]);
  pdf.setCreator("Microsoft Word for Drita");
  pdf.setProducer("Drita's laptop");
  const bytes = new TextEncoder().encode(XMP);
  const stream = options.compressXmp
    ? pdf.context.flateStream(bytes, { Type: "Metadata", Subtype: "XML" })
    : pdf.context.stream(bytes, { Type: "Metadata", Subtype: "XML", Length: bytes.length });
  pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
  return pdf.save({ useObjectStreams: options.objectStreams });
}

/** Every text a reader could get at: the raw bytes and every stream's decompressed data. */
function everyText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString("latin1");
  const parts = [raw];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      parts.push(inflateSync(Buffer.from(bytes.subarray(start, end))).toString("latin1"));
    } catch {
      // not compressed
    }
  }
  return parts.join("\n");
}

/** The author as a reader finds it in the bytes: as UTF-16 (pdf-lib's hex strings), UTF-8 or Latin-1. */
function mentions(text: string, name: string): boolean {
  const utf16Hex = Buffer.from(name, "utf16le").swap16().toString("hex").toUpperCase();
  const utf8 = Buffer.from(name, "utf8").toString("latin1");
  return text.toUpperCase().includes(utf16Hex) || text.includes(utf8) || text.includes(name);
}

/** What pdf.js reads of a PDF opened as the server opens one: properties, XMP, page count, first page text. */
async function readWithPdfJs(bytes: Uint8Array) {
  const pdf = await openPdf(bytes);
  try {
    const { info, metadata } = await pdf.getMetadata();
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    return {
      info: info as Record<string, unknown>,
      metadata: metadata ? (metadata as unknown as { getRaw(): string }).getRaw() : null,
      pages: pdf.numPages,
      text,
    };
  } finally {
    await pdf.destroy();
  }
}

describe("PDF metadata is stripped when a PDF is attached", () => {
  for (const layout of [
    { objectStreams: false, compressXmp: false },
    { objectStreams: true, compressXmp: true },
  ]) {
    it(`removes the author, creator, title and XMP (${layout.objectStreams ? "object streams, compressed XMP" : "classic objects, plain XMP"}) and the PDF still opens`, async () => {
      const original = await pdfWithMetadata(layout);
      const before = await readWithPdfJs(original);
      expect(before.info.Author).toBe(AUTHOR);
      expect(JSON.stringify(before.metadata)).toContain(XMP_AUTHOR);
      expect(mentions(everyText(original), AUTHOR)).toBe(true);

      const file = new File([Buffer.from(original)], "complaint.pdf", { type: "application/pdf" });
      const prepared = await prepareAttachments([file]);
      if (!prepared.ok) throw new Error(`refused: ${prepared.refusal.reason}`);
      const stored = prepared.files[0]!.bytes;
      expect(stored.length).toBe(original.length);
      const all = everyText(stored);
      for (const secret of [
        AUTHOR,
        XMP_AUTHOR,
        "Krasniqi",
        "Microsoft Word for Drita",
        "Drita's laptop",
        "Private matter",
      ])
        expect(mentions(all, secret), secret).toBe(false);

      const after = await readWithPdfJs(stored);
      expect(after.pages).toBe(1);
      expect(after.text).toContain("Water supply in Plemetina");
      for (const key of ["Author", "Title", "Subject", "Keywords", "Creator", "Producer"])
        expect(String(after.info[key] ?? "").trim(), key).toBe("");
      expect(JSON.stringify(after.metadata ?? {})).not.toContain(XMP_AUTHOR);
    });
  }

  it("leaves the caller's bytes alone and refuses a PDF whose metadata it cannot reach", async () => {
    const broken = new TextEncoder().encode(
      "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R /Info 9 0 R >>\n%%EOF\n",
    );
    const copy = new Uint8Array(broken);
    expect(await stripPdfMetadata(broken)).toEqual({ ok: false, reason: "unsupported" });
    expect(broken).toEqual(copy);
  });

  it("never throws and never changes the length, whatever the bytes (damaged and hostile files)", async () => {
    const valid = await pdfWithMetadata({ objectStreams: true, compressXmp: false });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        fc.nat(valid.length),
        async (edits, cut) => {
          const damaged = new Uint8Array(valid.subarray(0, Math.max(cut, 8)));
          for (const [at, value] of edits) if (at < damaged.length) damaged[at] = value;
          const result = await stripPdfMetadata(damaged);
          if (result.ok) expect(result.bytes.length).toBe(damaged.length);
        },
      ),
      { numRuns: 300 },
    );
    for (const hostile of [
      "1 0 obj ".repeat(50_000),
      "%PDF-1.7 /Info 3 0 R 3 0 obj (".repeat(20_000),
      "<?xpacket begin".repeat(20_000),
      "%PDF-1.7\ntrailer << /Info 9 0 R >>\n" + "2 0 obj << >> endobj\n".repeat(20_000),
    ]) {
      await expect(stripPdfMetadata(new TextEncoder().encode(hostile))).resolves.toBeDefined();
    }
  });

  it("answers the submitter with the reason when a PDF is refused", async () => {
    const unreachable = new File(
      ["%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R /Info 9 0 R >>\n%%EOF\n"],
      "scan.pdf",
    );
    expect(await prepareAttachments([unreachable])).toEqual({
      ok: false,
      refusal: { reason: "pdf_metadata", fileName: "scan.pdf" },
    });
  });
});

describe("the blanker is bounded: deflate bombs and slow files are refused", () => {
  it("refuses a PDF whose object stream inflates to 256 MB, without expanding it and without blocking the event loop", async () => {
    const bomb = await pdfDeflateBomb(256);
    expect(bomb.length).toBeLessThan(400_000);
    const { result, growth, longestPause } = await measureWork(() => stripPdfMetadata(bomb));
    expect(result).toEqual({ ok: false, reason: "too_complex" });
    // The budget is 16 MB of inflated data; the expanded bomb (256 MB) must never be held.
    expect(growth).toBeLessThan(100 * 1024 * 1024);
    expect(longestPause).toBeLessThan(200);
  });

  it("counts every object stream against one budget: many small streams add up", async () => {
    const { deflatedZeros } = await import("../../../../tests/support/hostile-files.ts");
    const data = await deflatedZeros(2);
    const streams = Array.from({ length: 9 }, () =>
      Buffer.concat([
        Buffer.from(
          `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          "latin1",
        ),
        data,
        Buffer.from("\nendstream", "latin1"),
      ]),
    );
    const pdf = assemblePdf(
      ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", ...streams],
      "/Root 1 0 R",
    );
    expect(await stripPdfMetadata(pdf)).toEqual({ ok: false, reason: "too_complex" });
    // The same file is fine within a budget large enough for it.
    expect((await stripPdfMetadata(pdf, { ...PDF_LIMITS, maxInflatedBytes: 32 * 1024 * 1024 })).ok).toBe(true);
  });

  it("refuses when the time budget is used up", async () => {
    const original = await pdfWithMetadata({ objectStreams: true, compressXmp: false });
    expect(await stripPdfMetadata(original, { ...PDF_LIMITS, maxMilliseconds: -1 })).toEqual({
      ok: false,
      reason: "too_complex",
    });
  });

  it("tells the submitter that the document is too complex", async () => {
    const file = new File([new Uint8Array(await pdfDeflateBomb(64))], "bomb.pdf");
    expect(await prepareAttachments([file])).toEqual({
      ok: false,
      refusal: { reason: "pdf_too_complex", fileName: "bomb.pdf" },
    });
  });
});

describe("PDFs with active content are refused", () => {
  const catalogWith = (extra: string) => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;
  const plainPdf = (catalogExtra: string, more: string[] = []) =>
    assemblePdf(
      [
        catalogWith(catalogExtra),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>",
        ...more,
      ],
      "/Root 1 0 R",
    );

  for (const [label, extra, more] of [
    ["a JavaScript open action", "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>", []],
    ["an open action by reference to a launch action", "/OpenAction 4 0 R", ["<< /S /Launch /F (cmd.exe) >>"]],
    [
      "document-level JavaScript in the names tree",
      "/Names << /JavaScript 4 0 R >>",
      ["<< /Names [(x) 5 0 R] >>", "<< /S /JavaScript /JS (1) >>"],
    ],
    ["additional actions on the page", "/AA << /O << /S /SubmitForm /F (https://example.org) >> >>", []],
    [
      "a name written with #xx escapes (/J#61vaScript)",
      "/OpenAction [3 0 R /Fit] /Names << /J#61vaScript 4 0 R >>",
      ["<< /S /J#53 >>"],
    ],
  ] as const) {
    it(`refuses ${label}`, async () => {
      expect(await stripPdfMetadata(plainPdf(extra, [...more]))).toEqual({ ok: false, reason: "active_content" });
    });
  }

  it("finds actions inside compressed object streams too (pdf-lib's layout)", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([300, 200]);
    const action = pdf.context.obj({ S: "JavaScript", JS: "app.alert(1)" });
    pdf.catalog.set(PDFName.of("OpenAction"), pdf.context.register(action));
    const bytes = await pdf.save({ useObjectStreams: true });
    expect(Buffer.from(bytes).toString("latin1")).not.toContain("/JavaScript");
    expect(await stripPdfMetadata(bytes)).toEqual({ ok: false, reason: "active_content" });
    expect(await prepareAttachments([new File([Buffer.from(bytes)], "form.pdf")])).toEqual({
      ok: false,
      refusal: { reason: "pdf_active_content", fileName: "form.pdf" },
    });
  });

  it("accepts an open action that only shows a page, as word processors write it", async () => {
    const result = await stripPdfMetadata(plainPdf("/OpenAction [3 0 R /XYZ null null 0]"));
    expect(result.ok).toBe(true);
  });
});

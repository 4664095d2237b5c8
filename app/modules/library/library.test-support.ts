import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import type { ServerContext } from "#app/context.ts";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createFileStore, type FileStore } from "#app/services/files.server.ts";
import type { DocumentFormData } from "./library.schema.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import { workspaceContext } from "../../../tests/support/workspace-actors.ts";

/** A PDF whose text is the given lines, set in DejaVu Sans (so Cyrillic is real text, not outlines). */
export async function makePdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fs.readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), {
    subset: true,
  });
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  return pdf.save();
}

/** A real DOCX with the given paragraphs. */
export async function makeDocx(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph(text)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A DOCX-shaped ZIP whose main part inflates to `megabytes` MiB of zeros (a zip bomb). */
export async function makeZipBombDocx(megabytes: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file("word/document.xml", new Uint8Array(megabytes * 1024 * 1024));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** A DOCX-shaped ZIP with very many small entries. */
export async function makeManyEntriesDocx(count: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  for (let i = 0; i < count; i += 1) zip.file(`word/part${i}.xml`, "x");
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The start of a Windows executable, renamed by the uploader to look like a PDF. */
export function makeExecutable(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03], 0);
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x80);
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  return bytes;
}

export const SVG_WITH_SCRIPT = new TextEncoder().encode(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><circle r="5"/></svg>',
);

/** What the library's database tests share: a migrated database, a file store in its own temporary folder, two organisations. */
export interface LibraryTestFixture {
  handle: DatabaseHandle;
  files: FileStore;
  /** The file store's folder. */
  root: string;
  /** Balkan Sunflowers Kosova (a civil-society organisation of the reference data). */
  orgId: number;
  /** The Ministry of Health, an organisation the other's members do not belong to. */
  otherOrgId: number;
  /** The server context of a request by `actor` (a signed-in user, or an anonymous visitor), with the fixture's file store. */
  context: (actor: ServerContext["actor"]) => ReturnType<typeof workspaceContext>;
  /** Closes the database and removes the folder. */
  close: () => Promise<void>;
}

/** Opens the library's test fixture: the folder's name starts with `prefix` (a fresh one per call, under the system's temporary folder), the store takes files up to `maxBytes`. */
export async function openLibraryFixture(prefix: string, maxBytes: number): Promise<LibraryTestFixture> {
  const handle = await createTestDatabase();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const files = createFileStore({ db: handle.db, root, maxBytes });
  const orgs = await handle.db
    .selectFrom("organisation")
    .select(["id", "slug"])
    .where("slug", "in", ["balkan-sunflowers-kosova", "ministry-of-health"])
    .execute();
  return {
    handle,
    files,
    root,
    orgId: orgs.find((o) => o.slug === "balkan-sunflowers-kosova")!.id,
    otherOrgId: orgs.find((o) => o.slug === "ministry-of-health")!.id,
    context: (actor) => workspaceContext(handle.db, actor.kind === "user" ? actor : null, { files }),
    close: async () => {
      await handle.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A document's form as the library's tests send it: a Serbian report of the organisation, with a hostile title, changed by `overrides`. */
export function documentFormData(organisationId: number, overrides: Partial<DocumentFormData> = {}): DocumentFormData {
  return {
    titleSq: null,
    titleSr: "Test <script>alert(1)</script> dokument",
    titleEn: null,
    summarySq: null,
    summarySr: null,
    summaryEn: null,
    originalLocale: "sr",
    docType: "report",
    isKnowYourRights: false,
    organisationId,
    issuedOn: "2024-05-01",
    sectors: ["housing"],
    communities: ["roma"],
    measures: [],
    ...overrides,
  };
}

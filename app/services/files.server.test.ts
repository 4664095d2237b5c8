import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { StoredFile } from "#app/db/schema.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { ACCEPTED_TYPES, createFileStore, safeFileName, type FileStore } from "./files.server.ts";

/** Test files made from bytes: enough of each format for content sniffing. */
const SAMPLES = {
  pdf: new TextEncoder().encode(
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  ),
  png: Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1f6c50000000049454e44ae426082",
    "hex",
  ),
  jpeg: Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
  ]),
  /** A Windows executable: "MZ", the offset of the PE header at 0x3c, then "PE\0\0". */
  exe: (() => {
    const bytes = Buffer.alloc(512);
    bytes.write("MZ", 0, "latin1");
    bytes.writeUInt32LE(0x80, 0x3c);
    bytes.write("PE\0\0", 0x80, "latin1");
    return bytes;
  })(),
  text: new TextEncoder().encode("Not an image at all, just text.\n"),
  svg: new TextEncoder().encode(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  ),
  bareSvg: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
};
const DOCUMENTS_AND_IMAGES = [...ACCEPTED_TYPES.document, ...ACCEPTED_TYPES.image];

let handle: DatabaseHandle;
let root: string;
let store: FileStore;

/** Every file under the store's root, relative to it. */
function filesOnDisk(): string[] {
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(body).arrayBuffer());
}

async function storedRows(): Promise<StoredFile[]> {
  return handle.db.selectFrom("stored_file").selectAll().execute();
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.deleteFrom("stored_file").execute();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-files-"));
  store = createFileStore({ db: handle.db, root, maxBytes: 1024 });
  return () => fs.rmSync(root, { recursive: true, force: true });
});

describe("put", () => {
  it.each([
    ["pdf", "report.pdf", "application/pdf", "pdf"],
    ["png", "map.png", "image/png", "png"],
    ["jpeg", "photo.jpeg", "image/jpeg", "jpg"],
  ] as const)(
    "accepts a %s by its content and keeps it byte for byte",
    async (sample, originalName, mediaType, extension) => {
      const bytes = SAMPLES[sample];
      const result = await store.put(handle.db, bytes, { originalName, accept: DOCUMENTS_AND_IMAGES });
      if (!result.ok) throw new Error(`refused: ${result.error}`);
      expect(result.file).toMatchObject({
        media_type: mediaType,
        extension,
        size_bytes: bytes.byteLength,
        original_name: originalName,
      });
      expect(result.file.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(result.file.sha256).toMatch(/^[0-9a-f]{64}$/);

      const got = await store.get(result.file.id);
      expect(got?.file).toEqual(result.file);
      expect(await readAll(got!.body)).toEqual(new Uint8Array(bytes));
      expect(await storedRows()).toHaveLength(1);
    },
  );

  it("types a file by its content, not its name", async () => {
    const result = await store.put(handle.db, SAMPLES.png, { originalName: "scan.pdf", accept: DOCUMENTS_AND_IMAGES });
    expect(result.ok && result.file.media_type).toBe("image/png");
  });

  it.each([
    ["an executable renamed .pdf", SAMPLES.exe, "invoice.pdf", "type_not_allowed"],
    ["a text file named .png", SAMPLES.text, "chart.png", "unknown_type"],
    ["an SVG image with a script", SAMPLES.svg, "logo.svg", "type_not_allowed"],
    ["an SVG without an XML declaration", SAMPLES.bareSvg, "logo.svg", "unknown_type"],
    ["an empty file", new Uint8Array(0), "empty.pdf", "empty"],
    ["a file over the size limit", new Uint8Array(1025).fill(0x25), "big.pdf", "too_large"],
  ] as const)("refuses %s and stores nothing", async (_label, bytes, originalName, error) => {
    const result = await store.put(handle.db, bytes, { originalName, accept: DOCUMENTS_AND_IMAGES });
    expect(result).toEqual({ ok: false, error });
    expect(await storedRows()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it("refuses an accepted format that this upload does not allow", async () => {
    const result = await store.put(handle.db, SAMPLES.pdf, { originalName: "photo.pdf", accept: ACCEPTED_TYPES.image });
    expect(result).toEqual({ ok: false, error: "type_not_allowed" });
  });

  it("applies a per-upload size limit over the store's", async () => {
    expect(
      await store.put(handle.db, SAMPLES.pdf, { originalName: "a.pdf", accept: DOCUMENTS_AND_IMAGES, maxBytes: 10 }),
    ).toEqual({ ok: false, error: "too_large" });
    const exactly = await store.put(handle.db, SAMPLES.pdf, {
      originalName: "a.pdf",
      accept: DOCUMENTS_AND_IMAGES,
      maxBytes: SAMPLES.pdf.byteLength,
    });
    expect(exactly.ok).toBe(true);
  });

  it("stores the file under a generated id, whatever the name says", async () => {
    const result = await store.put(handle.db, SAMPLES.pdf, {
      originalName: "../../../etc/passwd.pdf",
      accept: DOCUMENTS_AND_IMAGES,
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.file.original_name).toBe("passwd.pdf");
    expect(filesOnDisk()).toEqual([result.file.id]);
    expect(fs.existsSync(path.join(root, result.file.id.slice(0, 2), result.file.id))).toBe(true);
  });

  it("leaves neither row nor file when the metadata insert fails", async () => {
    await sql`alter table stored_file add constraint test_refuse_name check (original_name <> 'refused.pdf')`.execute(
      handle.db,
    );
    try {
      await expect(
        store.put(handle.db, SAMPLES.pdf, { originalName: "refused.pdf", accept: DOCUMENTS_AND_IMAGES }),
      ).rejects.toThrow(/test_refuse_name/);
      expect(await storedRows()).toEqual([]);
      expect(filesOnDisk()).toEqual([]);
    } finally {
      await sql`alter table stored_file drop constraint test_refuse_name`.execute(handle.db);
    }
  });

  it("writes the row with the given transaction", async () => {
    const result = await handle.db
      .transaction()
      .execute((trx) => store.put(trx, SAMPLES.png, { originalName: "in-trx.png", accept: ACCEPTED_TYPES.image }));
    expect(result.ok && (await storedRows()).map((r) => r.id)).toEqual([result.ok && result.file.id]);
  });
});

describe("get", () => {
  it.each([
    ["an unknown id", "6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f"],
    ["an empty id", ""],
    ["a path", "../../etc/passwd"],
    ["an id with a path inside", "6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d/../.."],
    ["only dashes", "------------------------------------"],
    ["upper case", "6F1C2B8E-1D2A-4C3B-9E4F-5A6B7C8D9E0F"],
    ["an SQL fragment", "' or 1=1 --"],
  ])("returns null for %s", async (_label, id) => {
    expect(await store.get(id)).toBeNull();
  });

  it("returns null when the row exists but the bytes are gone", async () => {
    const result = await store.put(handle.db, SAMPLES.png, { originalName: "gone.png", accept: ACCEPTED_TYPES.image });
    if (!result.ok) throw new Error(result.error);
    fs.rmSync(path.join(root, result.file.id.slice(0, 2), result.file.id));
    expect(await store.get(result.file.id)).toBeNull();
  });
});

describe("headersFor", () => {
  const file = (overrides: Partial<StoredFile>): StoredFile => ({
    id: "6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f",
    sha256: "0".repeat(64),
    media_type: "application/pdf",
    extension: "pdf",
    size_bytes: 1234,
    original_name: "Raporti vjetor 2024.pdf",
    created_at: new Date(),
    ...overrides,
  });

  it("serves a document as a download with its sniffed type, no sniffing and a sandbox", () => {
    expect(store.headersFor(file({}))).toEqual({
      "Content-Type": "application/pdf",
      "Content-Length": "1234",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "attachment; filename*=UTF-8''Raporti%20vjetor%202024.pdf",
    });
  });

  it("shows an image inline, named with the extension of its real type", () => {
    const headers = store.headersFor(file({ media_type: "image/png", extension: "png", original_name: "harta.pdf" }));
    expect(headers["Content-Disposition"]).toBe("inline; filename*=UTF-8''harta.png");
  });

  it("encodes names in any script, and never throws on long ones", () => {
    const headers = store.headersFor(file({ original_name: "Izveštaj Приштина.pdf" }));
    expect(headers["Content-Disposition"]).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("Izveštaj Приштина.pdf")}`,
    );
    const long = `a${"𝐀".repeat(200)}.pdf`;
    expect(() => store.headersFor(file({ original_name: long }))).not.toThrow();
  });
});

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\Windows\\system32\\cmd.exe", "cmd.exe"],
    ["C:\\Users\\ana\\Desktop\\plan.pdf", "plan.pdf"],
    ["..", "file"],
    ["...", "file"],
    [".htaccess", "htaccess"],
    ["", "file"],
    ["/", "file"],
    ["report.pdf. . .", "report.pdf"],
    ['a"b<c>d;e\r\nf.pdf', "a_b_c_d_e_f.pdf"],
    ["invoice\u202Efdp.exe", "invoice_fdp.exe"],
    ["Plan i veprimit – Prizren.pdf", "Plan i veprimit _ Prizren.pdf"],
    ["Извештај.pdf", "Извештај.pdf"],
  ])("%j → %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it("keeps at most 120 characters without splitting one", () => {
    const name = safeFileName(`a${"𝐀".repeat(200)}`);
    expect([...name]).toHaveLength(120);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });
});

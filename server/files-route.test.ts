import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import type { StoredFile } from "#app/db/schema.ts";
import { ACCEPTED_TYPES, createFileStore, type FileStore } from "#app/services/files.server.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import type { ApiEnv } from "./api.ts";
import { fileEtag, registerFileRoutes, type FileRouteOptions } from "./files-route.ts";

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1f6c50000000049454e44ae426082",
  "hex",
);

let handle: DatabaseHandle;
let root: string;
let store: FileStore;
let pdf: StoredFile;
let png: StoredFile;
const ETAG_KEY = "files-route-test-key-files-route-test-key";

function appWith(options: Partial<FileRouteOptions> = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  registerFileRoutes(app, { files: store, access: () => "public", etagKey: ETAG_KEY, ...options });
  return app;
}

async function stored(bytes: Uint8Array, originalName: string): Promise<StoredFile> {
  const result = await store.put(handle.db, bytes, {
    originalName,
    accept: [...ACCEPTED_TYPES.document, ...ACCEPTED_TYPES.image],
  });
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.file;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cap-files-route-"));
  store = createFileStore({ db: handle.db, root, maxBytes: 1024 * 1024 });
  pdf = await stored(PDF, "Raporti <vjetor> 2024.pdf");
  png = await stored(PNG, "harta e Prizrenit.png");
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("GET /files/:id", () => {
  it("serves a document as a download, byte for byte, with the store's safe headers", async () => {
    const response = await appWith().request(`/files/${pdf.id}`);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(PDF.byteLength),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "content-disposition": "attachment; filename*=UTF-8''Raporti%20_vjetor_%202024.pdf",
    });
    expect(response.headers.get("etag")).toBe(fileEtag(ETAG_KEY, pdf));
  });

  it("gives an ETag that is not the content hash, differs between two copies of one file and changes with the key", async () => {
    const copy = await stored(PDF, "copy.pdf");
    const etag = (await appWith().request(`/files/${pdf.id}`)).headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(etag).not.toContain(pdf.sha256);
    expect(etag).not.toContain(Buffer.from(pdf.sha256, "hex").toString("base64url").slice(0, 16));
    expect((await appWith().request(`/files/${copy.id}`)).headers.get("etag")).not.toBe(etag);
    expect(
      (await appWith({ etagKey: "another-key-another-key-another-key" }).request(`/files/${pdf.id}`)).headers.get(
        "etag",
      ),
    ).not.toBe(etag);
  });

  it("shows an image inline", async () => {
    const response = await appWith().request(`/files/${png.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''harta%20e%20Prizrenit.png");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(PNG));
  });

  it("answers 304 when the browser already has this version", async () => {
    const response = await appWith().request(`/files/${pdf.id}`, {
      headers: { "If-None-Match": `W/"other", ${fileEtag(ETAG_KEY, pdf)}` },
    });
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(fileEtag(ETAG_KEY, pdf));
    expect(await response.text()).toBe("");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await appWith().request(`/files/${pdf.id}`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(await response.text()).toBe("");
  });

  it.each([
    ["an unknown id", "/files/6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f"],
    ["a malformed id", "/files/not-a-file"],
    ["an encoded path", "/files/..%2F..%2Fetc%2Fpasswd"],
    ["an id with a suffix", `/files/${"0".repeat(8)}-0000-0000-0000-000000000000.pdf`],
  ])("answers 404 for %s", async (_label, url) => {
    const response = await appWith().request(url);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 when the bytes are missing from the disk", async () => {
    const lost = await stored(PDF, "lost.pdf");
    fs.rmSync(path.join(root, lost.id.slice(0, 2), lost.id));
    expect((await appWith().request(`/files/${lost.id}`)).status).toBe(404);
  });

  it("answers 404, not 403, when the policy denies the file", async () => {
    const app = appWith({ access: (file) => (file.media_type.startsWith("image/") ? "public" : "none") });
    expect((await app.request(`/files/${pdf.id}`)).status).toBe(404);
    expect((await app.request(`/files/${png.id}`)).status).toBe(200);
  });

  it("sends a file served only to this asker with Cache-Control: private, no-store, and a public one cacheable", async () => {
    const privately = await appWith({ access: () => "private" }).request(`/files/${pdf.id}`);
    expect(privately.status).toBe(200);
    expect(privately.headers.get("cache-control")).toBe("private, no-store");
    expect((await appWith().request(`/files/${pdf.id}`)).headers.get("cache-control")).toBe("private, max-age=3600");
  });
});

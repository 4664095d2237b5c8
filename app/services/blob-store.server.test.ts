import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { ORPHAN_GRACE_MS, sweepOrphanFiles } from "#app/modules/needs/needs.files.server.ts";
import { startLocalS3, type LocalS3 } from "../../tests/support/s3-server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { copyStoredFiles } from "./blob-copy.server.ts";
import {
  createBlobStoreFromEnv,
  createDiskBlobStore,
  createS3BlobStore,
  s3SettingsFromEnv,
  type BlobStore,
} from "./blob-store.server.ts";
import { createFileStore } from "./files.server.ts";

/*
 * The file store's bytes on the local disk and in an S3-compatible bucket (s3rver, started on a free
 * port for this file): the same behaviour through one interface — checks by content, reading back,
 * listing, removal, the orphan sweep — and the copy from disk to a bucket.
 */

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1f6c50000000049454e44ae426082",
  "hex",
);
const ACCEPT = ["application/pdf", "image/png"];

let handle: DatabaseHandle;
let s3: LocalS3;
let diskRoot: string;

beforeAll(async () => {
  [handle, s3] = await Promise.all([createTestDatabase(), startLocalS3("cap-test-files")]);
  diskRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cap-blobs-"));
}, 60_000);
afterAll(async () => {
  await Promise.all([handle?.close(), s3?.stop()]);
  fs.rmSync(diskRoot, { recursive: true, force: true });
});

const text = async (stream: ReadableStream<Uint8Array> | null) =>
  stream ? Buffer.from(await new Response(stream).arrayBuffer()) : null;
const ids = async (blobs: BlobStore) => {
  const found: string[] = [];
  for await (const entry of blobs.list()) found.push(entry.id);
  return found.sort();
};

const backends: [string, () => BlobStore][] = [
  ["local disk", () => createDiskBlobStore(path.join(diskRoot, "store"))],
  ["S3-compatible bucket", () => createS3BlobStore(s3SettingsFromEnv(s3.env)!)],
];

describe.each(backends)("file store on the %s", (_name, makeBlobs) => {
  it("stores a file checked by content and serves the same bytes back", async () => {
    const files = createFileStore({ db: handle.db, blobs: makeBlobs(), maxBytes: 1024 * 1024 });
    const put = await files.put(handle.db, PDF, { originalName: "report.pdf", accept: ACCEPT });
    if (!put.ok) throw new Error(put.error);
    expect(put.file).toMatchObject({ media_type: "application/pdf", size_bytes: PDF.byteLength });
    const got = await files.get(put.file.id);
    expect(got?.file.id).toBe(put.file.id);
    expect(await text(got!.body)).toEqual(Buffer.from(PDF));
    expect(await ids(files.blobs)).toContain(put.file.id);
  });

  it("refuses what the content says it is not, and writes nothing", async () => {
    const blobs = makeBlobs();
    const files = createFileStore({ db: handle.db, blobs, maxBytes: 1024 * 1024 });
    const before = await ids(blobs);
    expect(
      await files.put(handle.db, new TextEncoder().encode("plain text"), { originalName: "x.pdf", accept: ACCEPT }),
    ).toEqual({ ok: false, error: "unknown_type" });
    expect(await files.put(handle.db, PNG, { originalName: "x.png", accept: ["application/pdf"] })).toEqual({
      ok: false,
      error: "type_not_allowed",
    });
    expect(await files.put(handle.db, PDF, { originalName: "x.pdf", accept: ACCEPT, maxBytes: 10 })).toEqual({
      ok: false,
      error: "too_large",
    });
    expect(await ids(blobs)).toEqual(before);
  });

  it("answers null for unknown and malformed ids, and removes bytes", async () => {
    const blobs = makeBlobs();
    const files = createFileStore({ db: handle.db, blobs, maxBytes: 1024 * 1024 });
    expect(await files.get("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await files.get("../../etc/passwd")).toBeNull();
    expect(await blobs.read("not-a-uuid")).toBeNull();
    const put = await files.put(handle.db, PNG, { originalName: "dot.png", accept: ACCEPT });
    if (!put.ok) throw new Error(put.error);
    await blobs.remove(put.file.id);
    expect(await blobs.read(put.file.id)).toBeNull();
    await blobs.remove(put.file.id); // removing twice is not an error
    await expect(blobs.check()).resolves.toBeUndefined();
  });

  it("leaves no bytes behind a rolled-back transaction once the sweep has run, and keeps stored files", async () => {
    const blobs = makeBlobs();
    const files = createFileStore({ db: handle.db, blobs, maxBytes: 1024 * 1024 });
    const kept = await files.put(handle.db, PDF, { originalName: "kept.pdf", accept: ACCEPT });
    if (!kept.ok) throw new Error(kept.error);
    let orphan = "";
    await expect(
      handle.db.transaction().execute(async (trx) => {
        const put = await files.put(trx, PNG, { originalName: "lost.png", accept: ACCEPT });
        if (put.ok) orphan = put.file.id;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await ids(blobs)).toContain(orphan);
    expect((await sweepOrphanFiles(handle.db, blobs)).removed).toBe(0); // within the grace period
    const report = await sweepOrphanFiles(handle.db, blobs, { now: new Date(Date.now() + ORPHAN_GRACE_MS + 60_000) });
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(await ids(blobs)).not.toContain(orphan);
    expect(await text(await blobs.read(kept.file.id))).toEqual(Buffer.from(PDF));
  });
});

describe("object storage settings", () => {
  it("reads FILE_STORAGE_URL with a prefix and the S3 settings", () => {
    expect(
      s3SettingsFromEnv({
        FILE_STORAGE_URL: "s3://office-files/prod/",
        S3_ENDPOINT: "https://minio.example.org",
        S3_ACCESS_KEY_ID: "a",
        S3_SECRET_ACCESS_KEY: "b",
      }),
    ).toEqual({
      bucket: "office-files",
      prefix: "prod/",
      endpoint: "https://minio.example.org",
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    expect(s3SettingsFromEnv({ FILE_STORAGE_URL: "s3://b", AWS_REGION: "eu-central-1" })).toMatchObject({
      prefix: "",
      endpoint: undefined,
      region: "eu-central-1",
      credentials: undefined,
    });
  });

  it("keeps the local folder by default and refuses bad values with a readable message", () => {
    expect(s3SettingsFromEnv({})).toBeNull();
    expect(s3SettingsFromEnv({ FILE_STORAGE_URL: "file:" })).toBeNull();
    expect(createBlobStoreFromEnv({}, diskRoot)).toMatchObject({
      kind: "disk",
      location: path.join(diskRoot, "files"),
    });
    expect(() => s3SettingsFromEnv({ FILE_STORAGE_URL: "https://bucket" })).toThrow(/s3:\/\/bucket/);
    expect(() => s3SettingsFromEnv({ FILE_STORAGE_URL: "s3://b", S3_ACCESS_KEY_ID: "only-one" })).toThrow(/both/);
  });

  it("reports a bucket that does not exist as not ready", async () => {
    const missing = createS3BlobStore({ ...s3SettingsFromEnv(s3.env)!, bucket: "no-such-bucket" });
    await expect(missing.check()).rejects.toThrow();
  });
});

describe("copying stored files from the local folder to a bucket", () => {
  it("copies every file with its bytes checked, skips what is already there, and names missing files", async () => {
    const disk = createDiskBlobStore(path.join(diskRoot, "copy-source"));
    const bucket = createS3BlobStore({ ...s3SettingsFromEnv(s3.env)!, prefix: "copy-test/" });
    const files = createFileStore({ db: handle.db, blobs: disk, maxBytes: 1024 * 1024 });
    const stored: string[] = [];
    for (const bytes of [PDF, PNG, PDF]) {
      const put = await files.put(handle.db, bytes, { originalName: "f", accept: ACCEPT });
      if (!put.ok) throw new Error(put.error);
      stored.push(put.file.id);
    }
    const first = await copyStoredFiles(handle.db, disk, bucket);
    // Rows written by the other tests of this file have their bytes elsewhere: reported missing, not copied.
    expect(first.copied).toBe(3);
    expect(first.damaged).toEqual([]);
    for (const id of stored) expect(first.missing).not.toContain(id);
    const served = createFileStore({ db: handle.db, blobs: bucket, maxBytes: 1024 * 1024 });
    expect(await text((await served.get(stored[1]!))!.body)).toEqual(PNG);

    const again = await copyStoredFiles(handle.db, disk, bucket);
    expect(again).toMatchObject({ copied: 0, alreadyThere: 3 });
  });
});

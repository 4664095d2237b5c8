import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";

/*
 * Where the bytes of stored files live (decision 032). The file store (files.server.ts) checks a
 * file and writes its metadata row; a blob store only keeps bytes under a key: the local disk
 * (DATA_DIR/files, the default) or an S3-compatible bucket, so that several instances serve the same
 * files. Keys are the file's UUID; on disk they sit under a folder named by its first two characters.
 */

/** A stored object as a listing shows it: its key (the file id) and when it was written. */
export interface BlobEntry {
  id: string;
  modifiedAt: Date;
}

/** Bytes by key, on disk or in a bucket. */
export interface BlobStore {
  /** "disk" or "s3", for logs, metrics and the readiness check. */
  readonly kind: "disk" | "s3";
  /** A human description of where the bytes go (folder or bucket URL), without credentials. */
  readonly location: string;
  /** Writes the bytes of a new key; never overwrites an existing one on disk. */
  write(id: string, bytes: Uint8Array): Promise<void>;
  /** A stream of the bytes, or null when the key does not exist. */
  read(id: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Removes the key; removing a missing key is not an error. */
  remove(id: string): Promise<void>;
  /** Every key, in pages, with its modification time (for the orphan sweep and copies). */
  list(): AsyncIterable<BlobEntry>;
  /** Throws when the store cannot be used (folder unwritable, bucket unreachable): for /readyz. */
  check(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a key this platform writes (a lower-case UUID); anything else in a folder or bucket is left alone. */
export function isBlobId(id: string): boolean {
  return UUID.test(id);
}

/** The bytes under `root/<first two characters>/<id>`, as the platform has always kept them. */
export function createDiskBlobStore(root: string): BlobStore {
  const pathOf = (id: string) => path.join(root, id.slice(0, 2), id);
  return {
    kind: "disk",
    location: root,
    async write(id, bytes) {
      const target = pathOf(id);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      try {
        await fs.promises.writeFile(target, bytes, { flag: "wx", mode: 0o600 });
      } catch (error) {
        // Remove a partly written file, never one that was already there.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") await fs.promises.rm(target, { force: true });
        throw error;
      }
    },
    async read(id) {
      if (!isBlobId(id)) return null;
      // Open first, then stream from the handle: no window between "exists" and "read".
      const opened = await fs.promises.open(pathOf(id), "r").catch(() => null);
      if (!opened) return null;
      return Readable.toWeb(opened.createReadStream()) as ReadableStream<Uint8Array>;
    },
    async remove(id) {
      if (!isBlobId(id)) return;
      await fs.promises.rm(pathOf(id), { force: true });
    },
    async *list() {
      const folders = await fs.promises.readdir(root, { withFileTypes: true }).catch(() => []);
      for (const folder of folders) {
        if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
        for (const name of await fs.promises.readdir(path.join(root, folder.name)).catch(() => [] as string[])) {
          if (!isBlobId(name) || !name.startsWith(folder.name)) continue;
          const stat = await fs.promises.stat(path.join(root, folder.name, name)).catch(() => null);
          if (stat) yield { id: name, modifiedAt: stat.mtime };
        }
      }
    },
    async check() {
      await fs.promises.mkdir(root, { recursive: true, mode: 0o700 });
      await fs.promises.access(root, fs.constants.R_OK | fs.constants.W_OK);
    },
  };
}

/** Settings of an S3-compatible bucket. */
export interface S3BlobSettings {
  bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"), so one bucket can hold several installs. */
  prefix: string;
  /** The service's URL (MinIO, Ceph RGW, Garage…); unset for AWS itself. */
  endpoint: string | undefined;
  region: string;
  /** Explicit keys; when absent the SDK's usual sources are used (AWS_ACCESS_KEY_ID…, instance roles). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/**
 * Reads `FILE_STORAGE_URL` (`s3://bucket/optional/prefix`) with `S3_ENDPOINT`, `S3_REGION`,
 * `S3_ACCESS_KEY_ID` and `S3_SECRET_ACCESS_KEY` (or the SDK's own `AWS_*` variables). Returns null
 * for the local disk (no `FILE_STORAGE_URL`, or `file:`). Throws a readable message on a bad value.
 */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv): S3BlobSettings | null {
  const raw = env.FILE_STORAGE_URL?.trim();
  if (!raw || raw.startsWith("file:")) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`FILE_STORAGE_URL must look like s3://bucket or s3://bucket/prefix, got "${raw}".`);
  }
  if (url.protocol !== "s3:" || !url.hostname)
    throw new Error(`FILE_STORAGE_URL must look like s3://bucket or s3://bucket/prefix, got "${raw}".`);
  const prefix = url.pathname.replace(/^\/+|\/+$/g, "");
  const accessKeyId = env.S3_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new Error("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither.");
  return {
    bucket: url.hostname,
    prefix: prefix ? `${prefix}/` : "",
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || env.AWS_REGION || "us-east-1",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

function isNotFound(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as { name?: string }).name;
  return status === 404 || name === "NoSuchKey" || name === "NotFound";
}

/**
 * The bytes in an S3-compatible bucket, addressed path-style (`endpoint/bucket/key`), which MinIO,
 * Ceph RGW, Garage and the clouds all accept. Keys are `<prefix><id>`.
 */
export function createS3BlobStore(settings: S3BlobSettings): BlobStore {
  // The SDK is pinned (package.json) and runs on Node 20; its notice that later releases need Node 22
  // would otherwise print on every start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const config: S3ClientConfig = { region: settings.region, forcePathStyle: true, maxAttempts: 3 };
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (settings.credentials) config.credentials = settings.credentials;
  const client = new S3Client(config);
  const Bucket = settings.bucket;
  const keyOf = (id: string) => `${settings.prefix}${id}`;
  return {
    kind: "s3",
    location: `s3://${Bucket}/${settings.prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`,
    async write(id, bytes) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(id),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: "application/octet-stream",
        }),
      );
    },
    async read(id) {
      if (!isBlobId(id)) return null;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(id) }));
        if (!object.Body) return null;
        return object.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async remove(id) {
      if (!isBlobId(id)) return;
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(id) }));
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: settings.prefix || undefined, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) {
          const id = object.Key?.slice(settings.prefix.length) ?? "";
          if (isBlobId(id)) yield { id, modifiedAt: object.LastModified ?? new Date() };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}

/** The blob store the environment asks for: a bucket when FILE_STORAGE_URL names one, else DATA_DIR/files. */
export function createBlobStoreFromEnv(env: NodeJS.ProcessEnv, dataDir: string): BlobStore {
  const s3 = s3SettingsFromEnv(env);
  return s3 ? createS3BlobStore(s3) : createDiskBlobStore(path.join(dataDir, "files"));
}

import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { KeptJsonText } from "#app/services/kept-json.ts";
import { CSRF_COOKIE } from "./csrf.ts";
import type { ApiEnv } from "./api.ts";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);

/** How long a browser, a reverse proxy or a CDN may reuse a public page without asking again. */
export const PUBLIC_PAGE_MAX_AGE_SECONDS = 60;

/** The encodings a request accepts (names only; `q=0` means "not this one"). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((param) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(param));
    if (name && !refused) accepted.add(name);
  }
  return accepted;
}

/** True when an `If-None-Match` header names this entity tag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEntityTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** True for page paths that belong to a signed-in person's workspace (never cached anywhere). */
export function isWorkspacePath(pathname: string): boolean {
  return /^\/[^/]+\/workspace(?:\/|$)/.test(pathname);
}

/**
 * Delivery of the server-rendered pages (decision 031): every HTML answer to a GET gets an entity tag
 * and a 304 when the browser already holds it, and is compressed with brotli (gzip for older
 * browsers) in one go. A public page read by someone not signed in, without a form, may be kept by
 * the browser, a reverse proxy or a CDN for a minute (`Cache-Control: public`); it then needs no
 * form cookie, so a first visitor's CSRF cookie is left for the page that has a form. Everything
 * else is private, and the workspace is never stored.
 */
export function deliverPages(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    const res = c.res;
    if (
      (method !== "GET" && method !== "HEAD") ||
      !(res.headers.get("Content-Type") ?? "").startsWith("text/html") ||
      res.headers.has("Content-Encoding") ||
      !res.body
    )
      return;
    const body = Buffer.from(await res.arrayBuffer());
    // Changed in place: Hono copies the previous response's headers onto the one set below.
    const headers = res.headers;
    const ctx = c.get("ctx");
    const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    const workspace = isWorkspacePath(c.req.path);
    const csrfCookieOnly = headers.getSetCookie().every((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`));
    const shareable =
      res.status === 200 &&
      !workspace &&
      ctx.actor.kind !== "user" &&
      csrfCookieOnly &&
      !(ctx.csrfToken && body.includes(ctx.csrfToken));
    if (shareable) {
      headers.delete("Set-Cookie");
      headers.set("Cache-Control", `public, max-age=${PUBLIC_PAGE_MAX_AGE_SECONDS}`);
    } else if (!headers.has("Cache-Control")) {
      headers.set("Cache-Control", workspace ? "private, no-store" : "private, no-cache");
    }
    headers.append("Vary", "Accept-Encoding, Cookie");
    if (res.status === 200 && !workspace) {
      headers.set("ETag", etag);
      if (matchesEntityTag(c.req.header("If-None-Match"), etag)) {
        for (const name of ["Content-Type", "Content-Length"]) headers.delete(name);
        c.res = new Response(null, { status: 304, headers });
        return;
      }
    }
    const accepted = acceptedEncodings(c.req.header("Accept-Encoding"));
    let encoded: Buffer = body;
    if (body.length >= 1024 && accepted.has("br")) {
      encoded = await brotli(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      headers.set("Content-Encoding", "br");
    } else if (body.length >= 1024 && accepted.has("gzip")) {
      encoded = await gzip(body, { level: 6 });
      headers.set("Content-Encoding", "gzip");
    }
    headers.set("Content-Length", String(encoded.length));
    c.res = new Response(method === "HEAD" ? null : new Uint8Array(encoded), {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  };
}

/** Bodies below this size are sent as they are: compressing them saves less than the header costs. */
const COMPRESS_THRESHOLD_BYTES = 1024;
/** JSON bodies up to this size are compressed on the request's own thread (a fraction of a millisecond). */
const SYNC_COMPRESS_MAX_BYTES = 64 * 1024;

/**
 * The compressed bytes of recent JSON answers, by encoding and the SHA-1 of the uncompressed body: the
 * API's lists answer the same bytes until their data changes, and hashing a body costs a fraction of
 * compressing it. Least recently used first out, within a count and a byte budget; the key is the
 * content itself, so nothing is ever stale.
 */
export class CompressedAnswers {
  readonly #entries = new Map<string, Buffer>();
  readonly #keyBytes = new Map<string, number>();
  #bytes = 0;
  constructor(
    readonly maxEntries = 512,
    readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  get(key: string): Buffer | undefined {
    const value = this.#entries.get(key);
    if (value) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  /** `keyBytes`: what the key itself holds in memory, counted in the budget (a whole JSON text used as key). */
  set(key: string, value: Buffer, keyBytes = 0): void {
    const previous = this.#entries.get(key);
    if (previous) {
      this.#entries.delete(key);
      this.#bytes -= previous.length + (this.#keyBytes.get(key) ?? 0);
      this.#keyBytes.delete(key);
    }
    if (value.length + keyBytes > this.maxBytes) return;
    this.#entries.set(key, value);
    if (keyBytes) this.#keyBytes.set(key, keyBytes);
    this.#bytes += value.length + keyBytes;
    for (const [oldest, bytes] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= bytes.length + (this.#keyBytes.get(oldest) ?? 0);
      this.#keyBytes.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }
}

/** One store per encoding: a handler's own JSON text is the key as it is (joining a prefix to it would copy it). */
const compressedAnswers = { gzip: new CompressedAnswers(), deflate: new CompressedAnswers(128, 4 * 1024 * 1024) };

/**
 * Compression of JSON answers (the API) in one go. The JSON is already a whole string in memory when
 * the handler returns it, so it is compressed as one buffer with gzip (deflate for clients that accept
 * only that) and sent with its length. Hono's `compress()`, which stays for any other body, pipes
 * every answer through a web `CompressionStream`, whose stream machinery cost more CPU than the
 * compression itself (decision 044). Answers that are small, already encoded, partial, `no-transform` or to a
 * HEAD request pass unchanged. An answer whose bytes were compressed recently is not compressed again
 * ({@link CompressedAnswers}).
 */
export function compressJson(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    // The handler's JSON text, kept as `c.json` writes it (the same response Hono's own would give): the body is
    // then taken from the text, not read back from the response. Reading a response's body makes the runtime
    // build a web Response around the string, check it is well formed and encode it through a stream: on a
    // 100-row list that was more CPU than the list's own code (decision 066).
    let written: { res: Response; text: string } | undefined;
    const respond = c.body as (data: string, arg?: unknown, headers?: Record<string, string>) => Response;
    c.json = ((object: unknown, arg?: unknown, headers?: Record<string, string>) => {
      // A kept answer's text is sent as it was made (decision 078).
      const text = object instanceof KeptJsonText ? object.text : JSON.stringify(object);
      const res = respond(text, arg, { "Content-Type": "application/json", ...headers });
      written = { res, text };
      return res;
    }) as unknown as typeof c.json;
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type") ?? "";
    if (
      [204, 205, 206, 304].includes(res.status) ||
      c.req.method === "HEAD" ||
      res.headers.has("Content-Encoding") ||
      !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)
    )
      return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get("Cache-Control") ?? "")) return;
    const headers = res.headers;
    const vary = headers.get("Vary");
    if (vary !== "*" && !(vary && /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)))
      headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const accepted = acceptedEncodings(c.req.header("Accept-Encoding"));
    const encoding = accepted.has("gzip") ? "gzip" : accepted.has("deflate") ? "deflate" : null;
    // Our own answer is not read back (`statusText` too would build the web Response: Hono never sets one).
    const own = written?.res === res ? written.text : undefined;
    // Its bytes are made only when they are sent as they are or compressed anew: encoding a 100-row list's
    // text as UTF-8 cost more than hashing it (decision 072). A text has at least as many UTF-8 bytes as it
    // has UTF-16 units, so a long one is over the threshold without being counted.
    let body = own === undefined ? Buffer.from(await res.arrayBuffer()) : undefined;
    const size = body ? body.length : own!.length >= COMPRESS_THRESHOLD_BYTES ? own!.length : Buffer.byteLength(own!);
    let encoded: Buffer | undefined;
    if (encoding && size >= COMPRESS_THRESHOLD_BYTES) {
      const options = { level: 6 };
      // The same answer again (a list nobody changed) is sent as it was compressed last time: found by the
      // handler's JSON text itself (a string key is compared whole, and V8 hashes a long string by its
      // length, so this costs one comparison of the texts), or by the SHA-1 of a body read back.
      const store = compressedAnswers[encoding];
      const key = own ?? `sha1:${createHash("sha1").update(body!).digest("base64")}`;
      encoded = store.get(key);
      if (!encoded) {
        body ??= Buffer.from(own!);
        if (body.length <= SYNC_COMPRESS_MAX_BYTES)
          encoded = encoding === "gzip" ? zlib.gzipSync(body, options) : zlib.deflateSync(body, options);
        else encoded = encoding === "gzip" ? await gzip(body, options) : await deflate(body, options);
        // A text key holds two bytes a character at most.
        store.set(key, encoded, own === undefined ? 0 : 2 * own.length);
      }
      headers.set("Content-Encoding", encoding);
      const etag = headers.get("ETag");
      if (etag && !etag.startsWith("W/")) headers.set("ETag", `W/${etag}`);
    }
    encoded ??= body ?? Buffer.from(own!);
    headers.set("Content-Length", String(encoded.length));
    // Hono copies a replaced response by reading its body as a stream; this one already carries every header.
    if (own !== undefined) c.res = undefined as unknown as Response;
    c.res = new Response(new Uint8Array(encoded), {
      status: res.status,
      statusText: own !== undefined ? "" : res.statusText,
      headers,
    });
  };
}

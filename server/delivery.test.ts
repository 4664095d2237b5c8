import zlib from "node:zlib";
import { Hono } from "hono";
import { KeptJsonText } from "#app/services/kept-json.ts";
import { describe, expect, it, vi } from "vitest";
import type { ServerContext } from "#app/context.ts";
import { ANONYMOUS, type Actor } from "#app/services/authorization.ts";
import type { ApiEnv } from "./api.ts";
import { CSRF_COOKIE } from "./csrf.ts";
import {
  acceptedEncodings,
  CompressedAnswers,
  compressJson,
  deliverPages,
  matchesEntityTag,
  PUBLIC_PAGE_MAX_AGE_SECONDS,
} from "./delivery.ts";

const TOKEN = "form-token-of-this-visitor";
/** A page long enough to be worth compressing, in the three languages' scripts. */
const PAGE = `<!DOCTYPE html><html lang="sr-Cyrl"><body><main>${"Општина Приштина / Komuna e Prishtinës – 1.234,50 € ".repeat(60)}</main></body></html>`;

/** The delivery middleware over pages that answer like React Router does, for a given reader. */
function appFor(
  actor: Actor,
  { withForm = false, setCookies = [`${CSRF_COOKIE}=new-visitor; Path=/; HttpOnly`] } = {},
) {
  const app = new Hono<ApiEnv>();
  app.use("*", async (c, next) => {
    c.set("ctx", { actor, csrfToken: TOKEN } as unknown as ServerContext);
    await next();
  });
  app.use("*", deliverPages());
  const html = (body: string, status = 200) => {
    const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
    for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
    return new Response(body, { status, headers });
  };
  app.get("/en/needs/new", () => html(withForm ? `${PAGE}<input type="hidden" name="csrf" value="${TOKEN}">` : PAGE));
  app.get("/en/", () => html(PAGE));
  app.get("/en/missing", () => html(PAGE, 404));
  app.get("/en/workspace/plans", () => html(PAGE));
  app.get("/api/v1/thing", (c) => c.json({ ok: true }));
  return app;
}

const SIGNED_IN = { kind: "user", userId: 1, name: "Arta", email: "arta@example.org", roles: [] } as unknown as Actor;

describe("public pages: caching and conditional requests", () => {
  it("a public page for a visitor not signed in may be cached publicly, briefly, without the form cookie", async () => {
    const res = await appFor(ANONYMOUS).request("/en/");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(`public, max-age=${PUBLIC_PAGE_MAX_AGE_SECONDS}`);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(res.headers.get("Vary")).toMatch(/Accept-Encoding/);
    expect(res.headers.get("ETag")).toMatch(/^W\/"[\w-]+"$/);
    expect(await res.text()).toBe(PAGE);
  });

  it("answers 304 without a body when the browser holds the same page, and 200 when the page changed", async () => {
    const app = appFor(ANONYMOUS);
    const first = await app.request("/en/");
    const etag = first.headers.get("ETag") ?? "";
    const again = await app.request("/en/", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Cache-Control")).toBe(`public, max-age=${PUBLIC_PAGE_MAX_AGE_SECONDS}`);
    const stale = await app.request("/en/", { headers: { "If-None-Match": 'W/"an-older-version"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(PAGE);
  });

  it("a page with a form keeps the visitor's form cookie and stays private", async () => {
    const res = await appFor(ANONYMOUS, { withForm: true }).request("/en/needs/new");
    expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(res.headers.get("Set-Cookie")).toMatch(new RegExp(`^${CSRF_COOKIE}=new-visitor`));
  });

  it("a signed-in reader's public page is private; the workspace is never stored and has no entity tag", async () => {
    const page = await appFor(SIGNED_IN, { setCookies: [] }).request("/en/");
    expect(page.headers.get("Cache-Control")).toBe("private, no-cache");
    const workspace = await appFor(SIGNED_IN, { setCookies: [] }).request("/en/workspace/plans", {
      headers: { "If-None-Match": "*" },
    });
    expect(workspace.status).toBe(200);
    expect(workspace.headers.get("Cache-Control")).toBe("private, no-store");
    expect(workspace.headers.get("ETag")).toBeNull();
  });

  it("an error page is not cached publicly and never answers 304", async () => {
    const res = await appFor(ANONYMOUS).request("/en/missing", { headers: { "If-None-Match": "*" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("Cache-Control")).toBe("private, no-cache");
  });
});

describe("public pages: compression", () => {
  it("sends brotli when the browser accepts it, gzip otherwise, and the page itself to a client that takes neither", async () => {
    const app = appFor(ANONYMOUS);
    const br = await app.request("/en/", { headers: { "Accept-Encoding": "gzip, deflate, br, zstd" } });
    expect(br.headers.get("Content-Encoding")).toBe("br");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get("Content-Length"))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(PAGE) / 5);
    expect(zlib.brotliDecompressSync(brBytes).toString("utf8")).toBe(PAGE);

    const gz = await app.request("/en/", { headers: { "Accept-Encoding": "gzip, br;q=0" } });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(PAGE);

    const plain = await app.request("/en/", { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.text()).toBe(PAGE);
  });

  it("leaves answers that are not pages alone", async () => {
    const res = await appFor(ANONYMOUS).request("/api/v1/thing", { headers: { "Accept-Encoding": "br" } });
    expect(res.headers.get("Content-Encoding")).toBeNull();
    expect(res.headers.get("ETag")).toBeNull();
  });
});

describe("header parsing", () => {
  it("reads Accept-Encoding with weights, refusing q=0", () => {
    expect([...acceptedEncodings("gzip, deflate, br, zstd")]).toEqual(["gzip", "deflate", "br", "zstd"]);
    expect([...acceptedEncodings("br;q=0, gzip;q=0.8")]).toEqual(["gzip"]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it("compares entity tags weakly, in lists and with *", () => {
    expect(matchesEntityTag('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEntityTag('"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEntityTag('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(matchesEntityTag("*", 'W/"abc"')).toBe(true);
    expect(matchesEntityTag('W/"abd"', 'W/"abc"')).toBe(false);
    expect(matchesEntityTag(undefined, 'W/"abc"')).toBe(false);
  });
});

describe("JSON answers: compressed in one go", () => {
  const ROWS = Array.from({ length: 200 }, (_, i) => ({
    id: i,
    name: { sq: `Komuna ${i} – Prishtinë`, sr: `Општина ${i} – Приштина` },
  }));
  function apiApp() {
    const app = new Hono<ApiEnv>();
    app.use("*", compressJson());
    app.get("/api/v1/rows", (c) => c.json({ data: ROWS }));
    app.get("/api/v1/small", (c) => c.json({ ok: true }));
    app.get("/api/v1/kept", (c) => c.json({ data: ROWS }, 200, { "Cache-Control": "no-transform", Vary: "Origin" }));
    app.get("/api/v1/text", (c) => c.text("x".repeat(5000)));
    return app;
  }

  it("gzips a JSON body for a client that accepts gzip, with its length and Vary, and the same JSON inside", async () => {
    const res = await apiApp().request("/api/v1/rows", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Encoding")).toBe("gzip");
    expect(res.headers.get("Vary")).toBe("Accept-Encoding");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(JSON.parse(zlib.gunzipSync(bytes).toString("utf8"))).toEqual({ data: ROWS });
    expect(bytes.length).toBeLessThan(JSON.stringify({ data: ROWS }).length / 3);
  });

  it("deflates for a client that accepts only deflate, and sends the JSON as it is to one that accepts neither", async () => {
    const deflated = await apiApp().request("/api/v1/rows", { headers: { "Accept-Encoding": "deflate, gzip;q=0" } });
    expect(deflated.headers.get("Content-Encoding")).toBe("deflate");
    expect(JSON.parse(zlib.inflateSync(Buffer.from(await deflated.arrayBuffer())).toString("utf8"))).toEqual({
      data: ROWS,
    });
    const plain = await apiApp().request("/api/v1/rows");
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await plain.json()).toEqual({ data: ROWS });
  });

  it("sends a kept answer's text as it was made, never serialising it again (decision 078)", async () => {
    // Text that JSON.stringify would never write for its value: the spaces show it is sent as it is.
    const text = JSON.stringify({ data: ROWS }, null, 1);
    const app = new Hono<ApiEnv>();
    app.use("*", compressJson());
    app.get("/api/v1/kept-text", (c) => c.json(new KeptJsonText(text) as unknown as object));
    const plain = await app.request("/api/v1/kept-text");
    expect(plain.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await plain.text()).toBe(text);
    const gz = await app.request("/api/v1/kept-text", { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(text);
  });

  it("leaves small bodies, no-transform answers and other types alone", async () => {
    const small = await apiApp().request("/api/v1/small", { headers: { "Accept-Encoding": "gzip" } });
    expect(small.headers.get("Content-Encoding")).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const kept = await apiApp().request("/api/v1/kept", { headers: { "Accept-Encoding": "gzip" } });
    expect(kept.headers.get("Content-Encoding")).toBeNull();
    expect(kept.headers.get("Vary")).toBe("Origin");
    expect((await kept.json()) as unknown).toEqual({ data: ROWS });
    const text = await apiApp().request("/api/v1/text", { headers: { "Accept-Encoding": "gzip" } });
    expect(text.headers.get("Content-Encoding")).toBeNull();
  });

  it("takes a handler's JSON from its text, never reading the response back, with Hono's status and headers", async () => {
    const app = new Hono<ApiEnv>();
    app.use("*", async (c, next) => {
      await next();
      c.res.headers.append("Set-Cookie", "after=1; Path=/");
    });
    app.use("*", compressJson());
    app.get("/api/v1/rows", (c) => c.json({ data: ROWS }, 201, { "X-Kind": "rows" }));
    app.get("/api/v1/replaced", async (c) => {
      c.res = c.json({ data: ROWS });
      c.res = new Response(JSON.stringify({ data: ROWS.slice(1) }), {
        headers: { "Content-Type": "application/json" },
      });
      return c.res;
    });
    const arrayBuffer = vi.spyOn(Response.prototype, "arrayBuffer");
    const statusText = vi.spyOn(Response.prototype, "statusText", "get");
    try {
      for (const encoding of ["gzip", "identity"]) {
        const res = await app.request("/api/v1/rows", { headers: { "Accept-Encoding": encoding } });
        expect(arrayBuffer).not.toHaveBeenCalled();
        expect(statusText).not.toHaveBeenCalled();
        expect(res.status).toBe(201);
        expect(res.headers.get("Content-Type")).toBe("application/json");
        expect(res.headers.get("X-Kind")).toBe("rows");
        expect(res.headers.get("Set-Cookie")).toBe("after=1; Path=/");
        const bytes = Buffer.from(await res.arrayBuffer());
        arrayBuffer.mockClear();
        expect(res.headers.get("Content-Length")).toBe(String(bytes.length));
        const text = (encoding === "gzip" ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
        expect(text).toBe(JSON.stringify({ data: ROWS }));
      }
      // A response the handler replaced after writing JSON is read as it is, not taken from the earlier text.
      const replaced = await app.request("/api/v1/replaced", { headers: { "Accept-Encoding": "gzip" } });
      expect(JSON.parse(zlib.gunzipSync(Buffer.from(await replaced.arrayBuffer())).toString("utf8"))).toEqual({
        data: ROWS.slice(1),
      });
    } finally {
      arrayBuffer.mockRestore();
      statusText.mockRestore();
    }
  });

  it("compresses the same answer once, and a changed answer again, per encoding", async () => {
    let rows = ROWS.map((row) => ({ ...row, name: { ...row.name, en: `Unique ${Math.random()}` } }));
    const app = new Hono<ApiEnv>();
    app.use("*", compressJson());
    app.get("/api/v1/changing", (c) => c.json({ data: rows }));
    const gzipSync = vi.spyOn(zlib, "gzipSync");
    const deflateSync = vi.spyOn(zlib, "deflateSync");
    try {
      const read = async (encoding: string) => {
        const res = await app.request("/api/v1/changing", { headers: { "Accept-Encoding": encoding } });
        const bytes = Buffer.from(await res.arrayBuffer());
        return JSON.parse((encoding === "gzip" ? zlib.gunzipSync(bytes) : zlib.inflateSync(bytes)).toString("utf8"));
      };
      expect(await read("gzip")).toEqual({ data: rows });
      expect(await read("gzip")).toEqual({ data: rows });
      expect(gzipSync).toHaveBeenCalledTimes(1);
      expect(await read("deflate")).toEqual({ data: rows });
      expect(deflateSync).toHaveBeenCalledTimes(1);
      rows = rows.map((row) => ({ ...row, id: row.id + 1 }));
      expect(await read("gzip")).toEqual({ data: rows });
      expect(gzipSync).toHaveBeenCalledTimes(2);
    } finally {
      gzipSync.mockRestore();
      deflateSync.mockRestore();
    }
  });
});

describe("JSON answers: the size threshold counts bytes, not characters", () => {
  it("compresses a short text of many bytes and leaves a short text of few bytes alone", async () => {
    const app = new Hono<ApiEnv>();
    app.use("*", compressJson());
    // 600 Cyrillic letters: fewer than 1024 characters, more than 1024 bytes in UTF-8.
    app.get("/api/v1/cyrillic", (c) => c.json({ name: "П".repeat(600) }));
    app.get("/api/v1/latin", (c) => c.json({ name: "P".repeat(1000) }));
    app.get("/api/v1/long", (c) => c.json({ name: "P".repeat(1100) }));
    const cyrillic = await app.request("/api/v1/cyrillic", { headers: { "Accept-Encoding": "gzip" } });
    expect(cyrillic.headers.get("Content-Encoding")).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(Buffer.from(await cyrillic.arrayBuffer())).toString("utf8"))).toEqual({
      name: "П".repeat(600),
    });
    const latin = await app.request("/api/v1/latin", { headers: { "Accept-Encoding": "gzip" } });
    expect(latin.headers.get("Content-Encoding")).toBeNull();
    expect(latin.headers.get("Content-Length")).toBe(String(JSON.stringify({ name: "P".repeat(1000) }).length));
    expect(await latin.json()).toEqual({ name: "P".repeat(1000) });
    const long = await app.request("/api/v1/long", { headers: { "Accept-Encoding": "gzip" } });
    expect(long.headers.get("Content-Encoding")).toBe("gzip");
  });

  it("counts a whole text kept as the key in the byte budget", () => {
    const kept = new CompressedAnswers(10, 100);
    kept.set("{}", Buffer.alloc(10), 60);
    expect(kept.bytes).toBe(70);
    kept.set("[]", Buffer.alloc(10), 60); // over the bytes: the first goes
    expect(kept.get("{}")).toBeUndefined();
    expect(kept.bytes).toBe(70);
    kept.set("[]", Buffer.alloc(5)); // replaced: its key's bytes no longer counted
    expect(kept.bytes).toBe(5);
  });
});

describe("CompressedAnswers", () => {
  it("keeps the most recently used answers within its count and byte budgets", () => {
    const kept = new CompressedAnswers(3, 100);
    kept.set("a", Buffer.alloc(10));
    kept.set("b", Buffer.alloc(10));
    kept.set("c", Buffer.alloc(10));
    expect(kept.get("a")).toBeDefined(); // a is now the most recent
    kept.set("d", Buffer.alloc(10)); // over the count: b goes
    expect(kept.get("b")).toBeUndefined();
    expect([kept.size, kept.bytes]).toEqual([3, 30]);
    kept.set("e", Buffer.alloc(85)); // over the bytes: the oldest go until it fits
    expect(kept.get("e")).toBeDefined();
    expect(kept.bytes).toBeLessThanOrEqual(100);
    expect(kept.get("c")).toBeUndefined();
    kept.set("huge", Buffer.alloc(101)); // larger than the whole budget: not kept
    expect(kept.get("huge")).toBeUndefined();
    kept.set("e", Buffer.alloc(5)); // replaced, not counted twice
    expect(kept.bytes).toBe(kept.get("d") ? 15 : 5);
  });
});

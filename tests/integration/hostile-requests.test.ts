import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createSession, hashToken, SESSION_COOKIE } from "#app/modules/identity/sessions.server.ts";
import { CSRF_COOKIE, csrfTokenFor } from "../../server/csrf.ts";
import { createProbeBuild, createTestApp, TEST_APP_ORIGIN, TEST_APP_SECRET } from "../support/test-app.ts";
import { countRows } from "../support/row-count.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { createTestUser } from "../support/workspace-actors.ts";

/*
 * Requests a forger could send: writes (POST, PUT, PATCH, DELETE, …) without a valid CSRF token
 * or a same-origin Origin, with forged session cookies and malformed bodies, to page and API
 * paths. Every one must be refused with a 4xx before it reaches React Router, and none may write.
 * The pages are a probe build that records whatever gets through (see test-app.ts).
 */

const TABLES = ["app_user", "user_session", "audit_log", "mail_outbox", "auth_token", "rate_limit", "job"] as const;

let handle: DatabaseHandle;
let app: ReturnType<typeof createTestApp>;
let probe: ReturnType<typeof createProbeBuild>;
/** A real administrator's session token: signed in, but without the form token the request is still refused. */
let realSessionToken: string;
const ANONYMOUS_CSRF_COOKIE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

beforeAll(async () => {
  handle = await createTestDatabase();
  probe = createProbeBuild();
  app = createTestApp(handle, "/nonexistent", { build: probe.build });
  const admin = await createTestUser(handle.db, [{ role: "platform_admin" }], { twoFactor: true });
  realSessionToken = await createSession(handle.db, admin.userId, { twoFactorVerified: true });
});
afterAll(() => handle.close());

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await countRows(handle.db, table);
  return counts;
}

/** Text as a raw HTTP header would carry it: UTF-8 bytes read as Latin-1 (what Node hands on). */
function asHeaderText(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

// ——— Generators ———

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "' OR '1'='1",
    "'; DROP TABLE app_user; --",
    "1; DELETE FROM audit_log",
    '" OR ""="',
    "<script>alert(1)</script>",
    "Приштина",
    "Ἀθῆναι",
    "مرحبا",
    "%00",
    "../../../../etc/passwd",
    "${7*7}",
    "\u202Eevil",
    "x".repeat(5_000),
  ),
);

const pagePath = fc.constantFrom(
  "/sq/sign-in",
  "/en/sign-in",
  "/sr-cyrl/sign-in/two-factor",
  "/sq/sign-out",
  "/en/workspace/profile",
  "/en/workspace/profile/two-factor",
  "/sq/workspace/users/invite",
  "/sq/workspace/organisations/new",
  "/en/workspace/audit",
  "/en/workspace/outbox",
  "/sq/password-reset",
  "/",
  "/sq/",
  "/assets/../sq/sign-in",
  "/assets/x",
  "/assets/sign-in",
  "/healthz",
  "/files/abc",
);
const apiPath = fc.constantFrom(
  "/api/v1/municipalities",
  "/api/v1/municipalities/20",
  "/api/v1/openapi.json",
  "/api/v1/sectors",
  "/api/v1/nothing-here",
  "/api/v2/x",
);
const randomPath = fc.oneof(
  fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
  fc
    .array(
      fc.oneof(
        hostileText.map(encodeURIComponent),
        fc.constantFrom("%", "%E0%A4%A", "%ZZ", "%C0%AF", "..", "%2e%2e", "%00"),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((segments) => `/${segments.join("/")}`),
);
const path = fc.oneof(
  { weight: 3, arbitrary: pagePath },
  { weight: 2, arbitrary: apiPath },
  { weight: 2, arbitrary: randomPath },
);

const method = fc.constantFrom("POST", "POST", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "MKCOL");

/** Origin / Sec-Fetch-Site as sent by another site, by a sandboxed page, or by nothing at all. */
const provenance = fc.oneof(
  fc.constant({}),
  fc.constant({ origin: "null" }),
  fc
    .constantFrom(
      "https://evil.example",
      "http://localhost",
      "http://localhost:3999.evil.example",
      "http://127.0.0.1:3999",
      "HTTP://LOCALHOST:3999",
      "http://localhost:39990",
      "https://localhost:3999",
    )
    .map((origin) => ({ origin })),
  fc
    .string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 60,
    })
    .map((origin) => ({ origin })),
  fc
    .constantFrom("cross-site", "same-site", "none", "SAME-ORIGIN", "same-origin, cross-site", "bogus")
    .map((site) => ({ "sec-fetch-site": site })),
  fc.constantFrom("cross-site", "same-site").map((site) => ({ origin: "null", "sec-fetch-site": site })),
);

/** Session cookie values: missing, random, overlong, SQL-ish, Unicode, well-formed but unknown, or a real session. */
const sessionCookie = fc.oneof(
  fc.constant<string | null>(null),
  hostileText.map(asHeaderText),
  fc.base64String({ minLength: 40, maxLength: 48 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64url")),
  fc.integer({ min: 101, max: 20_000 }).map((n) => "A".repeat(n)),
  fc.constant("__REAL_SESSION__"),
  fc.constant("__REAL_SESSION_HASH__"),
);

const csrfCookie = fc.oneof(
  fc.constant<string | null>(null),
  fc.constant(ANONYMOUS_CSRF_COOKIE),
  hostileText.map(asHeaderText),
  fc.constant("x".repeat(65)),
);

/** What the form carries as `_csrf`: never a valid token for the request's own cookie and body. */
const submittedToken = fc.oneof(
  fc.constant<string | null>(null),
  fc.constant(""),
  hostileText,
  fc.integer({ min: 101, max: 10_000 }).map((n) => "t".repeat(n)),
  fc.constant("__TOKEN_FOR_ANOTHER_VISITOR__"),
  fc.constant("__TOKEN_UNDER_ANOTHER_SECRET__"),
);

/** Where a (possibly valid) token is put where the server must not look for it. */
const misplacedValidToken = fc.constantFrom("none", "query", "header", "json");

const bodyKind = fc.constantFrom(
  "urlencoded",
  "multipart",
  "broken-multipart",
  "no-boundary",
  "bad-percent",
  "huge-field",
  "json",
  "text",
  "none",
  "garbage-type",
  "binary",
);

const hostileRequest = fc.record({
  method,
  path,
  provenance,
  sessionCookie,
  csrfCookie,
  token: submittedToken,
  misplaced: misplacedValidToken,
  body: bodyKind,
  field: hostileText,
  hugeSize: fc.integer({ min: 10_000, max: 1_500_000 }),
  extraCookieJunk: fc.boolean(),
  requestId: fc.option(hostileText.map(asHeaderText), { nil: undefined }),
});
type HostileRequest = typeof hostileRequest extends fc.Arbitrary<infer T> ? T : never;

/** The binding a valid token would need for this request: the session id, or the anonymous CSRF cookie. */
function validTokenFor(r: HostileRequest): string {
  if (r.sessionCookie === "__REAL_SESSION__") return csrfTokenFor(TEST_APP_SECRET, hashToken(realSessionToken));
  return csrfTokenFor(TEST_APP_SECRET, r.csrfCookie ?? ANONYMOUS_CSRF_COOKIE);
}

function resolveToken(r: HostileRequest): string | null {
  if (r.token === "__TOKEN_FOR_ANOTHER_VISITOR__") return csrfTokenFor(TEST_APP_SECRET, "someone-else-entirely-0000");
  if (r.token === "__TOKEN_UNDER_ANOTHER_SECRET__")
    return csrfTokenFor("another-secret-another-secret-another", r.csrfCookie ?? ANONYMOUS_CSRF_COOKIE);
  return r.token;
}

function buildRequest(r: HostileRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(r.provenance)) headers.set(name, value);
  const cookies: string[] = [];
  if (r.sessionCookie === "__REAL_SESSION__") cookies.push(`${SESSION_COOKIE}=${realSessionToken}`);
  else if (r.sessionCookie === "__REAL_SESSION_HASH__")
    cookies.push(`${SESSION_COOKIE}=${hashToken(realSessionToken)}`);
  else if (r.sessionCookie !== null) cookies.push(`${SESSION_COOKIE}=${r.sessionCookie.replace(/[;\r\n\0]/g, "")}`);
  if (r.csrfCookie !== null) cookies.push(`${CSRF_COOKIE}=${r.csrfCookie.replace(/[;\r\n\0]/g, "")}`);
  if (r.extraCookieJunk) cookies.push("=;", ";;", `${SESSION_COOKIE}`, "x=%ZZ");
  if (cookies.length) headers.set("cookie", cookies.join("; "));
  if (r.requestId !== undefined) headers.set("x-request-id", r.requestId.replace(/[\r\n\0]/g, ""));

  const token = resolveToken(r);
  const valid = validTokenFor(r);
  // Appended to the origin, so that a path beginning with "//" stays a path rather than naming a host.
  const url = new URL(`${TEST_APP_ORIGIN}${r.path}`);
  if (r.misplaced === "query") url.searchParams.set("_csrf", valid);
  if (r.misplaced === "header") headers.set("x-csrf-token", valid);

  const fields = new URLSearchParams();
  if (token !== null) fields.append("_csrf", token);
  fields.append("email", r.field);
  fields.append("password", r.field);

  let body: string | Blob | undefined;
  switch (r.body) {
    case "urlencoded":
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = fields.toString();
      break;
    case "bad-percent":
      headers.set("content-type", "application/x-www-form-urlencoded; charset=utf-7");
      body = `${token === null ? "" : `_csrf=${token}&`}email=%E0%A4%A&name=%ZZ%&%=%%&${encodeURIComponent(r.field)}`;
      break;
    case "huge-field":
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = `${fields.toString()}&note=${"a".repeat(r.hugeSize)}`;
      break;
    case "multipart": {
      const boundary = "----hostile" + r.hugeSize;
      headers.set("content-type", `multipart/form-data; boundary=${boundary}`);
      const parts = [...fields].map(
        ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
      body = `${parts.join("")}--${boundary}--\r\n`;
      break;
    }
    case "broken-multipart":
      headers.set("content-type", "multipart/form-data; boundary=expected-boundary");
      body = `--other-boundary\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${valid}\r\n--expected-boundary\r\nContent-Disposition: form-data; name="email"\r\n\r\n${r.field}`;
      break;
    case "no-boundary":
      headers.set("content-type", "multipart/form-data");
      body = `--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${valid}\r\n--x--\r\n`;
      break;
    case "json":
      headers.set("content-type", "application/json");
      body = JSON.stringify({ _csrf: r.misplaced === "json" ? valid : token, email: r.field });
      break;
    case "text":
      headers.set("content-type", "text/plain");
      body = `_csrf=${valid}\nemail=${r.field}`;
      break;
    case "garbage-type":
      headers.set(
        "content-type",
        asHeaderText(r.field).replace(/[\r\n\0]/g, "") || "application/x-www-form-urlencoded;;;boundary=",
      );
      body = fields.toString();
      break;
    case "binary":
      headers.set("content-type", "application/x-www-form-urlencoded");
      headers.set("content-encoding", "gzip");
      body = new Blob([Buffer.from(`\u0000\u00ff\u00fe${r.field}`, "latin1")]);
      break;
    case "none":
      break;
  }
  return new Request(url, { method: r.method, headers, body });
}

describe("hostile writes", () => {
  it("1,000 forged, cross-site and malformed writes are all refused with a 4xx, reach no page and write nothing", async () => {
    const before = await tableCounts();
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (r) => {
        const response = await app.fetch(buildRequest(r));
        sent += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        for (const kind of [
          `body:${r.body}`,
          `session:${r.sessionCookie === null ? "none" : r.sessionCookie.startsWith("__") ? r.sessionCookie : "forged"}`,
        ])
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        await response.arrayBuffer();
        expect(response.status, `${r.method} ${r.path} → ${response.status}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${r.method} ${r.path} → ${response.status}`).toBeLessThan(500);
        expect(probe.reached.map((q) => `${q.method} ${new URL(q.url).pathname}`)).toEqual([]);
      }),
      { numRuns: 1_000, endOnFailure: true },
    );
    expect(sent).toBe(1_000);
    expect([...statuses.keys()]).toEqual([403]);
    for (const kind of [
      "body:urlencoded",
      "body:multipart",
      "body:broken-multipart",
      "body:bad-percent",
      "body:huge-field",
      "body:json",
      "session:forged",
      "session:__REAL_SESSION__",
    ]) {
      expect(kinds.get(kind) ?? 0, `requests of kind ${kind}`).toBeGreaterThan(10);
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("malformed bodies from our own pages", () => {
  it("are answered 400 or 415 before any action tries to read them", async () => {
    const before = await tableCounts();
    const sameOrigin = fc.record({
      method: fc.constantFrom("POST", "PUT", "PATCH", "DELETE"),
      path: fc.oneof(
        pagePath.filter((p) => !p.startsWith("/healthz") && !p.startsWith("/files/")),
        randomPath,
      ),
      provenance: fc.constantFrom({ origin: TEST_APP_ORIGIN }, { "sec-fetch-site": "same-origin" }),
      sessionCookie: fc.constantFrom<string | null>(null, "__REAL_SESSION__"),
      csrfCookie: fc.constant<string | null>(null),
      token: fc.constant<string | null>(null),
      misplaced: fc.constant("none"),
      body: fc.constantFrom("broken-multipart", "no-boundary", "json", "text", "none"),
      field: hostileText,
      hugeSize: fc.integer({ min: 10_000, max: 200_000 }),
      extraCookieJunk: fc.boolean(),
      requestId: fc.constant(undefined),
    });
    probe.reached.length = 0;
    await fc.assert(
      fc.asyncProperty(sameOrigin, async (r) => {
        const response = await app.fetch(buildRequest(r as HostileRequest));
        await response.arrayBuffer();
        const expected = r.body === "broken-multipart" || r.body === "no-boundary" ? 400 : 415;
        expect(response.status, `${r.method} ${r.path} (${r.body})`).toBe(expected);
        expect(probe.reached).toHaveLength(0);
      }),
      { numRuns: 200, endOnFailure: true },
    );
    expect(await tableCounts()).toEqual(before);
  });
});

describe("legitimate writes (positive controls)", () => {
  async function send(init: { path?: string; headers?: Record<string, string>; body?: string }) {
    probe.reached.length = 0;
    const response = await app.fetch(
      new Request(`${TEST_APP_ORIGIN}${init.path ?? "/sq/sign-in"}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...init.headers },
        body: init.body ?? "email=a%40example.org",
      }),
    );
    return { status: response.status, reachedPages: probe.reached.length };
  }

  it("lets a same-origin form through to the page without a token", async () => {
    expect(await send({ headers: { origin: TEST_APP_ORIGIN } })).toEqual({ status: 200, reachedPages: 1 });
    expect(await send({ headers: { "sec-fetch-site": "same-origin" } })).toEqual({ status: 200, reachedPages: 1 });
  });

  it("lets a form with a valid token and no Origin through, for a visitor and for a signed-in user", async () => {
    const visitorToken = csrfTokenFor(TEST_APP_SECRET, ANONYMOUS_CSRF_COOKIE);
    expect(
      await send({
        headers: { cookie: `${CSRF_COOKIE}=${ANONYMOUS_CSRF_COOKIE}` },
        body: `_csrf=${visitorToken}&email=x`,
      }),
    ).toEqual({ status: 200, reachedPages: 1 });
    const userToken = csrfTokenFor(TEST_APP_SECRET, hashToken(realSessionToken));
    const boundary = "ok-boundary";
    expect(
      await send({
        path: "/en/workspace/profile",
        headers: {
          cookie: `${SESSION_COOKIE}=${realSessionToken}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${userToken}\r\n--${boundary}--\r\n`,
      }),
    ).toEqual({ status: 200, reachedPages: 1 });
  });

  it("refuses the same valid token sent with another visitor's cookie, or cross-site", async () => {
    const visitorToken = csrfTokenFor(TEST_APP_SECRET, ANONYMOUS_CSRF_COOKIE);
    expect(
      await send({
        headers: { cookie: `${CSRF_COOKIE}=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb` },
        body: `_csrf=${visitorToken}`,
      }),
    ).toEqual({ status: 403, reachedPages: 0 });
    expect(
      await send({
        headers: { cookie: `${CSRF_COOKIE}=${ANONYMOUS_CSRF_COOKIE}`, origin: "https://evil.example" },
        body: `_csrf=${visitorToken}`,
      }),
    ).toEqual({ status: 403, reachedPages: 0 });
  });

  it("compares Origin with PUBLIC_URL, not with the request's own Host header", async () => {
    probe.reached.length = 0;
    for (const host of ["evil.example", "localhost:4000", "127.0.0.1:3999"]) {
      const response = await app.fetch(
        new Request(`http://${host}/sq/sign-in`, {
          method: "POST",
          headers: { host, origin: `http://${host}`, "content-type": "application/x-www-form-urlencoded" },
          body: "email=a%40example.org",
        }),
      );
      expect(response.status, host).toBe(403);
    }
    expect(probe.reached).toHaveLength(0);
    // The token path still works whatever the Host: a form without Origin but with a valid token passes.
    const visitorToken = csrfTokenFor(TEST_APP_SECRET, ANONYMOUS_CSRF_COOKIE);
    const viaOtherHost = await app.fetch(
      new Request("http://evil.example/sq/sign-in", {
        method: "POST",
        headers: {
          cookie: `${CSRF_COOKIE}=${ANONYMOUS_CSRF_COOKIE}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: `_csrf=${visitorToken}&email=x`,
      }),
    );
    expect(viaOtherHost.status).toBe(200);
  });

  it("leaves API bodies to the API (JSON is no page form)", async () => {
    probe.reached.length = 0;
    const response = await app.fetch(
      new Request(`${TEST_APP_ORIGIN}/api/v1/nothing`, {
        method: "POST",
        headers: { origin: TEST_APP_ORIGIN, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found" });
  });

  it("checks writes under /assets/ too (only reads of built files skip the check)", async () => {
    expect(await send({ path: "/assets/sign-in" })).toEqual({ status: 403, reachedPages: 0 });
    expect(await send({ path: "/assets/sign-in", headers: { origin: TEST_APP_ORIGIN } })).toEqual({
      status: 200,
      reachedPages: 1,
    });
  });
});

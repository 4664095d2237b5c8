import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { createProbeBuild, createTestApp } from "../tests/support/test-app.ts";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { createLogger } from "./logger.ts";

// Secrets shaped like the real ones: a tracking code (groups of the Crockford alphabet), 256-bit
// base64url tokens, a session cookie, a bearer token.
const TRACKING_CODE = "7K3M-QX9P-2HVD";
const RESET_TOKEN = "Zr0mS8d9Qk3vWb1nXc5yTg7hJp2eLf4aUo6iMq8sRt0";
const VERIFY_TOKEN = "Pq1wE2rT3yU4iO5pA6sD7fG8hJ9kL0zX1cV2bN3mQ4w";
const INVITE_TOKEN = "Mn8bV7cX6zL5kJ4hG3fD2sA1pO0iU9yT8rE7wQ6aS5d";
const SESSION = "sEsSiOnToKeN-abcdefghijklmnopqrstuvwxyz012345";
const BEARER = "Bearer eyJhbGciOiJIUzI1NiJ9.secret-claims.signature";
const PASSWORD = "Gjuha ime është e bukur 2026";
const SECRETS = [
  TRACKING_CODE,
  TRACKING_CODE.replaceAll("-", ""),
  RESET_TOKEN,
  VERIFY_TOKEN,
  INVITE_TOKEN,
  SESSION,
  BEARER,
  "eyJhbGciOiJIUzI1NiJ9",
  PASSWORD,
];

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

function expectNoSecret(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) for (const secret of SECRETS) expect(line, `"${secret}" in ${line}`).not.toContain(secret);
}

describe("log redaction", () => {
  it("withholds secrets in paths, query strings, headers, fields, messages and errors", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ logLevel: "info" }, stream).child({ requestId: "r1" });
    logger.info({ method: "GET", path: `/sq/needs/track/${TRACKING_CODE}`, status: 200 }, "request");
    logger.info({ path: `/en/needs/track?code=${TRACKING_CODE.replaceAll("-", "")}&lang=en` }, "request");
    logger.info({ url: `https://platform.example/en/reset-password/${RESET_TOKEN}?x=1` }, "request");
    logger.info({ path: `/sr-cyrl/verify-email/${VERIFY_TOKEN}` }, "request");
    logger.info(
      { path: `/en/accept-invitation/${INVITE_TOKEN}`, returnTo: `/en/needs/track/${TRACKING_CODE}` },
      "request",
    );
    logger.info({ path: `/en/sign-in?returnTo=%2Fen%2Fneeds%2Ftrack%2F${TRACKING_CODE}` }, "request");
    logger.info(
      { req: { headers: { cookie: `cap_session=${SESSION}; cap_csrf=abc`, authorization: BEARER } } },
      "incoming",
    );
    logger.info(
      { headers: { Cookie: `__Host-cap_session=${SESSION}`, "Set-Cookie": `cap_session=${SESSION}` } },
      "headers",
    );
    logger.info(
      {
        form: {
          email: "a@example.org",
          password: PASSWORD,
          newPassword: PASSWORD,
          token: RESET_TOKEN,
          trackingCode: TRACKING_CODE,
        },
      },
      "form",
    );
    logger.warn(`could not open /en/reset-password/${RESET_TOKEN}`);
    logger.error(
      { err: new Error(`No route matches URL "/en/needs/track/${TRACKING_CODE}/x?token=${RESET_TOKEN}"`) },
      "page error",
    );
    logger.error(
      { err: new Error("outer", { cause: new Error(`inner /en/verify-email/${VERIFY_TOKEN}`) }) },
      "page error",
    );
    expectNoSecret(lines);
    expect(lines.length).toBe(12);
    // What is not secret stays readable.
    const first = JSON.parse(lines[0]!) as { path: string; status: number; requestId: string };
    expect(first).toMatchObject({ path: "/sq/needs/track/[redacted]", status: 200, requestId: "r1" });
    expect(lines[6]).toContain("[redacted]");
    expect(lines[8]).toContain("a@example.org");
    expect(JSON.parse(lines[10]!).err.message).toBe(
      'No route matches URL "/en/needs/track/[redacted]/x?token=[redacted]"',
    );
  });

  describe("the request log of the app", () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase();
    });
    afterAll(() => handle.close());

    it("writes request lines without tracking codes, tokens or cookies", async () => {
      const { lines, stream } = capture();
      const app = createTestApp(handle, undefined, {
        build: createProbeBuild().build,
        logger: createLogger({ logLevel: "info" }, stream),
      });
      const headers = { Cookie: `cap_session=${SESSION}`, Authorization: BEARER };
      for (const path of [
        `/en/needs/track/${TRACKING_CODE}`,
        `/en/needs/track?code=${TRACKING_CODE}`,
        `/en/reset-password/${RESET_TOKEN}`,
        `/sq/verify-email/${VERIFY_TOKEN}`,
        `/en/accept-invitation/${INVITE_TOKEN}`,
      ]) {
        expect((await app.request(path, { headers })).status).toBe(200);
      }
      // A refused cross-site write is logged with its path too.
      expect(
        (
          await app.request(`/en/reset-password/${RESET_TOKEN}`, {
            method: "POST",
            headers: {
              ...headers,
              Origin: "https://evil.example",
              "Sec-Fetch-Site": "cross-site",
              "Content-Type": "application/x-www-form-urlencoded",
            },
            body: `newPassword=${encodeURIComponent(PASSWORD)}`,
          })
        ).status,
      ).toBe(403);
      expectNoSecret(lines);
      expect(lines.filter((l) => l.includes('"msg":"request"'))).toHaveLength(6);
      expect(lines.some((l) => l.includes("/en/needs/track/[redacted]"))).toBe(true);
    });
  });
});

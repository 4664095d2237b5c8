import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Cookie holding the anonymous visitor's CSRF secret (a signed-in user's session plays that role). */
export const CSRF_COOKIE = "cap_csrf";
/** Name of the hidden form field that carries the token. */
export const CSRF_FIELD = "_csrf";

/** A new random value for the anonymous CSRF cookie. */
export function createCsrfCookieValue(): string {
  return randomBytes(24).toString("base64url");
}

/** The token forms must send back: an HMAC of the visitor's session (or CSRF cookie) under the app secret. */
export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac("sha256", secret).update(`csrf:${binding}`).digest("base64url");
}

/** Constant-time comparison of a submitted token with the expected one. */
export function isValidCsrfToken(secret: string, binding: string, submitted: unknown): boolean {
  if (typeof submitted !== "string" || submitted.length === 0 || submitted.length > 100) return false;
  const expected = Buffer.from(csrfTokenFor(secret, binding));
  const actual = Buffer.from(submitted);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Methods that never change data and are never checked. */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/**
 * Decides from the request headers alone: "same-origin" when the browser says the request comes
 * from our own pages (Origin equals one of our origins, or Sec-Fetch-Site is same-origin),
 * "cross-site" when it says otherwise, "unknown" when it says nothing (then the token decides).
 */
export function originVerdict(
  headers: Headers,
  allowedOrigins: readonly string[],
): "same-origin" | "cross-site" | "unknown" {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return allowedOrigins.includes(origin) ? "same-origin" : "cross-site";
  if (origin === "null") return "cross-site";
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin") return "same-origin";
  if (site === "cross-site" || site === "same-site") return "cross-site";
  return "unknown";
}

/**
 * A key for signing hidden form fields (e.g. the time a form was shown, for the minimum fill
 * time), derived from the app secret so that the secret itself never reaches the pages' code.
 */
export function formSigningKeyFor(secret: string): string {
  return createHmac("sha256", secret).update("form-signing").digest("base64url");
}

import { randomBytes } from "node:crypto";

/** Random bytes drawn from the system in one go and handed out 16 at a time, each once (as randomUUID does). */
const NONCE_BYTES = 16;
let entropy = Buffer.alloc(0);
let entropyUsed = 0;

/**
 * A fresh CSP nonce for one response: 16 bytes from the system's cryptographic generator, never given twice.
 * They are read 4 KiB at a time: one call into the generator per 256 responses instead of one each (decision 072).
 */
export function createNonce(): string {
  if (entropyUsed + NONCE_BYTES > entropy.length) {
    entropy = randomBytes(256 * NONCE_BYTES);
    entropyUsed = 0;
  }
  const nonce = entropy.toString("base64", entropyUsed, entropyUsed + NONCE_BYTES);
  entropyUsed += NONCE_BYTES;
  return nonce;
}

/**
 * The Content-Security-Policy of every page: scripts only from our origin or carrying this
 * response's nonce (no `unsafe-inline` scripts), no framing, no plugins, forms post only to us.
 * Development adds what Vite's hot reload needs.
 */
export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  const script = isDevelopment ? "script-src 'self' 'unsafe-inline'" : `script-src 'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    script,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    isDevelopment ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Pages whose content is personal or secret (the workspace, the tracking page, sign-in, two-factor
// set-up, tokens in the path): never stored by the browser or a shared cache.
const PRIVATE_PAGE =
  /^\/(?:sq|sr|sr-cyrl|en)\/(?:workspace|sign-in|sign-out|forgot-password|reset-password|verify-email|accept-invitation|needs\/track)(?:[/?]|$)/i;

/** True for the paths of pages that must carry `Cache-Control: no-store`. */
export function isPrivatePage(pathname: string): boolean {
  return PRIVATE_PAGE.test(pathname);
}

/**
 * The Cache-Control a response must end with, or null to leave it: `no-store` on private pages
 * (whatever the page set), `private, no-store` on anything else answered to a signed-in user that
 * did not choose its own caching (their name is in every page's header).
 */
export function privateCacheControl(pathname: string, isSignedIn: boolean, current: string | null): string | null {
  if (isPrivatePage(pathname)) return "no-store";
  if (isSignedIn && current === null) return "private, no-store";
  return null;
}

/** HSTS, sent only when the platform's public address is https: browsers then refuse plain http for a year. */
export function strictTransportSecurity(publicUrl: string): string | null {
  return publicUrl.startsWith("https:") ? "max-age=31536000" : null;
}

/** Headers sent with every response, whatever produced it. */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

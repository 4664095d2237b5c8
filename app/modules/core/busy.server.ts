import type { Context } from "hono";
import { plainPage } from "#app/services/plain-page.server.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };
import tr from "./locales/tr.json" with { type: "json" };
import bs from "./locales/bs.json" with { type: "json" };
import rom from "./locales/rom.json" with { type: "json" };

/** Seconds a refused client is asked to wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a client with too many requests waiting (decision 041): 429 with Retry-After, as
 * JSON for the API and as a small page in the language of the requested page otherwise.
 */
export function busyResponse(c: Context): Response {
  const headers = { "Cache-Control": "no-store", "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) };
  if (c.req.path.startsWith("/api/"))
    return c.json({ error: "too_many_requests", message: en.busy.message }, 429, headers);
  return c.html(
    plainPage(c.req.path, { sq: sq.busy, sr: sr.busy, en: en.busy, tr: tr.busy, bs: bs.busy, rom: rom.busy }),
    429,
    headers,
  );
}

import type { Context } from "hono";
import { plainPage } from "#app/services/plain-page.server.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };
import tr from "./locales/tr.json" with { type: "json" };
import bs from "./locales/bs.json" with { type: "json" };

/** Room for the form's other fields beside the largest file, in a multipart body. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The 413 answer to a request body larger than the upload limit, in the language of the page it
 * was sent to (the first segment of the path), as a small HTML page with a way back.
 */
export function uploadTooLargeResponse(c: Context, maxUploadBytes: number): Response {
  const pick = (t: typeof en.upload) => ({ title: t.bodyTooLargeTitle, message: t.bodyTooLarge });
  const html = plainPage(
    c.req.path,
    { sq: pick(sq.upload), sr: pick(sr.upload), en: pick(en.upload), tr: pick(tr.upload), bs: pick(bs.upload) },
    { limit: String(Math.floor(maxUploadBytes / (1024 * 1024))) },
  );
  return c.html(html, 413, { "Cache-Control": "no-store", Connection: "close" });
}

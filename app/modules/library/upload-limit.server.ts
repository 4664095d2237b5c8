import type { Context } from "hono";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import en from "./locales/en.json" with { type: "json" };
import sq from "./locales/sq.json" with { type: "json" };
import sr from "./locales/sr.json" with { type: "json" };

/** Room for the form's other fields beside the largest file, in a multipart body. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/**
 * The 413 answer to a request body larger than the upload limit, in the language of the page it
 * was sent to (the first segment of the path), as a small HTML page with a way back.
 */
export function uploadTooLargeResponse(c: Context, maxUploadBytes: number): Response {
  const segment = c.req.path.split("/")[1] ?? "";
  const catalog = segment === "en" ? en : segment === "sr" || segment === "sr-cyrl" ? sr : sq;
  const tag = segment === "en" ? "en" : segment === "sr" ? "sr-Latn" : segment === "sr-cyrl" ? "sr-Cyrl" : "sq";
  const convert = (text: string) => (segment === "sr-cyrl" ? latinToCyrillic(text) : text);
  const limit = String(Math.floor(maxUploadBytes / (1024 * 1024)));
  const title = convert(catalog.upload.bodyTooLargeTitle);
  const message = convert(catalog.upload.bodyTooLarge.replace("{limit}", limit));
  const html = `<!doctype html><html lang="${tag}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${message}</p></main></body></html>`;
  return c.html(html, 413, { "Cache-Control": "no-store", Connection: "close" });
}

import { CATALOG_FALLBACK } from "#app/i18n/catalog.ts";
import { isLocale, LANGUAGE_TAG, type Locale } from "#app/i18n/locales.ts";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";

/**
 * The texts of a plain page in the catalog languages (Serbian Cyrillic is derived); a language
 * without its own texts gets its fallback language's (decision 043).
 */
export type PlainPageTexts = Record<"sq" | "sr" | "en", { title: string; message: string }> &
  Partial<Record<"tr" | "bs" | "rom", { title: string; message: string }>>;

/**
 * A small, complete HTML page (no layout, no script) for answers given before the pages run: a
 * body over the upload limit, a client with too many requests waiting. Its language is the one of
 * the page the request was for (the first segment of the path; Albanian when there is none).
 */
export function plainPage(pathname: string, texts: PlainPageTexts, vars: Record<string, string> = {}): string {
  const segment = pathname.split("/")[1] ?? "";
  const asked: Locale = isLocale(segment) ? segment : "sq";
  const own = asked === "sr-cyrl" ? "sr" : asked;
  const locale: Locale = texts[own] ? asked : (CATALOG_FALLBACK[own] ?? "sq");
  const chosen = texts[own] ?? texts[CATALOG_FALLBACK[own] ?? "sq"] ?? texts.sq;
  const fill = (text: string) => {
    const filled = text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
    return locale === "sr-cyrl" ? latinToCyrillic(filled) : filled;
  };
  const title = fill(chosen.title);
  return `<!doctype html><html lang="${LANGUAGE_TAG[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${fill(chosen.message)}</p></main></body></html>`;
}

import { describe, expect, it } from "vitest";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { goldenSiteForSuite } from "../golden/golden-site.ts";
import { GOLDEN_URLS } from "../golden/golden-urls.ts";
import { decodeEntities, VOID_ELEMENTS } from "../support/html-text.ts";

/*
 * Issue 15's "Must show": every public page type in sr-cyrl, rendered in-process over the demo
 * content, shows no Latin letters except the allowed exceptions (decision 037): text inside an
 * element whose `lang` says another language (an Albanian settlement name, an English original
 * shown as a fallback), and words the transliteration rules keep in Latin (acronyms, codes, URLs,
 * e-mail addresses, file names, foreign names and the glossary's terms). A Serbian word that missed
 * the transliteration, or a name shown in Latin without its language, fails. The document's <head>
 * is left out: a <title> cannot carry a `lang` of its own, and repeats the page's heading.
 */

const VISIBLE_ATTRIBUTES = ["title", "aria-label", "alt", "placeholder"];

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g))
    attributes.set((m[1] ?? "").toLowerCase(), decodeEntities(m[2] ?? ""));
  return attributes;
}

/** Elements inside a run of text: their text is read with the text around them (a highlighted word stays part of its name). */
const INLINE_ELEMENTS = new Set(["a", "abbr", "b", "code", "em", "i", "mark", "small", "span", "strong", "time"]);

/**
 * The text a reader of the page meets (runs of text and visible attributes), leaving out what is
 * marked as another language. A run goes on through inline elements, so a glossary term split by a
 * highlight (`<mark>Roma</mark> & Ashkalia…`) is read whole, as the reader reads it.
 */
export function readableText(html: string): string[] {
  const body = html
    .replace(/<!--[\s\S]*?-->|<!doctype[^>]*>/gi, "")
    .replace(/<(head|script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
  const stack: { name: string; foreign: boolean }[] = [];
  const out: string[] = [];
  let run = "";
  const endRun = () => {
    if (run) out.push(run);
    run = "";
  };
  let last = 0;
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const foreign = stack.some((e) => e.foreign);
    if (!foreign) run += decodeEntities(body.slice(last, m.index));
    last = m.index + m[0].length;
    const [, closing, rawName = "", rest = "", selfClosing] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.name).lastIndexOf(name);
      const closesForeign = at !== -1 && stack[at]!.foreign;
      if (at !== -1) stack.length = at;
      if (!INLINE_ELEMENTS.has(name) || closesForeign) endRun();
      continue;
    }
    if (name === "!doctype") continue;
    const attributes = attributesOf(rest);
    const lang = attributes.get("lang");
    const isForeign = lang !== undefined && lang !== "" && !/^sr-cyrl\b/i.test(lang);
    if (!INLINE_ELEMENTS.has(name) || isForeign) endRun();
    if (!foreign && !isForeign)
      for (const attribute of VISIBLE_ATTRIBUTES)
        if (attributes.has(attribute)) out.push(attributes.get(attribute) ?? "");
    if (!selfClosing && !VOID_ELEMENTS.has(name)) stack.push({ name, foreign: isForeign });
  }
  endRun();
  return out;
}

/**
 * The words of a page's text in Latin letters that the transliteration rules would not keep in
 * Latin. Each piece of text is run through the rules whole (a glossary term can span words), and
 * the transliteration keeps the spaces, so a word that comes out changed is a leftover.
 */
export function latinLeftovers(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    if (!/\p{Script=Latin}/u.test(text)) continue;
    const shown = text.split(/\s+/);
    const ruled = latinToCyrillic(text).split(/\s+/);
    shown.forEach((word, i) => {
      if (/\p{Script=Latin}/u.test(word) && ruled[i] !== word) found.push(word);
    });
  }
  return found;
}

/** The recorded sr-cyrl URLs that are pages (not files such as the tracking receipt, feeds, or the sign-out and two-factor redirects of a visitor). */
const PAGES = GOLDEN_URLS.filter(
  (url) =>
    url.startsWith("/sr-cyrl/") && !/\.(rss|atom|ics|csv|txt)$|[?&]format=|\.xlsx|\/sign-out$|\/two-factor$/.test(url),
);

const site = goldenSiteForSuite();

describe("the check itself", () => {
  it("finds a Serbian word in Latin, and lets through other languages marked with lang, and kept words", () => {
    const html = `<html lang="sr-Cyrl"><body><p title="Opština">Насеља: Binaj</p><span lang="sq">Binaj Fushë</span><p>JSON, XM-DAC-47066, OpenStreetMap-а, https://example.org</p></body></html>`;
    expect(latinLeftovers(readableText(html))).toEqual(["Opština", "Binaj"]);
  });
  it("reads a name split by a highlight whole, and still finds a Serbian word next to it", () => {
    const glossaryTerm = latinToCyrillic("OpenStreetMap");
    expect(glossaryTerm).toBe("OpenStreetMap");
    expect(latinLeftovers(readableText(`<p><mark>Open</mark><span>StreetMap</span></p>`))).toEqual([]);
    expect(latinLeftovers(readableText(`<p><mark>Open</mark><span>StreetMap</span> opština</p>`))).toEqual(["opština"]);
  });
});

describe("public pages in sr-cyrl show Cyrillic", () => {
  it("covers the public page types", () => {
    expect(PAGES.length).toBeGreaterThan(30);
  });
  it.each(PAGES)("%s", async (url) => {
    const response = await site().fetch(url);
    expect(response.headers.get("content-type") ?? "").toContain("text/html");
    const html = await response.text();
    expect(html).toContain('lang="sr-Cyrl"');
    const leftovers = latinLeftovers(readableText(html));
    if (process.env.CYRL_DUMP)
      (await import("node:fs")).appendFileSync(process.env.CYRL_DUMP, `${url}\t${JSON.stringify(leftovers)}\n`);
    expect(leftovers).toEqual([]);
  });
});

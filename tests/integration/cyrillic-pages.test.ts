import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { latinToCyrillic } from "#app/i18n/transliterate.ts";
import { GOLDEN_NOW, openGoldenSite, type GoldenSite } from "../golden/golden-site.ts";
import { GOLDEN_URLS } from "../golden/golden-urls.ts";

/*
 * Issue 15's "Must show": every public page type in sr-cyrl, rendered in-process over the demo
 * content, shows no Latin letters except the allowed exceptions (decision 037): text inside an
 * element whose `lang` says another language (an Albanian settlement name, an English original
 * shown as a fallback), and words the transliteration rules keep in Latin (acronyms, codes, URLs,
 * e-mail addresses, file names, foreign names and the glossary's terms). A Serbian word that missed
 * the transliteration, or a name shown in Latin without its language, fails. The document's <head>
 * is left out: a <title> cannot carry a `lang` of its own, and repeats the page's heading.
 */

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const VISIBLE_ATTRIBUTES = ["title", "aria-label", "alt", "placeholder"];

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number.parseInt(decimal, 10)))
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attributes.set((m[1] ?? "").toLowerCase(), decodeEntities(m[2] ?? ""));
  return attributes;
}

/** The text a reader of the page meets (text nodes and visible attributes), leaving out what is marked as another language. */
export function readableText(html: string): string[] {
  const body = html.replace(/<!--[\s\S]*?-->|<!doctype[^>]*>/gi, "").replace(/<(head|script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
  const stack: { name: string; foreign: boolean }[] = [];
  const out: string[] = [];
  let last = 0;
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const foreign = stack.some((e) => e.foreign);
    if (!foreign) out.push(decodeEntities(body.slice(last, m.index)));
    last = m.index + m[0].length;
    const [, closing, rawName = "", rest = "", selfClosing] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at !== -1) stack.length = at;
      continue;
    }
    if (name === "!doctype") continue;
    const attributes = attributesOf(rest);
    const lang = attributes.get("lang");
    const isForeign = lang !== undefined && lang !== "" && !/^sr-cyrl\b/i.test(lang);
    if (!foreign && !isForeign) for (const attribute of VISIBLE_ATTRIBUTES) if (attributes.has(attribute)) out.push(attributes.get(attribute) ?? "");
    if (!selfClosing && !VOID_ELEMENTS.has(name)) stack.push({ name, foreign: isForeign });
  }
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
const PAGES = GOLDEN_URLS.filter((url) => url.startsWith("/sr-cyrl/") && !/\.(rss|atom|ics|csv|txt)$|[?&]format=|\.xlsx|\/sign-out$|\/two-factor$/.test(url));

/**
 * Pages that still show content in another language without its `lang` (issue 15 item 3, "fallback
 * notes everywhere", not yet done): they are expected to fail, so the day they are fixed this test
 * says so and the page moves to the checked list.
 */
const KNOWN_UNMARKED: Record<string, string> = {
  "/sr-cyrl/": "an event's place, a plain-text field written in English (Government building…)",
  "/sr-cyrl/events": "an event's place, a plain-text field written in English",
  "/sr-cyrl/services": "a service's address, a plain-text field written in English",
  "/sr-cyrl/projects": "organisation names with only an English name, shown without lang",
  "/sr-cyrl/projects/3w": "organisation names with only an English name, shown without lang",
  "/sr-cyrl/search?q=roma": "snippets of English content without lang (search module)",
};

let site: GoldenSite;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: GOLDEN_NOW });
  site = await openGoldenSite();
}, 300_000);
afterAll(async () => {
  vi.useRealTimers();
  await site?.close();
});

describe("the check itself", () => {
  it("finds a Serbian word in Latin, and lets through other languages marked with lang, and kept words", () => {
    const html = `<html lang="sr-Cyrl"><body><p title="Opština">Насеља: Binaj</p><span lang="sq">Binaj Fushë</span><p>JSON, XM-DAC-47066, OpenStreetMap-а, https://example.org</p></body></html>`;
    expect(latinLeftovers(readableText(html))).toEqual(["Opština", "Binaj"]);
  });
});

describe("public pages in sr-cyrl show Cyrillic", () => {
  it("covers the public page types", () => {
    expect(PAGES.length).toBeGreaterThan(30);
  });
  it("lists only known pages as known exceptions", () => {
    expect(Object.keys(KNOWN_UNMARKED).filter((url) => !PAGES.includes(url))).toEqual([]);
  });
  it.each(PAGES.filter((url) => !(url in KNOWN_UNMARKED)))("%s", async (url) => {
    const response = await site.fetch(url);
    expect(response.headers.get("content-type") ?? "").toContain("text/html");
    const html = await response.text();
    expect(html).toContain('lang="sr-Cyrl"');
    const leftovers = latinLeftovers(readableText(html));
    if (process.env.CYRL_DUMP) (await import("node:fs")).appendFileSync(process.env.CYRL_DUMP, `${url}\t${JSON.stringify(leftovers)}\n`);
    expect(leftovers).toEqual([]);
  });
  it.fails.each(Object.keys(KNOWN_UNMARKED))("%s (known: issue 15 item 3)", async (url) => {
    const html = await (await site.fetch(url)).text();
    expect(latinLeftovers(readableText(html))).toEqual([]);
  });
});

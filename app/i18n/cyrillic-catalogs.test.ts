import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { flattenMessages } from "./catalog.ts";
import { serverResources } from "./catalogs.server.ts";
import { latinToCyrillic } from "./transliterate.ts";

/*
 * Issue 15: "No mixed-script word ever reaches a page". Every word of every interface message in
 * sr-cyrl is written wholly in one script, and a Latin word in it is one the rules keep Latin
 * (decision 037) — a Serbian word the transliteration missed would fail here.
 */

/** The literal text of a parsed ICU message (argument names, keywords and tags left out). */
function literalText(elements: MessageFormatElement[]): string[] {
  const out: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.literal) out.push(element.value);
    else if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) out.push(...literalText(option.value));
    else if (element.type === TYPE.tag) out.push(...literalText(element.children));
  }
  return out;
}

const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /^[\p{Script=Latin}\p{M}]+$/u;
const CYRILLIC = /^[\p{Script=Cyrillic}\p{M}]+$/u;

const messages = Object.entries(serverResources("sr-cyrl")).flatMap(([namespace, resources]) =>
  Object.entries(flattenMessages(resources)).map(([key, message]) => ({ id: `${namespace}:${key}`, message })),
);

describe("the sr-cyrl interface messages", () => {
  it("are all there", () => {
    expect(messages.length).toBeGreaterThan(1000);
  });

  it("have no word that mixes Latin and Cyrillic letters", () => {
    const mixed: string[] = [];
    for (const { id, message } of messages) {
      for (const text of literalText(parse(message, { ignoreTag: false }))) {
        for (const [word] of text.matchAll(WORD))
          if (!LATIN.test(word) && !CYRILLIC.test(word)) mixed.push(`${id}: ${word}`);
      }
    }
    expect(mixed).toEqual([]);
  });

  it("keep only the words in Latin that the rules keep (no Serbian word left untransliterated)", () => {
    const escaped: string[] = [];
    for (const { id, message } of messages) {
      for (const text of literalText(parse(message, { ignoreTag: false }))) {
        for (const token of text.split(/\s+/)) {
          if (/\p{Script=Latin}/u.test(token) && latinToCyrillic(token) !== token) escaped.push(`${id}: ${token}`);
        }
      }
    }
    expect(escaped).toEqual([]);
  });

  it("fails on a mixed word (the check itself works)", () => {
    const word = "Сунфлоwерс";
    expect(LATIN.test(word) || CYRILLIC.test(word)).toBe(false);
  });
});

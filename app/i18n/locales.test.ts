import { describe, expect, it } from "vitest";
import { negotiateLocale, switchLocaleInPath, type Locale } from "./locales.ts";

/** Accept-Language headers (null: none sent), by the locale each one negotiates to. */
const NEGOTIATED: Record<Locale, (string | null)[]> = {
  sq: [
    null,
    "",
    "de-DE,de;q=0.9",
    "sq-AL,sq;q=0.9,en;q=0.8",
    "sq;q=0.9, rom;q=0.5",
    "de;q=1, en;q=0.5, sq;q=0.8",
    "*;q=0.1, garbage;;q=x",
  ],
  en: ["en-GB,en;q=0.9"],
  "sr-cyrl": ["sr-RS,sr;q=0.9", "en;q=0, sr"],
  sr: ["sr-Latn-RS", "hr-HR,hr;q=0.9"],
  bs: ["bs-BA", "bs", "en;q=0.4, bs;q=0.6, tr;q=0.5"],
  tr: ["tr-TR,tr;q=0.9,en;q=0.5", "tr", "de-DE, tr;q=0.7, sq;q=0.6"],
  rom: ["rom", "rmn-XK", "rmy;q=0.9, sq;q=0.8"],
};

describe("negotiateLocale", () => {
  it.each(
    Object.entries(NEGOTIATED).flatMap(([locale, headers]) => headers.map((header) => [header, locale] as const)),
  )("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("switchLocaleInPath", () => {
  it.each([
    ["/sq/municipalities?community=roma", "en", "/en/municipalities?community=roma"],
    ["/sq/", "sr-cyrl", "/sr-cyrl/"],
    ["/sr-cyrl/news/kosint", "sq", "/sq/news/kosint"],
    ["/", "en", "/en/"],
    ["/unknown/page", "sr", "/sr/unknown/page"],
    ["/rom/needs/new?municipality=7", "tr", "/tr/needs/new?municipality=7"],
    ["/tr/", "bs", "/bs/"],
    ["/bs/services", "rom", "/rom/services"],
  ] as const)("%s → %s", (path, target, expected) => {
    expect(switchLocaleInPath(path, target)).toBe(expected);
  });
});

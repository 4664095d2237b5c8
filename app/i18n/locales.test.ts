import { describe, expect, it } from "vitest";
import { negotiateLocale, switchLocaleInPath } from "./locales.ts";

describe("negotiateLocale", () => {
  it.each([
    [null, "sq"],
    ["", "sq"],
    ["de-DE,de;q=0.9", "sq"],
    ["sq-AL,sq;q=0.9,en;q=0.8", "sq"],
    ["en-GB,en;q=0.9", "en"],
    ["sr-RS,sr;q=0.9", "sr-cyrl"],
    ["sr-Latn-RS", "sr"],
    ["bs-BA", "bs"],
    ["bs", "bs"],
    ["hr-HR,hr;q=0.9", "sr"],
    ["tr-TR,tr;q=0.9,en;q=0.5", "tr"],
    ["tr", "tr"],
    ["de-DE, tr;q=0.7, sq;q=0.6", "tr"],
    ["rom", "rom"],
    ["rmn-XK", "rom"],
    ["rmy;q=0.9, sq;q=0.8", "rom"],
    ["sq;q=0.9, rom;q=0.5", "sq"],
    ["en;q=0.4, bs;q=0.6, tr;q=0.5", "bs"],
    ["de;q=1, en;q=0.5, sq;q=0.8", "sq"],
    ["en;q=0, sr", "sr-cyrl"],
    ["*;q=0.1, garbage;;q=x", "sq"],
  ])("%s → %s", (header, expected) => {
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

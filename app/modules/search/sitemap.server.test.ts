import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { PUBLIC_SECTION_PATHS, renderRobots, renderSitemap } from "./sitemap.server.ts";

describe("sitemap", () => {
  const xml = renderSitemap("https://example.org/", [
    { path: "" },
    { path: "library/zakon-o-upotrebi-jezika&more", updatedAt: new Date("2026-11-30T10:00:00Z") },
  ]);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "url" || name === "xhtml:link",
  }).parse(xml);
  const urls: { loc: string; lastmod?: string; "xhtml:link": { "@_hreflang": string; "@_href": string }[] }[] =
    parsed.urlset.url;

  it("lists every page once per locale, with escaped addresses and the date it changed", () => {
    // Each page in the locales' order (sq, sr, sr-cyrl, en, tr, bs, rom), the home page first.
    const everyLocale = (page: string) =>
      ["sq", "sr", "sr-cyrl", "en", "tr", "bs", "rom"].map((locale) => `https://example.org/${locale}/${page}`);
    expect(urls.map((u) => u.loc)).toEqual([
      ...everyLocale(""),
      ...everyLocale("library/zakon-o-upotrebi-jezika&more"),
    ]);
    expect(xml).toContain("zakon-o-upotrebi-jezika&amp;more");
    expect(urls[7]?.lastmod).toBe("2026-11-30T10:00:00.000Z");
    expect(urls[0]?.lastmod).toBeUndefined();
  });

  it("gives each entry its alternates in every language and x-default", () => {
    const links = urls[2]?.["xhtml:link"] ?? [];
    expect(links.map((l) => [l["@_hreflang"], l["@_href"]])).toEqual([
      ["sq", "https://example.org/sq/"],
      ["sr-Latn", "https://example.org/sr/"],
      ["sr-Cyrl", "https://example.org/sr-cyrl/"],
      ["en", "https://example.org/en/"],
      ["tr", "https://example.org/tr/"],
      ["bs", "https://example.org/bs/"],
      ["rom", "https://example.org/rom/"],
      ["x-default", "https://example.org/sq/"],
    ]);
  });

  it("covers the public sections and never the workspace", () => {
    expect(PUBLIC_SECTION_PATHS).toContain("needs/new");
    expect(PUBLIC_SECTION_PATHS.some((p) => p.startsWith("workspace"))).toBe(false);
  });
});

describe("robots.txt", () => {
  it("keeps crawlers out of the workspace and secret addresses, and names the sitemap", () => {
    const robots = renderRobots("https://example.org");
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Disallow: \/sr-cyrl\/workspace$/m);
    expect(robots).toMatch(/^Disallow: \/en\/needs\/track\/$/m);
    expect(robots).not.toMatch(/^Disallow: \/$/m);
    expect(robots).toMatch(/^Sitemap: https:\/\/example\.org\/sitemap\.xml$/m);
  });
});

import type { ComponentType } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#app/db/client.server.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import { PAGE_SECTIONS } from "../../../server/modules.ts";
import { createTestDatabase } from "../../../tests/support/test-database.ts";
import MunicipalitiesIndex, { loader as indexLoader } from "./routes/municipalities-index.tsx";
import MunicipalityDetail, { loader as detailLoader } from "./routes/municipality-detail.tsx";
import { renderRoute } from "../../../tests/support/render-route.tsx";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function renderIndex(locale: Locale, search = ""): Promise<string> {
  const path = `/${locale}/municipalities${search}`;
  const data = await indexLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang: locale },
    context: { db: handle.db },
  } as unknown as Parameters<typeof indexLoader>[0]);
  return renderRoute(locale, path, "/:lang/municipalities", MunicipalitiesIndex as ComponentType, data);
}

async function renderDetail(locale: Locale, segment: string): Promise<string> {
  const path = `/${locale}/municipalities/${segment}`;
  const data = await detailLoader({
    request: new Request(`http://localhost${path}`),
    params: { lang: locale, municipality: segment },
    context: { db: handle.db, pageSections: PAGE_SECTIONS },
  } as unknown as Parameters<typeof detailLoader>[0]);
  return renderRoute(locale, path, "/:lang/municipalities/:municipality", MunicipalityDetail as ComponentType, data);
}

/** Text of the page without tags, to look for untranslated keys. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, " ");
}

describe("municipalities page", () => {
  it("has a map that is a labelled group of links, one per municipality, each named with its share", async () => {
    const html = await renderIndex("en", "?community=serb");
    const svg = /<svg[^>]*role="group"[^>]*>[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg).toMatch(/aria-labelledby="municipality-map-caption"/);
    expect(svg).toMatch(/viewBox="0 0 600 640"/);
    expect(html).toContain('id="municipality-map-caption"');
    const anchors = [...svg.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(anchors).toHaveLength(38);
    expect(anchors.every((a) => /href="\/en\/municipalities\/\d{2}-[a-z-]+"/.test(a))).toBe(true);
    const links = anchors.map((a) => /aria-label="([^"]+)"/.exec(a)?.[1]);
    expect(links).toContain("Leposaviq: 91.2% (8,648 people)");
    expect(links).toContain("Drenas: no members");
    expect(svg.match(/<title>/g)).toHaveLength(38);
    expect(svg).toContain("url(#municipality-map-no-members)");
  });

  it("has a form that works without JavaScript, keeping the choice", async () => {
    const html = await renderIndex("en", "?community=roma&sort=share");
    expect(html).toMatch(/<form [^>]*method="get"/);
    expect(html).toMatch(/<select[^>]*name="community"/);
    expect(html).toMatch(/<option value="roma" selected="">Roma<\/option>/);
    expect(html).toMatch(/<option value="share" selected="">/);
    expect(html).toMatch(/<button[^>]*type="submit"/);
  });

  it("has a table with the same figures, estimate marks and notes", async () => {
    const html = await renderIndex("en");
    expect(html).toMatch(/<caption[^>]*>Population by municipality, census 2024\. Community: Serbs\./);
    expect(html.match(/href="#note-estimate"/g)).toHaveLength(4);
    expect(html.match(/href="#note-2011"/g)).toHaveLength(4);
    expect(html).toContain('id="note-estimate"');
    expect(html).toMatch(/<th scope="row"[^>]*>Kosovo<\/th><td[^>]*><\/td><td[^>]*>1,602,515<\/td>/);
  });

  it.each(LOCALES)("is fully translated in %s", async (locale) => {
    const html = await renderIndex(locale);
    expect(textOf(html)).not.toMatch(/\b(index|detail)\.[a-z]/);
  });
});

describe("municipality page", () => {
  it("gives the official names with their language tags", async () => {
    const html = await renderDetail("en", "38-mitrovice-e-veriut");
    expect(html).toContain('<span lang="sq">Mitrovicë e Veriut</span>');
    expect(html).toContain('<span lang="sr-Latn">Severna Mitrovica</span>');
    expect(html).toContain('<span lang="sr-Cyrl">Северна Митровица</span>');
    expect(html).toContain('<span lang="sq">Mitrovica Veriore</span>');
  });

  it("shows alternative Serbian names in Cyrillic to Cyrillic readers", async () => {
    const html = await renderDetail("sr-cyrl", "01-decan");
    expect(html).toContain('<span lang="sr-Cyrl">Дечани</span>');
  });

  it("embeds the chart in a figure with a caption and the same figures in a table", async () => {
    const html = await renderDetail("en", "20-prizren");
    expect(html).toMatch(
      /<figure[^>]*><div><svg width="100%" role="img" aria-label="Population by community, census 2024: Prizren"/,
    );
    expect(html).toMatch(/<figcaption[^>]*>Population by community, census 2024: Prizren<\/figcaption>/);
    expect(html).toMatch(/<caption[^>]*>Population by community, census 2024: Prizren<\/caption>/);
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Show the \d+ settlements<\/summary>/);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="locator-map-title"/);
  });

  it("explains the estimate in the north", async () => {
    const html = await renderDetail("en", "12-leposaviq");
    expect(html).toContain("includes an estimate");
    expect(html).toContain("The 2011 census was not held in this municipality.");
  });

  it.each(LOCALES)("is fully translated in %s", async (locale) => {
    const html = await renderDetail(locale, "11-mitrovice");
    expect(textOf(html)).not.toMatch(/\b(index|detail|languageName)\.[a-z]/);
  });
});

import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { flattenMessages, parseCatalogPath, type Messages } from "#app/i18n/catalog.ts";
import { catalogFiles, serverResources } from "#app/i18n/catalogs.server.ts";
import { createI18n } from "#app/i18n/i18n.ts";
import { LOCALES, type Locale } from "#app/i18n/locales.ts";
import Translations, { loader } from "./routes/translations.tsx";

type LoaderArgs = Parameters<typeof loader>[0];

function load(locale: Locale) {
  return loader({
    params: { lang: locale },
    request: new Request(`http://localhost/${locale}/translations`),
    context: {},
  } as unknown as LoaderArgs);
}

function render(locale: Locale): string {
  const Stub = createRoutesStub([{ id: "page", path: "/:lang/translations", Component: Translations as never }]);
  return renderToString(
    <I18nextProvider i18n={createI18n(locale, serverResources(locale))}>
      <Stub initialEntries={[`/${locale}/translations`]} hydrationData={{ loaderData: { page: load(locale) } }} />
    </I18nextProvider>,
  );
}

/** Counted here from the catalog files themselves, not through the code under test. */
function countedShare(locale: string): { translated: number; total: number } {
  let translated = 0;
  let total = 0;
  const byNamespace = new Map<string, Record<string, Record<string, string>>>();
  for (const [file, messages] of Object.entries(catalogFiles)) {
    const parsed = parseCatalogPath(file);
    if (!parsed) continue;
    byNamespace.set(parsed.namespace, {
      ...byNamespace.get(parsed.namespace),
      [parsed.locale]: flattenMessages(messages as Messages),
    });
  }
  for (const locales of byNamespace.values()) {
    for (const key of Object.keys(locales.en ?? {})) {
      total += 1;
      if (locales[locale]?.[key]?.trim()) translated += 1;
    }
  }
  return { translated, total };
}

describe("the translation status page", () => {
  it.each(LOCALES)("is fully translated in %s", (locale) => {
    const html = render(locale);
    expect(html).not.toMatch(/translations\.\w+/);
    expect(html).toContain("<h1>");
  });

  it("gives each language's share of translated and reviewed strings, computed from the catalogs", () => {
    const data = load("en");
    const rom = countedShare("rom");
    expect(rom.translated).toBeGreaterThan(300);
    expect(rom.translated).toBeLessThan(rom.total);
    const row = (l: string) => data.languages.find((x) => x.locale === l);
    expect(row("rom")?.translated).toBe(`${((rom.translated / rom.total) * 100).toFixed(1)}%`);
    expect(row("rom")?.counts).toBe(`${rom.translated.toLocaleString("en")} / ${rom.total.toLocaleString("en")}`);
    for (const l of ["sq", "sr", "en", "tr", "bs"]) expect(row(l)?.translated, l).toBe("100.0%");
    // Nobody has reviewed the machine-made translations yet; the platform's own languages are not tracked.
    for (const l of ["tr", "bs", "rom"]) expect(row(l)?.reviewed, l).toBe("0.0%");
    for (const l of ["sq", "sr", "en"]) expect(row(l)?.reviewed, l).toBeNull();
    // Per module too: Romani has the public journeys, not the workspace's modules.
    expect(row("rom")?.modules.find((m) => m.key === "core")?.translated).toBe("100.0%");
    expect(row("rom")?.modules.find((m) => m.key === "planning")?.translated).toBe("0.0%");
    const html = render("en");
    expect(html).toContain("Original language of the platform");
    expect(html).toContain(`${((rom.translated / rom.total) * 100).toFixed(1)}%`);
  });

  it("writes the figures in the reader's language", () => {
    const tr = load("tr").languages.find((x) => x.locale === "rom");
    const rom = countedShare("rom");
    expect(tr?.translated).toBe(`%${((rom.translated / rom.total) * 100).toFixed(1).replace(".", ",")}`);
  });
});

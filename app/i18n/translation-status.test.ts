import { describe, expect, it } from "vitest";
import { catalogTable, missingKeys, translationStatus } from "./translation-status.ts";

// A small world of two modules, written as the catalogs are: nested messages per module and locale.
const table = catalogTable([
  { namespace: "core", locale: "en", messages: { nav: { home: "Home", news: "News" }, skipLink: "Skip" } },
  { namespace: "core", locale: "sq", messages: { nav: { home: "Ballina", news: "Lajme" }, skipLink: "Kalo" } },
  { namespace: "core", locale: "tr", messages: { nav: { home: "Ana sayfa", news: "Haberler" }, skipLink: "" } },
  { namespace: "core", locale: "rom", messages: { nav: { home: "Jekhto rig" } } },
  { namespace: "projects", locale: "en", messages: { index: { title: "Projects" } } },
  { namespace: "projects", locale: "sq", messages: { index: { title: "Projektet" } } },
  { namespace: "projects", locale: "tr", messages: { index: { title: "Projeler" } } },
  { namespace: "reference", locale: "en", messages: {} },
]);

describe("translation status", () => {
  const status = translationStatus(
    table,
    { tr: new Set(["core:nav.home", "projects:index.title", "core:nowhere"]), rom: new Set() },
    ["sq", "tr", "rom"],
  );
  const of = (locale: string) => status.find((s) => s.locale === locale)!;

  it("counts translated strings per module and in all, an empty string as not translated", () => {
    expect(of("tr")).toMatchObject({ total: 4, translated: 3 });
    expect(of("tr").modules).toEqual([
      { namespace: "core", total: 3, translated: 2, reviewed: 1 },
      { namespace: "projects", total: 1, translated: 1, reviewed: 1 },
    ]);
    expect(of("rom")).toMatchObject({ total: 4, translated: 1, reviewed: 0 });
  });

  it("counts only reviewed marks of existing, translated keys, and does not track review for the platform's own languages", () => {
    expect(of("tr").reviewed).toBe(2);
    expect(of("sq")).toMatchObject({ translated: 4, reviewed: null });
  });

  it("leaves out modules without strings", () => {
    expect(of("sq").modules.map((m) => m.namespace)).toEqual(["core", "projects"]);
  });

  it("lists the keys a locale lacks: all of them for Turkish, the public journeys for Romani", () => {
    expect(missingKeys(table, "tr")).toEqual([{ locale: "tr", namespace: "core", key: "skipLink" }]);
    expect(missingKeys(table, "rom").map((m) => `${m.namespace}:${m.key}`)).toEqual(["core:nav.news", "core:skipLink"]);
  });
});

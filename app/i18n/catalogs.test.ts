import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import {
  COMPLETE_CATALOG_LOCALES,
  flattenMessages,
  inRomaniScope,
  parseCatalogPath,
  SOURCE_CATALOG_LOCALE,
  type Messages,
} from "./catalog.ts";
import { catalogFiles, serverResources } from "./catalogs.server.ts";
import { createI18n } from "./i18n.ts";
import { INTL_TAG, LOCALES } from "./locales.ts";
import { messageArguments, translationProblems } from "./message-arguments.ts";

const byNamespace = new Map<string, Map<string, Record<string, string>>>();
for (const [file, messages] of Object.entries(catalogFiles)) {
  const parsed = parseCatalogPath(file);
  if (!parsed) throw new Error(`Catalog file with an unexpected name: ${file}`);
  const locales = byNamespace.get(parsed.namespace) ?? new Map<string, Record<string, string>>();
  locales.set(parsed.locale, flattenMessages(messages as Messages));
  byNamespace.set(parsed.namespace, locales);
}

/** The arguments the platform's own catalogs (sq, sr, en) use for a key: the code passes them. */
function knownArguments(namespace: string, key: string): Set<string> {
  const locales = byNamespace.get(namespace);
  return new Set(
    (["sq", "sr", "en"] as const).flatMap((l) => [...messageArguments(locales?.get(l)?.[key] ?? "").keys()]),
  );
}

describe.each([...byNamespace.keys()])("catalog %s", (namespace) => {
  const locales = byNamespace.get(namespace)!;
  const allKeys = [...new Set([...locales.values()].flatMap((m) => Object.keys(m)))].sort();

  // Albanian, Serbian, English, and since decision 043 Turkish and Bosnian: every key of every module.
  it.each(COMPLETE_CATALOG_LOCALES)("has every key in %s", (locale) => {
    const messages = locales.get(locale);
    expect(messages, `${namespace}/locales/${locale}.json is missing`).toBeDefined();
    const missing = allKeys.filter((key) => !messages?.[key]?.trim());
    expect(missing, `keys missing or empty in ${namespace}/${locale} (npm run i18n:missing lists them all)`).toEqual(
      [],
    );
  });

  // Romani: every key of the public journeys (ROMANI_SCOPE), and no key English does not have.
  it("has every public-journey key in rom", () => {
    const messages = locales.get("rom") ?? {};
    const missing = allKeys.filter((key) => inRomaniScope(namespace, key) && !messages[key]?.trim());
    expect(missing, `public-journey keys missing in ${namespace}/rom`).toEqual([]);
    const source = locales.get(SOURCE_CATALOG_LOCALE) ?? {};
    expect(Object.keys(messages).filter((key) => source[key] === undefined)).toEqual([]);
  });

  it.each(LOCALES)("parses as ICU in %s", (locale) => {
    const resources = serverResources(locale)[namespace] ?? {};
    for (const [key, message] of Object.entries(flattenMessages(resources))) {
      expect(() => new IntlMessageFormat(message, INTL_TAG[locale]), `${namespace}:${key}`).not.toThrow();
    }
  });

  // Every translation keeps the English message's placeholders, used the same way, and gives only
  // the plural forms its language has (Turkish one/other, Bosnian one/few/other), always with other.
  it.each(["sq", "sr", "tr", "bs", "rom"] as const)(
    "keeps the placeholders and plural forms of English in %s",
    (locale) => {
      const source = locales.get(SOURCE_CATALOG_LOCALE) ?? {};
      const categories = new Intl.PluralRules(INTL_TAG[locale]).resolvedOptions().pluralCategories;
      const problems = Object.entries(locales.get(locale) ?? {}).flatMap(([key, message]) =>
        source[key] === undefined
          ? []
          : translationProblems(source[key], message, categories, knownArguments(namespace, key)).map(
              (p) => `${namespace}:${key}: ${p}`,
            ),
      );
      expect(problems).toEqual([]);
    },
  );
});

describe("placeholder and plural checks", () => {
  const bosnian = new Intl.PluralRules("bs").resolvedOptions().pluralCategories;
  const turkish = new Intl.PluralRules("tr").resolvedOptions().pluralCategories;
  it("knows the plural categories of Turkish and Bosnian", () => {
    expect([...turkish].sort()).toEqual(["one", "other"]);
    expect([...bosnian].sort()).toEqual(["few", "one", "other"]);
  });
  it.each([
    [
      "{count, plural, one {# case} other {# cases}}",
      "{count, plural, one {# predmet} few {# predmeta} other {# predmeta}}",
      bosnian,
      [],
    ],
    [
      "{count, plural, one {# case} other {# cases}}",
      "{count, plural, one {# vaka} few {# vaka} other {# vaka}}",
      turkish,
      ["{count} has plural forms the language does not have: few"],
    ],
    [
      "{count, plural, one {# case} other {# cases}}",
      "{count, plural, one {# predmet}}",
      bosnian,
      ["not a valid ICU message"],
    ],
    ["{count, plural, one {# report was} other {# reports were}} approved", "Odobreno: {count}", bosnian, []],
    [
      "Hello {name}",
      "Zdravo {ime}",
      bosnian,
      ["placeholder {name} is missing", "placeholder {ime} is not in the source"],
    ],
    [
      "{days} days",
      "{days, plural, one {# dan} few {# dana} other {# dana}}",
      bosnian,
      ["placeholder {days} is used as plural, the source uses it as text"],
    ],
    ["Page {page}", "Stranica {page", bosnian, ["not a valid ICU message"]],
    [
      "{kind, select, a {A} b {B} other {C}}",
      "{kind, select, a {A} other {C}}",
      turkish,
      ["{kind} lacks the choices b"],
    ],
  ] as const)("%s → %s", (source, target, categories, expected) => {
    const problems = translationProblems(source, target, categories);
    expect(problems.map((p) => p.replace(/ \(.*\)$/, ""))).toEqual(expected);
  });
});

/** Every `t("…")` key written literally in the source, with the namespace it is looked up in. */
function keysUsedInSource(): { file: string; namespace: string; key: string }[] {
  const used: { file: string; namespace: string; key: string }[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
    });
  const namespaces = new Set(byNamespace.keys());
  for (const file of walk(path.resolve("app"))) {
    const source = fs.readFileSync(file, "utf8");
    // Fully qualified keys written as data, e.g. zod messages: "identity:errors.emailRequired".
    for (const m of source.matchAll(/"([a-z]+):([a-zA-Z][\w.]*)"/g)) {
      if (namespaces.has(m[1] ?? ""))
        used.push({ file: path.relative(process.cwd(), file), namespace: m[1] ?? "", key: m[2] ?? "" });
    }
    // const { t } = useTranslation("ns") / const { t: tc } = useTranslation("core")
    const bindings = new Map<string, string>();
    for (const m of source.matchAll(
      /\{\s*t(?:\s*:\s*(\w+))?\s*(?:,[^}]*)?\}\s*=\s*useTranslation\(\s*"([\w-]+)"\s*\)/g,
    )) {
      bindings.set(m[1] ?? "t", m[2] ?? "core");
    }
    for (const [fn, namespace] of bindings) {
      for (const m of source.matchAll(new RegExp(`\\b${fn}\\(\\s*"([\\w.-]+)"`, "g"))) {
        used.push({ file: path.relative(process.cwd(), file), namespace, key: m[1] ?? "" });
      }
    }
  }
  return used;
}

describe("keys used in the code", () => {
  const used = keysUsedInSource();
  it("finds the translation calls", () => {
    expect(used.length).toBeGreaterThan(20);
  });
  it.each(LOCALES)("all exist in %s", (locale) => {
    const i18n = createI18n(locale, serverResources(locale));
    const missing = used
      .filter(({ namespace, key }) => !i18n.exists(key, { ns: namespace }))
      .map((u) => `${u.file}: ${u.namespace}:${u.key}`);
    expect(missing).toEqual([]);
  });
});

describe("Turkish, Bosnian and Romani", () => {
  it("use their own catalogs and plural rules", () => {
    const bs = createI18n("bs", serverResources("bs"));
    expect(bs.t("core:nav.home")).toBe("Početna");
    expect(bs.t("services:index.count", { count: 3, total: "3" })).toBe("3 usluge");
    expect(bs.t("services:index.count", { count: 5, total: "5" })).toBe("5 usluga");
    const tr = createI18n("tr", serverResources("tr"));
    expect(tr.t("core:nav.home")).toBe("Ana sayfa");
    expect(tr.t("services:index.count", { count: 5, total: "5" })).toBe("5 hizmet");
  });
  it("shows Romani where it is translated and Albanian, key by key, where it is not", () => {
    const rom = createI18n("rom", serverResources("rom"));
    expect(rom.t("core:nav.needs")).toBe("Trebujimata");
    const sq = createI18n("sq", serverResources("sq"));
    expect(rom.t("projects:index.title")).toBe(sq.t("projects:index.title"));
    expect(rom.exists("projects:index.title")).toBe(true);
  });
});

describe("Serbian Cyrillic", () => {
  it("is generated from the Latin catalogs", () => {
    const i18n = createI18n("sr-cyrl", serverResources("sr-cyrl"));
    expect(i18n.t("core:nav.home")).toBe("Почетна");
    expect(i18n.t("core:pagination.summary", { from: 1, to: 10, total: "1.234" })).toBe("Приказано 1–10 од 1.234");
  });
  it("uses Serbian plural rules", () => {
    const i18n = createI18n("sr", serverResources("sr"));
    expect(i18n.t("pages:home.figures.nonMajority", { count: 7, share: "5%" })).toContain("7 nevećinskih zajednica");
    expect(i18n.t("pages:home.figures.nonMajority", { count: 3, share: "5%" })).toContain("3 nevećinske zajednice");
  });
});

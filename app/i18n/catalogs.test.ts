import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { flattenMessages, parseCatalogPath, WRITTEN_CATALOG_LOCALES, type Messages } from "./catalog.ts";
import { catalogFiles, serverResources } from "./catalogs.server.ts";
import { createI18n } from "./i18n.ts";
import { LANGUAGE_TAG, LOCALES } from "./locales.ts";

const byNamespace = new Map<string, Map<string, Record<string, string>>>();
for (const [file, messages] of Object.entries(catalogFiles)) {
  const parsed = parseCatalogPath(file);
  if (!parsed) throw new Error(`Catalog file with an unexpected name: ${file}`);
  const locales = byNamespace.get(parsed.namespace) ?? new Map<string, Record<string, string>>();
  locales.set(parsed.locale, flattenMessages(messages as Messages));
  byNamespace.set(parsed.namespace, locales);
}

describe.each([...byNamespace.keys()])("catalog %s", (namespace) => {
  const locales = byNamespace.get(namespace)!;
  const allKeys = [...new Set([...locales.values()].flatMap((m) => Object.keys(m)))].sort();

  it.each(WRITTEN_CATALOG_LOCALES)("has every key in %s", (locale) => {
    const messages = locales.get(locale);
    expect(messages, `${namespace}/locales/${locale}.json is missing`).toBeDefined();
    const missing = allKeys.filter((key) => !messages?.[key]?.trim());
    expect(missing, `keys missing or empty in ${namespace}/${locale}`).toEqual([]);
  });

  it.each(LOCALES)("parses as ICU in %s", (locale) => {
    const resources = serverResources(locale)[namespace] ?? {};
    for (const [key, message] of Object.entries(flattenMessages(resources))) {
      expect(() => new IntlMessageFormat(message, LANGUAGE_TAG[locale]), `${namespace}:${key}`).not.toThrow();
    }
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
      if (namespaces.has(m[1] ?? "")) used.push({ file: path.relative(process.cwd(), file), namespace: m[1] ?? "", key: m[2] ?? "" });
    }
    // const { t } = useTranslation("ns") / const { t: tc } = useTranslation("core")
    const bindings = new Map<string, string>();
    for (const m of source.matchAll(/\{\s*t(?:\s*:\s*(\w+))?\s*(?:,[^}]*)?\}\s*=\s*useTranslation\(\s*"([\w-]+)"\s*\)/g)) {
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
    const missing = used.filter(({ namespace, key }) => !i18n.exists(key, { ns: namespace })).map((u) => `${u.file}: ${u.namespace}:${u.key}`);
    expect(missing).toEqual([]);
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

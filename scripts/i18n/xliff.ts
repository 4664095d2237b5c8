import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SOURCE_CATALOG_LOCALE, type WrittenCatalogLocale } from "#app/i18n/catalog.ts";
import { INTL_TAG, LANGUAGE_TAG } from "#app/i18n/locales.ts";
import { messageArguments, translationProblems } from "#app/i18n/message-arguments.ts";
import {
  isReviewTracked,
  REVIEW_TRACKED_LOCALES,
  type CatalogTable,
  type ReviewTrackedLocale,
} from "#app/i18n/translation-status.ts";

/**
 * XLIFF 2.0 for the catalogs (decision 043): one <file> per module, one <unit> per key, English as
 * the source, the locale as the target, the key in a note, and the review state in the segment's
 * own `state`: `final` (or `reviewed`) for a string a person has reviewed, `translated` for one
 * that is not reviewed, `initial` without a target for one not yet translated.
 */

const XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The tag XLIFF's trgLang gives each locale, and back. */
const TARGET_TAG: Record<ReviewTrackedLocale, string> = {
  tr: LANGUAGE_TAG.tr,
  bs: LANGUAGE_TAG.bs,
  rom: LANGUAGE_TAG.rom,
};

/**
 * The XLIFF document of one locale's catalogs: every module, every source key. `originalOf` names
 * each namespace's catalog file, relative to the project (by default `app/modules/<namespace>/locales/…`).
 */
export function exportXliff(
  table: CatalogTable,
  reviewed: ReadonlySet<string>,
  locale: ReviewTrackedLocale,
  originalOf: (namespace: string) => string = (namespace) => `app/modules/${namespace}/locales/${locale}.json`,
): string {
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="${SOURCE_CATALOG_LOCALE}" trgLang="${TARGET_TAG[locale]}">`,
  ];
  for (const namespace of [...table.keys()].sort()) {
    const source = table.get(namespace)?.get(SOURCE_CATALOG_LOCALE) ?? {};
    const keys = Object.keys(source);
    if (keys.length === 0) continue;
    const target = table.get(namespace)?.get(locale) ?? {};
    lines.push(`  <file id="${escapeXml(namespace)}" original="${escapeXml(originalOf(namespace))}">`);
    for (const key of keys) {
      const full = `${namespace}:${key}`;
      const translation = target[key]?.trim() ? target[key] : undefined;
      const state = translation === undefined ? "initial" : reviewed.has(full) ? "final" : "translated";
      lines.push(`    <unit id="${escapeXml(key)}">`);
      lines.push(`      <notes>`, `        <note category="key">${escapeXml(full)}</note>`, `      </notes>`);
      lines.push(`      <segment state="${state}">`);
      lines.push(`        <source>${escapeXml(source[key] ?? "")}</source>`);
      if (translation !== undefined) lines.push(`        <target>${escapeXml(translation)}</target>`);
      lines.push(`      </segment>`, `    </unit>`);
    }
    lines.push(`  </file>`);
  }
  lines.push(`</xliff>`, "");
  return lines.join("\n");
}

/** One unit read from a translator's file. */
export interface ImportedUnit {
  namespace: string;
  key: string;
  /** The translation, or undefined when the unit has none (not translated). */
  target: string | undefined;
  /** True for `final` and `reviewed`: a person has reviewed the translation. */
  reviewed: boolean;
}

export interface ImportResult {
  locale: ReviewTrackedLocale;
  units: ImportedUnit[];
}

/** A translator's file the catalogs cannot take, with every reason found. */
export class XliffImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`The file cannot be imported:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type XmlNode = Record<string, unknown>;
const asArray = (value: unknown): XmlNode[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as XmlNode[]) : [value as XmlNode];

/** The text of <source>/<target>: plain text only (inline markup is not used by the catalogs). */
function textOf(node: unknown, where: string, problems: string[]): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === "string") return node;
  if (typeof node === "object" && node !== null) {
    const entries = Object.entries(node as XmlNode).filter(([name]) => !name.startsWith("@_"));
    if (entries.length === 0) return "";
    if (entries.length === 1 && entries[0]?.[0] === "#text" && typeof entries[0][1] === "string") return entries[0][1];
  }
  problems.push(
    `${where}: the text contains markup (such as <ph> or <pc>); write the message as plain text with its {placeholders}`,
  );
  return undefined;
}

/**
 * Reads a translator's XLIFF 2.0 file and checks it against the catalogs: the document is XLIFF 2.0
 * from English into a tracked locale; every file is a module and every unit one of its English keys
 * (once); every translation keeps the English message's placeholders, plural and select forms valid
 * for the language. Throws `XliffImportError` with every problem found, so nothing is half-written.
 */
export function readXliff(xml: string, table: CatalogTable): ImportResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new XliffImportError([`the file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: false,
    isArray: (name) => ["file", "unit", "segment", "note"].includes(name),
  });
  const document = parser.parse(xml) as XmlNode;
  const root = document.xliff as XmlNode | undefined;
  if (!root) throw new XliffImportError(["the file is not an XLIFF document (no <xliff> element)"]);
  const problems: string[] = [];
  if (root["@_version"] !== "2.0" || root["@_xmlns"] !== XLIFF_NS)
    problems.push(`only XLIFF 2.0 (version="2.0", xmlns="${XLIFF_NS}") is read`);
  if (root["@_srcLang"] !== SOURCE_CATALOG_LOCALE)
    problems.push(
      `the source language must be "${SOURCE_CATALOG_LOCALE}", the file says "${String(root["@_srcLang"])}"`,
    );
  const trgLang = String(root["@_trgLang"] ?? "");
  const locale = REVIEW_TRACKED_LOCALES.find(
    (l) => TARGET_TAG[l].toLowerCase() === trgLang.toLowerCase() || l === trgLang.toLowerCase(),
  );
  if (!locale || !isReviewTracked(locale))
    throw new XliffImportError([
      ...problems,
      `the target language "${trgLang}" is not one the catalogs import (${REVIEW_TRACKED_LOCALES.join(", ")})`,
    ]);
  const categories = new Intl.PluralRules(INTL_TAG[locale]).resolvedOptions().pluralCategories;
  const units: ImportedUnit[] = [];
  const seen = new Set<string>();
  for (const file of asArray(root.file)) {
    const namespace = String(file["@_id"] ?? "");
    const source = table.get(namespace)?.get(SOURCE_CATALOG_LOCALE);
    if (!source || Object.keys(source).length === 0) {
      problems.push(`<file id="${namespace}">: there is no module "${namespace}"`);
      continue;
    }
    for (const unit of asArray(file.unit)) {
      const key = String(unit["@_id"] ?? "");
      const where = `${namespace}:${key}`;
      if (source[key] === undefined) {
        problems.push(`${where}: unknown key (the English catalog of "${namespace}" has no "${key}")`);
        continue;
      }
      if (seen.has(where)) {
        problems.push(`${where}: the unit appears twice`);
        continue;
      }
      seen.add(where);
      const segments = asArray(unit.segment);
      if (segments.length !== 1) {
        problems.push(`${where}: a unit must have exactly one <segment> (it has ${segments.length})`);
        continue;
      }
      const segment = segments[0] as XmlNode;
      const state = String(segment["@_state"] ?? "initial");
      if (!["initial", "translated", "reviewed", "final"].includes(state))
        problems.push(`${where}: unknown state "${state}"`);
      const target = textOf(segment.target, where, problems);
      const written = target?.trim() ? target : undefined;
      if (written !== undefined) {
        // Arguments the platform's own catalogs already use for the key are ones the code passes.
        const known = new Set(
          (["sq", "sr", "en"] as const).flatMap((l) => [
            ...messageArguments(table.get(namespace)?.get(l)?.[key] ?? "").keys(),
          ]),
        );
        for (const problem of translationProblems(source[key], written, categories, known))
          problems.push(`${where}: ${problem}`);
      }
      if (written === undefined && (state === "reviewed" || state === "final"))
        problems.push(`${where}: marked "${state}" but has no translation`);
      units.push({
        namespace,
        key,
        target: written,
        reviewed: written !== undefined && (state === "reviewed" || state === "final"),
      });
    }
  }
  if (problems.length > 0) throw new XliffImportError(problems);
  return { locale, units };
}

/**
 * The catalogs and review marks after an import: each unit in the file sets (or, without a target,
 * removes) its key and its review mark; keys the file does not mention keep what they had.
 */
export function applyImport(
  table: CatalogTable,
  reviewed: ReadonlySet<string>,
  result: ImportResult,
): { catalogs: Map<string, Record<string, string>>; reviewed: Set<string> } {
  const catalogs = new Map<string, Record<string, string>>();
  for (const [namespace, locales] of table) catalogs.set(namespace, { ...(locales.get(result.locale) ?? {}) });
  const marks = new Set(reviewed);
  for (const unit of result.units) {
    const messages = catalogs.get(unit.namespace) ?? {};
    const full = `${unit.namespace}:${unit.key}`;
    if (unit.target === undefined) delete messages[unit.key];
    else messages[unit.key] = unit.target;
    if (unit.reviewed) marks.add(full);
    else marks.delete(full);
    catalogs.set(unit.namespace, messages);
  }
  return { catalogs, reviewed: marks };
}

export type { WrittenCatalogLocale };

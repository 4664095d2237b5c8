/**
 * The catalogs for translators (decision 043):
 *
 *   npm run i18n:export -- --locale tr [--out file.xlf]   XLIFF 2.0 of a locale (to stdout without --out)
 *   npm run i18n:import -- file.xlf                        a translator's file back into the catalogs
 *   npm run i18n:missing [-- --locale tr]                  the keys tr, bs and rom lack (after a merge)
 *   npm run i18n:normalize                                 rewrite tr, bs and rom in the English key order
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { WrittenCatalogLocale } from "#app/i18n/catalog.ts";
import { isReviewTracked, missingKeys, REVIEW_TRACKED_LOCALES } from "#app/i18n/translation-status.ts";
import {
  catalogPath,
  readCatalogs,
  readReviewed,
  unknownKeys,
  writeCatalog,
  writeReviewed,
} from "./i18n/catalog-files.ts";
import { applyImport, exportXliff, readXliff, XliffImportError } from "./i18n/xliff.ts";

const root = process.cwd();

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function trackedLocale(value: string | undefined): (typeof REVIEW_TRACKED_LOCALES)[number] {
  if (!value || !isReviewTracked(value)) fail(`Give --locale, one of: ${REVIEW_TRACKED_LOCALES.join(", ")}.`);
  return value;
}

function exportCommand(args: string[]): void {
  const { values } = parseArgs({ args, options: { locale: { type: "string" }, out: { type: "string" } } });
  const locale = trackedLocale(values.locale);
  const xml = exportXliff(readCatalogs(root), readReviewed(root, locale), locale, (namespace) =>
    path
      .relative(root, catalogPath(root, namespace, locale))
      .split(path.sep)
      .join("/"),
  );
  if (values.out) {
    fs.writeFileSync(values.out, xml);
    process.stderr.write(`Wrote ${values.out}\n`);
  } else process.stdout.write(xml);
}

function importCommand(args: string[]): void {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file) fail("Give the XLIFF file to import: npm run i18n:import -- file.xlf");
  if (!fs.existsSync(file)) fail(`No such file: ${file}`);
  const table = readCatalogs(root);
  try {
    const result = readXliff(fs.readFileSync(file, "utf8"), table);
    const before = readReviewed(root, result.locale);
    const after = applyImport(table, before, result);
    let changed = 0;
    for (const [namespace, messages] of after.catalogs) {
      const old = table.get(namespace)?.get(result.locale) ?? {};
      const same =
        Object.keys(old).length === Object.keys(messages).length &&
        Object.entries(messages).every(([k, v]) => old[k] === v);
      if (same) continue;
      writeCatalog(root, namespace, result.locale, messages);
      changed += 1;
    }
    writeReviewed(root, result.locale, after.reviewed);
    process.stderr.write(
      `Imported ${result.units.length} units into ${result.locale}: ${changed} module catalogs changed, ${after.reviewed.size} strings reviewed.\n`,
    );
  } catch (error) {
    if (error instanceof XliffImportError) fail(error.message);
    throw error;
  }
}

function missingCommand(args: string[]): void {
  const { values } = parseArgs({ args, options: { locale: { type: "string" } } });
  const locales: WrittenCatalogLocale[] = values.locale ? [trackedLocale(values.locale)] : [...REVIEW_TRACKED_LOCALES];
  const table = readCatalogs(root);
  let total = 0;
  for (const locale of locales) {
    const missing = missingKeys(table, locale);
    const unknown = unknownKeys(table, locale);
    total += missing.length + unknown.length;
    process.stdout.write(`${locale}: ${missing.length} missing, ${unknown.length} not in English\n`);
    for (const m of missing) process.stdout.write(`  missing  ${m.namespace}:${m.key}\n`);
    for (const u of unknown) process.stdout.write(`  unknown  ${u}\n`);
  }
  process.exitCode = total > 0 ? 1 : 0;
}

function normalizeCommand(): void {
  const table = readCatalogs(root);
  for (const locale of REVIEW_TRACKED_LOCALES) {
    const unknown = unknownKeys(table, locale);
    if (unknown.length) fail(`${locale} has keys English does not have:\n${unknown.join("\n")}`);
    for (const [namespace, locales] of table) {
      const messages = locales.get(locale);
      if (messages) writeCatalog(root, namespace, locale, messages);
    }
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === "export") exportCommand(rest);
else if (command === "import") importCommand(rest);
else if (command === "missing") missingCommand(rest);
else if (command === "normalize") normalizeCommand();
else fail("Usage: tsx scripts/i18n.ts export|import|missing|normalize …");

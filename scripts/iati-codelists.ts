/**
 * Compares the IATI codelists shipped in `reference/iati/` with a snapshot of IATI's own codelist
 * repositories (IATI-Codelists for the embedded lists, IATI-Codelists-NonEmbedded for the others),
 * and with `--write` brings the shipped files up to date (decision 039, reference/iati/README.md).
 *
 *   npx tsx scripts/iati-codelists.ts --snapshot <git dir or folder> [--snapshot …] [--write]
 *
 * A snapshot is a bare git directory (read at HEAD with `git show`) or a folder holding `xml/<List>.xml`.
 * Codes and English names come from the snapshot, withdrawn codes included (old files still carry
 * them); for Sector the category too. Currency keeps the ISO 4217 codes IATI has not added yet (the
 * import only uses the list to refuse unknown codes). Prints every difference; exits 1 when there is
 * one and `--write` was not given, so a release check can run it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";

/** One item of an IATI codelist XML file. */
export interface SnapshotItem {
  code: string;
  name: string;
  category: string | null;
  withdrawn: boolean;
}

/** The items of an IATI codelist XML file (`codelist/codelist-items/codelist-item`), English names. */
export function readCodelistXml(xml: string): SnapshotItem[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (name) => name === "codelist-item" || name === "narrative",
    processEntities: true,
  });
  const doc = parser.parse(xml) as {
    codelist?: { "codelist-items"?: { "codelist-item"?: Record<string, unknown>[] } };
  };
  const items = doc.codelist?.["codelist-items"]?.["codelist-item"] ?? [];
  return items.map((item) => {
    const narratives = ((item.name as { narrative?: unknown[] } | undefined)?.narrative ?? []).map((n) =>
      typeof n === "object" && n !== null
        ? {
            text: String((n as Record<string, unknown>)["#text"] ?? ""),
            lang: (n as Record<string, unknown>)["@xml:lang"] as string | undefined,
          }
        : { text: String(n), lang: undefined },
    );
    const english = narratives.find((n) => n.lang === undefined || n.lang === "en") ?? narratives[0];
    return {
      code: String(item.code),
      name: (english?.text ?? "").replace(/\s+/g, " ").trim(),
      category: item.category === undefined ? null : String(item.category),
      withdrawn: item["@status"] === "withdrawn",
    };
  });
}

/** What differs between a shipped list and the snapshot, and the rows the shipped file should have. */
export interface CodelistComparison {
  missing: string[];
  extra: string[];
  renamed: { code: string; shipped: string; snapshot: string }[];
  recategorised: { code: string; shipped: string; snapshot: string }[];
  rows: Record<string, string>[];
}

/**
 * Compares shipped rows (CSV with `code` and possibly `name` and `category`) with the snapshot's
 * items. `keepExtra`: codes the snapshot lacks stay (Currency); otherwise they go.
 */
export function compareCodelist(
  shipped: Record<string, string>[],
  snapshot: SnapshotItem[],
  options: { keepExtra: boolean },
): CodelistComparison {
  const columns = Object.keys(shipped[0] ?? { code: "" });
  const byCode = new Map(shipped.map((r) => [r.code!, r]));
  const theirs = new Map(snapshot.map((i) => [i.code, i]));
  const missing = snapshot.filter((i) => !byCode.has(i.code)).map((i) => i.code);
  const extra = shipped.filter((r) => !theirs.has(r.code!)).map((r) => r.code!);
  const renamed = columns.includes("name")
    ? shipped.flatMap((r) =>
        theirs.has(r.code!) && theirs.get(r.code!)!.name !== r.name
          ? [{ code: r.code!, shipped: r.name ?? "", snapshot: theirs.get(r.code!)!.name }]
          : [],
      )
    : [];
  const recategorised = columns.includes("category")
    ? shipped.flatMap((r) =>
        theirs.get(r.code!)?.category && theirs.get(r.code!)!.category !== r.category
          ? [{ code: r.code!, shipped: r.category ?? "", snapshot: theirs.get(r.code!)!.category! }]
          : [],
      )
    : [];
  const rowOf = (i: SnapshotItem) =>
    Object.fromEntries(
      columns.map((c) => [
        c,
        c === "code"
          ? i.code
          : c === "name"
            ? i.name
            : c === "category"
              ? (i.category ?? "")
              : (byCode.get(i.code)?.[c] ?? ""),
      ]),
    );
  const rows = [...snapshot.map(rowOf), ...(options.keepExtra ? shipped.filter((r) => !theirs.has(r.code!)) : [])].sort(
    (a, b) => a.code!.localeCompare(b.code!, "en", { numeric: true }),
  );
  return { missing, extra, renamed, recategorised, rows };
}

/** A CSV file as the shipped ones are written: header, comma-separated, quoted only when needed. */
export function toCsvText(rows: Record<string, string>[], columns: string[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c] ?? "")).join(","))].join("\n")}\n`;
}

function readSnapshotFile(snapshot: string, list: string): string | null {
  if (fs.existsSync(path.join(snapshot, "xml"))) {
    const file = path.join(snapshot, "xml", `${list}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
  }
  try {
    return execFileSync("git", [`--git-dir=${snapshot}`, "show", `HEAD:xml/${list}.xml`], {
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    }).toString("utf8");
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      snapshot: { type: "string", multiple: true, default: [] },
      write: { type: "boolean", default: false },
      dir: { type: "string", default: path.resolve(import.meta.dirname, "../reference/iati") },
    },
  });
  if (values.snapshot.length === 0)
    throw new Error(
      "Give at least one --snapshot (a clone of IATI/IATI-Codelists or IATI/IATI-Codelists-NonEmbedded).",
    );
  let differences = 0;
  for (const file of fs
    .readdirSync(values.dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()) {
    const list = file.replace(/\.csv$/, "");
    const xml = values.snapshot.map((s) => readSnapshotFile(s, list)).find((x) => x !== null);
    if (!xml) {
      console.log(`${list}: not in the snapshot(s)`);
      continue;
    }
    const text = fs.readFileSync(path.join(values.dir, file), "utf8");
    const shipped = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const snapshot = readCodelistXml(xml);
    const result = compareCodelist(shipped, snapshot, { keepExtra: list === "Currency" });
    const withdrawn = snapshot.filter((i) => i.withdrawn).map((i) => i.code);
    const count =
      result.missing.length +
      (list === "Currency" ? 0 : result.extra.length) +
      result.renamed.length +
      result.recategorised.length;
    differences += count;
    console.log(
      `${list}: ${shipped.length} shipped, ${snapshot.length} in the snapshot (${withdrawn.length} withdrawn${withdrawn.length ? `: ${withdrawn.join(" ")}` : ""})${count === 0 ? " — the same" : ""}`,
    );
    if (result.missing.length) console.log(`  missing here: ${result.missing.join(" ")}`);
    if (result.extra.length)
      console.log(
        `  not in the snapshot: ${result.extra.join(" ")}${list === "Currency" ? " (kept: ISO 4217 codes)" : ""}`,
      );
    for (const r of result.renamed) console.log(`  ${r.code} renamed: "${r.shipped}" → "${r.snapshot}"`);
    for (const r of result.recategorised) console.log(`  ${r.code} category ${r.shipped} → ${r.snapshot}`);
    if (values.write && count > 0)
      fs.writeFileSync(path.join(values.dir, file), toCsvText(result.rows, Object.keys(shipped[0] ?? { code: "" })));
  }
  if (differences > 0 && !values.write) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

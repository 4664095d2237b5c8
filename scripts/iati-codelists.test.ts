import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { compareCodelist, readCodelistXml, toCsvText } from "./iati-codelists.ts";

// Written like IATI-Codelists-NonEmbedded's xml/Sector.xml: names in several languages, a status, a category.
const SECTOR_XML = `<?xml version="1.0" encoding="UTF-8"?>
<codelist name="Sector" xml:lang="en" category-codelist="SectorCategory" complete="1" embedded="0">
  <metadata><name><narrative>DAC 5 Digit Sector</narrative></name></metadata>
  <codelist-items>
    <codelist-item status="active">
      <code>11110</code>
      <name>
        <narrative>Education policy and administrative management</narrative>
        <narrative xml:lang="fr">Politique de l'éducation et gestion administrative</narrative>
      </name>
      <category>111</category>
    </codelist-item>
    <codelist-item status="withdrawn">
      <code>15120</code>
      <name><narrative xml:lang="fr">Gestion des finances publiques</narrative><narrative xml:lang="en">Public sector financial management</narrative></name>
      <category>151</category>
    </codelist-item>
    <codelist-item status="active">
      <code>93010</code>
      <name><narrative>Refugees/asylum seekers  in donor countries &amp; more</narrative></name>
      <category>930</category>
    </codelist-item>
  </codelist-items>
</codelist>`;

describe("IATI codelist comparison (scripts/iati-codelists.ts)", () => {
  it("reads codes, English names (whitespace collapsed, entities decoded), categories and withdrawn status", () => {
    expect(readCodelistXml(SECTOR_XML)).toEqual([
      { code: "11110", name: "Education policy and administrative management", category: "111", withdrawn: false },
      { code: "15120", name: "Public sector financial management", category: "151", withdrawn: true },
      { code: "93010", name: "Refugees/asylum seekers in donor countries & more", category: "930", withdrawn: false },
    ]);
  });

  it("reports missing, extra, renamed and recategorised codes and gives the rows to ship", () => {
    const shipped = [
      { code: "11110", category: "112", name: "Education policy" },
      { code: "99999", category: "999", name: "Invented" },
      { code: "93010", category: "930", name: "Refugees/asylum seekers in donor countries & more" },
    ];
    const result = compareCodelist(shipped, readCodelistXml(SECTOR_XML), { keepExtra: false });
    expect(result.missing).toEqual(["15120"]);
    expect(result.extra).toEqual(["99999"]);
    expect(result.renamed).toEqual([
      { code: "11110", shipped: "Education policy", snapshot: "Education policy and administrative management" },
    ]);
    expect(result.recategorised).toEqual([{ code: "11110", shipped: "112", snapshot: "111" }]);
    expect(result.rows.map((r) => Object.values(r).join("|"))).toEqual([
      "11110|111|Education policy and administrative management",
      "15120|151|Public sector financial management",
      "93010|930|Refugees/asylum seekers in donor countries & more",
    ]);
    // Currency keeps what IATI has not added (ISO 4217 codes), in code order.
    const kept = compareCodelist(
      [{ code: "XUA" }, { code: "AED" }],
      [
        { code: "AED", name: "UAE Dirham", category: null, withdrawn: false },
        { code: "HRK", name: "Kuna", category: null, withdrawn: true },
      ],
      { keepExtra: true },
    );
    expect(kept.rows).toEqual([{ code: "AED" }, { code: "HRK" }, { code: "XUA" }]);
  });

  it("writes CSV the shipped files' way, which reads back the same", () => {
    const rows = [
      { code: "1", name: 'A "quoted", name' },
      { code: "2", name: "Plain" },
    ];
    const text = toCsvText(rows, ["code", "name"]);
    expect(text).toBe('code,name\n1,"A ""quoted"", name"\n2,Plain\n');
    expect(parse(text, { columns: true })).toEqual(rows);
  });

  it("the shipped Sector list gives every code a known category (the import maps codes through it)", () => {
    const dir = path.resolve(import.meta.dirname, "../reference/iati");
    const categories = new Set(
      (parse(fs.readFileSync(path.join(dir, "SectorCategory.csv")), { columns: true }) as { code: string }[]).map(
        (r) => r.code,
      ),
    );
    const sectors = parse(fs.readFileSync(path.join(dir, "Sector.csv")), { columns: true }) as {
      code: string;
      category: string;
    }[];
    expect(sectors.length).toBeGreaterThanOrEqual(325);
    expect(sectors.filter((s) => !categories.has(s.category) || !s.code.startsWith(s.category))).toEqual([]);
  });
});

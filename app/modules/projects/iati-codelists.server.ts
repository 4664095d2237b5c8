import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { referenceFolder } from "#app/db/reference-folder.server.ts";

/*
 * The IATI codelists the import and export rely on, read from `reference/iati/` (files with their
 * source and licence, see its README), and how OECD DAC sector codes map onto the platform's
 * sectors (decision 027).
 */

const codelistDir =
  referenceFolder("iati", import.meta.url, "Sector.csv") ?? new URL("../../../reference/iati/", import.meta.url);

function readCodelist(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(new URL(file, codelistDir)), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

/** A code and its English name, as in an IATI codelist. */
export interface CodelistEntry {
  code: string;
  name: string;
}

interface Codelists {
  sectors: Map<string, { category: string; name: string }>;
  sectorCategories: Map<string, string>;
  organisationTypes: Map<string, string>;
  sectorVocabularies: Map<string, string>;
  currencies: Set<string>;
}

let loaded: Codelists | null = null;

/** The codelists, read once per process. */
export function iatiCodelists(): Codelists {
  loaded ??= {
    sectors: new Map(readCodelist("Sector.csv").map((r) => [r.code!, { category: r.category!, name: r.name! }])),
    sectorCategories: new Map(readCodelist("SectorCategory.csv").map((r) => [r.code!, r.name!])),
    organisationTypes: new Map(readCodelist("OrganisationType.csv").map((r) => [r.code!, r.name!])),
    sectorVocabularies: new Map(readCodelist("SectorVocabulary.csv").map((r) => [r.code!, r.name!])),
    currencies: new Set(readCodelist("Currency.csv").map((r) => r.code!)),
  };
  return loaded;
}

/** The IATI OrganisationType codes and names, for the "create organisation" choice of the import. */
export function organisationTypeEntries(): CodelistEntry[] {
  return [...iatiCodelists().organisationTypes].map(([code, name]) => ({ code, name }));
}

/** The sector a DAC code without a platform sector goes to. */
export const OTHER_SECTOR = "other";

/**
 * Platform sector of each DAC 3-digit category; a category left out has no platform sector.
 * Checked against the platform's sector list by a test.
 */
const SECTOR_BY_CATEGORY: Record<string, string> = {
  "111": "education",
  "112": "education",
  "113": "education",
  "114": "education",
  "121": "health",
  "122": "health",
  "123": "health",
  "130": "health",
  "140": "housing",
  "152": "security",
  "160": "employment_social_welfare",
  "240": "economic_development",
  "250": "economic_development",
  "311": "economic_development",
  "312": "economic_development",
  "313": "economic_development",
  "321": "economic_development",
  "322": "economic_development",
  "323": "economic_development",
  "331": "economic_development",
  "332": "economic_development",
  "520": "employment_social_welfare",
  "730": "return_reintegration",
  "930": "return_reintegration",
};

/** 5-digit codes whose platform sector differs from their category's (or whose category has none). */
const SECTOR_BY_PURPOSE: Record<string, string> = {
  "15130": "security",
  "15131": "security",
  "15132": "security",
  "15134": "security",
  "15135": "non_discrimination",
  "15136": "civil_registration",
  "15137": "security",
  "15150": "participation",
  "15151": "participation",
  "15152": "participation",
  "15153": "culture_media",
  "15160": "non_discrimination",
  "15170": "non_discrimination",
  "15180": "non_discrimination",
  "15185": "participation",
  "15190": "return_reintegration",
  "16030": "housing",
  "16040": "housing",
  "16061": "culture_media",
  "16063": "security",
  "16064": "health",
  "16065": "culture_media",
  "16066": "culture_media",
  "22030": "culture_media",
  "43030": "housing",
  "43031": "housing",
  "43032": "housing",
  "43040": "economic_development",
  "43041": "economic_development",
  "43042": "economic_development",
  "43050": "economic_development",
  "43071": "employment_social_welfare",
  "43072": "employment_social_welfare",
  "43081": "education",
  "72012": "education",
  "72011": "health",
};

/** The platform sectors the mapping may give (a test checks them against the sector table). */
export const MAPPED_PLATFORM_SECTORS = [
  ...new Set([...Object.values(SECTOR_BY_CATEGORY), ...Object.values(SECTOR_BY_PURPOSE), OTHER_SECTOR]),
].sort();

/** How one `sector` element of a file reads. */
export type SectorReading =
  | { kind: "mapped"; sector: string }
  | { kind: "unmapped"; name: string }
  | { kind: "unknownCode" }
  | { kind: "notDac"; vocabularyName: string | null };

/**
 * The platform sector of a DAC code: vocabulary 1 (5 digits) by the code, then by its category;
 * vocabulary 2 (3 digits) by the category. A known code without a platform sector is "unmapped",
 * a code not in the DAC lists "unknownCode", another vocabulary "notDac" (SDG goals, the
 * reporting organisation's own codes…): the import turns the last three into warnings and "other".
 */
export function readDacSector(vocabulary: string, code: string): SectorReading {
  const lists = iatiCodelists();
  if (vocabulary === "1") {
    const entry = lists.sectors.get(code);
    if (!entry) return { kind: "unknownCode" };
    const sector = SECTOR_BY_PURPOSE[code] ?? SECTOR_BY_CATEGORY[entry.category];
    return sector ? { kind: "mapped", sector } : { kind: "unmapped", name: entry.name };
  }
  if (vocabulary === "2") {
    const name = lists.sectorCategories.get(code);
    if (!name) return { kind: "unknownCode" };
    const sector = SECTOR_BY_CATEGORY[code];
    return sector ? { kind: "mapped", sector } : { kind: "unmapped", name };
  }
  return { kind: "notDac", vocabularyName: lists.sectorVocabularies.get(vocabulary) ?? null };
}

/** True for an ISO 4217 code of the IATI Currency codelist. */
export function isKnownCurrency(code: string): boolean {
  return iatiCodelists().currencies.has(code);
}

/** True for a code of the IATI OrganisationType codelist. */
export function isOrganisationTypeCode(code: string): boolean {
  return iatiCodelists().organisationTypes.has(code);
}

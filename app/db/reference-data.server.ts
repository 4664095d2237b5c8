import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import type { Database, TranslatedText } from "./schema.ts";
import { referenceFolder } from "./reference-folder.server.ts";

const referenceDir =
  referenceFolder("kosovo", import.meta.url, "kosovo_municipalities.csv") ??
  new URL("../../reference/kosovo/", import.meta.url);

/** The census communities in the order of the statistics agency's tables. */
export const COMMUNITIES: { code: string; column: string; name: TranslatedText; isMajority?: boolean }[] = [
  {
    code: "albanian",
    column: "eth2024_albanian",
    name: { sq: "Shqiptarë", sr: "Albanci", en: "Albanians" },
    isMajority: true,
  },
  { code: "serb", column: "eth2024_serb", name: { sq: "Serbë", sr: "Srbi", en: "Serbs" } },
  { code: "bosniak", column: "eth2024_bosniak", name: { sq: "Boshnjakë", sr: "Bošnjaci", en: "Bosniaks" } },
  { code: "turkish", column: "eth2024_turkish", name: { sq: "Turq", sr: "Turci", en: "Turks" } },
  { code: "roma", column: "eth2024_roma", name: { sq: "Romë", sr: "Romi", en: "Roma" } },
  { code: "ashkali", column: "eth2024_ashkali", name: { sq: "Ashkali", sr: "Aškalije", en: "Ashkali" } },
  { code: "egyptian", column: "eth2024_egyptian", name: { sq: "Egjiptianë", sr: "Egipćani", en: "Egyptians" } },
  { code: "gorani", column: "eth2024_gorani", name: { sq: "Goranë", sr: "Goranci", en: "Gorani" } },
  { code: "other", column: "eth2024_other", name: { sq: "Të tjerë", sr: "Ostali", en: "Others" } },
  {
    code: "not_declared",
    column: "eth2024_not_declared",
    name: { sq: "Të padeklaruar", sr: "Neizjašnjeni", en: "Not declared" },
  },
];

/** Sectors used by strategies, projects, cases and documents. */
export const SECTORS: { code: string; name: TranslatedText }[] = [
  { code: "education", name: { sq: "Arsimi", sr: "Obrazovanje", en: "Education" } },
  {
    code: "employment_social_welfare",
    name: {
      sq: "Punësimi dhe mirëqenia sociale",
      sr: "Zapošljavanje i socijalna zaštita",
      en: "Employment and social welfare",
    },
  },
  { code: "health", name: { sq: "Shëndetësia", sr: "Zdravstvo", en: "Health" } },
  { code: "housing", name: { sq: "Strehimi", sr: "Stanovanje", en: "Housing" } },
  {
    code: "civil_registration",
    name: {
      sq: "Regjistrimi civil dhe dokumentet",
      sr: "Civilna registracija i dokumenta",
      en: "Civil registration and documents",
    },
  },
  {
    code: "participation",
    name: { sq: "Pjesëmarrja dhe përfaqësimi", sr: "Učešće i zastupljenost", en: "Participation and representation" },
  },
  {
    code: "culture_media",
    name: { sq: "Kultura, gjuha dhe media", sr: "Kultura, jezik i mediji", en: "Culture, language and media" },
  },
  { code: "security", name: { sq: "Siguria dhe drejtësia", sr: "Bezbednost i pravda", en: "Security and justice" } },
  {
    code: "return_reintegration",
    name: { sq: "Kthimi dhe riintegrimi", sr: "Povratak i reintegracija", en: "Return and reintegration" },
  },
  {
    code: "economic_development",
    name: { sq: "Zhvillimi ekonomik", sr: "Ekonomski razvoj", en: "Economic development" },
  },
  {
    code: "non_discrimination",
    name: {
      sq: "Mosdiskriminimi dhe të drejtat e njeriut",
      sr: "Nediskriminacija i ljudska prava",
      en: "Non-discrimination and human rights",
    },
  },
];

/** Kinds of organisation in the actor directory. */
export const ORGANISATION_TYPES: { code: string; name: TranslatedText }[] = [
  { code: "government_office", name: { sq: "Zyrë qeveritare", sr: "Vladina kancelarija", en: "Government office" } },
  { code: "ministry", name: { sq: "Ministri", sr: "Ministarstvo", en: "Ministry" } },
  { code: "agency", name: { sq: "Agjenci", sr: "Agencija", en: "Agency" } },
  {
    code: "municipality_office",
    name: {
      sq: "Zyrë komunale për komunitete dhe kthim",
      sr: "Opštinska kancelarija za zajednice i povratak",
      en: "Municipal office for communities and returns",
    },
  },
  { code: "municipal_committee", name: { sq: "Komitet komunal", sr: "Opštinski komitet", en: "Municipal committee" } },
  { code: "donor", name: { sq: "Donator", sr: "Donator", en: "Donor" } },
  {
    code: "international_organisation",
    name: { sq: "Organizatë ndërkombëtare", sr: "Međunarodna organizacija", en: "International organisation" },
  },
  {
    code: "cso",
    name: {
      sq: "Organizatë e shoqërisë civile",
      sr: "Organizacija civilnog društva",
      en: "Civil society organisation",
    },
  },
  { code: "other", name: { sq: "Tjetër", sr: "Ostalo", en: "Other" } },
];

type CsvRow = Record<string, string>;

/** A CSV file of the reference data (`reference/kosovo/`), one record per row keyed by its header. */
export function readCsv(file: string): CsvRow[] {
  return parse(fs.readFileSync(new URL(file, referenceDir)), { columns: true, skip_empty_lines: true }) as CsvRow[];
}

/** URL-safe ASCII slug of a name: "Fushë Kosovë" → "fushe-kosove". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "dj")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function toInt(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const parsed = Number.parseInt(value, 10);
  if (!Number.isFinite(parsed)) throw new Error(`Not a whole number in the reference data: ${value}`);
  return parsed;
}

function requiredInt(value: string | undefined, what: string): number {
  const parsed = toInt(value);
  if (parsed === null) throw new Error(`Missing ${what} in the reference data.`);
  return parsed;
}

interface BoundaryFeature {
  type: "Feature";
  properties: { kas_code: string };
  geometry: unknown;
}

/**
 * Loads the Kosovo reference data shipped in `reference/kosovo/` (municipalities with census
 * figures and boundaries, settlements, communities, sectors, organisation types). Idempotent
 * only on an empty schema: it is run once, by a migration.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("community")
    .values(
      COMMUNITIES.map((c, i) => ({
        code: c.code,
        name: c.name,
        sort_order: i + 1,
        is_majority: c.isMajority ?? false,
      })),
    )
    .execute();
  await db
    .insertInto("sector")
    .values(SECTORS.map((s, i) => ({ code: s.code, name: s.name, sort_order: i + 1 })))
    .execute();
  await db
    .insertInto("organisation_type")
    .values(ORGANISATION_TYPES.map((t, i) => ({ code: t.code, name: t.name, sort_order: i + 1 })))
    .execute();

  const geojson = JSON.parse(
    fs.readFileSync(new URL("kosovo_municipalities_simplified.geojson", referenceDir), "utf8"),
  ) as {
    type: "FeatureCollection";
    features: BoundaryFeature[];
  };
  const boundaries = new Map(geojson.features.map((f) => [f.properties.kas_code, f.geometry]));

  const rows = readCsv("kosovo_municipalities.csv");
  if (rows.length !== 38) throw new Error(`Expected 38 municipalities, found ${rows.length}.`);
  await db
    .insertInto("municipality")
    .values(
      rows.map((row) => {
        const kasCode = row.kas_code ?? "";
        const boundary = boundaries.get(kasCode);
        if (!boundary) throw new Error(`No boundary for municipality ${kasCode}.`);
        return {
          kas_code: kasCode,
          slug: slugify(row.name_sq ?? kasCode),
          name_sq: row.name_sq ?? "",
          name_sr: row.name_sr_latn ?? "",
          name_sr_cyrl: row.name_sr_cyrl ?? "",
          name_alt: row.name_alt?.trim() ? row.name_alt : null,
          district: { sq: row.district_sq ?? "", sr: row.district_sr_latn ?? "", en: row.district_en ?? "" },
          pop_2011: toInt(row.pop_2011),
          pop_2024: requiredInt(row.pop_2024, "pop_2024"),
          pop_2024_enumerated: requiredInt(row.pop_2024_enumerated, "pop_2024_enumerated"),
          pop_2024_is_estimate: row.pop_2024_includes_kas_estimate === "true",
          boundary,
        };
      }),
    )
    .execute();

  await db
    .insertInto("municipality_population")
    .values(
      rows.flatMap((row) =>
        COMMUNITIES.map((c) => ({
          kas_code: row.kas_code ?? "",
          community_code: c.code,
          year: 2024,
          population: requiredInt(row[c.column], c.column),
        })),
      ),
    )
    .execute();

  const settlements = readCsv("kosovo_settlements_geonames_2012.csv").map((row) => ({
    id: requiredInt(row.geonameid, "geonameid"),
    kas_code: row.kas_code ?? "",
    name: row.name ?? "",
    name_ascii: row.asciiname ?? "",
    name_cyrl: row.names_cyrillic?.trim() ? (row.names_cyrillic.split("|")[0] ?? null) : null,
    alternate_names: row.alternatenames ?? "",
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    feature_code: row.feature_code ?? "",
  }));
  for (let i = 0; i < settlements.length; i += 500) {
    await db
      .insertInto("settlement")
      .values(settlements.slice(i, i + 500))
      .execute();
  }
}

import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { referenceFolder } from "#app/db/reference-folder.server.ts";
import { geoContains, type GeoPermissibleObjects } from "d3-geo";
import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ProjectDisaggregation } from "#app/db/tables/projects.ts";
import { orientForD3, type Boundary } from "#app/modules/municipalities/municipality-map.server.ts";
import { normaliseForSearch } from "#app/services/search-index.server.ts";
import { PLATFORM_ORGANISATION_PREFIX } from "./public-projects.queries.server.ts";

/*
 * How the import recognises what a donor's file names (decision 027): organisations by identifier,
 * then by name or acronym in any language and script, then near matches for the importer to
 * confirm; municipalities by any name, combined "Gjakovë / Đakovica" forms, settlement names,
 * GeoNames codes and point coordinates; dimension names and values of results.
 */

/** A name compared without case, diacritics, script, punctuation or a leading article. */
export function normaliseName(text: string): string {
  return normaliseForSearch(text)
    .replace(/[‐-―\-_.,;:'"’“”!?&+/\\()[\]{}]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** A name split into the name itself and the acronym a publisher wrote in parentheses after it. */
export function splitAcronym(name: string): { name: string; acronym: string | null } {
  const match = /^(.*?)\s*\(([^()]{2,15})\)\s*$/.exec(name.trim());
  if (!match || !match[1]) return { name: name.trim(), acronym: null };
  return { name: match[1].trim(), acronym: match[2]!.trim() };
}

/** An organisation of the registry as the matcher sees it. */
export interface RegistryOrganisation {
  id: number;
  slug: string;
  name: TranslatedText;
  acronym: string | null;
  iatiIdentifier: string | null;
}

/** A near match proposed to the importer. */
export interface NearMatch {
  organisationId: number;
  name: string;
  score: number;
}

/** The organisations of the registry indexed by identifier, name and acronym. */
export class OrganisationIndex {
  private readonly byRef = new Map<string, number>();
  private readonly byName = new Map<string, Set<number>>();
  private readonly byAcronym = new Map<string, Set<number>>();
  readonly organisations: Map<number, RegistryOrganisation>;

  constructor(organisations: RegistryOrganisation[]) {
    this.organisations = new Map(organisations.map((o) => [o.id, o]));
    for (const o of organisations) {
      if (o.iatiIdentifier) this.byRef.set(o.iatiIdentifier.toUpperCase(), o.id);
      this.byRef.set(`${PLATFORM_ORGANISATION_PREFIX}${o.slug}`.toUpperCase(), o.id);
      for (const [key, value] of Object.entries(o.name)) {
        if (key === "machine" || typeof value !== "string" || !value.trim()) continue;
        const split = splitAcronym(value);
        add(this.byName, normaliseName(split.name), o.id);
        if (split.acronym) add(this.byAcronym, normaliseName(split.acronym), o.id);
      }
      if (o.acronym) add(this.byAcronym, normaliseName(o.acronym), o.id);
    }
  }

  /** The organisation with this identifier (case ignored), if any. */
  findByRef(ref: string): number | undefined {
    return this.byRef.get(ref.trim().toUpperCase());
  }

  /**
   * The one organisation a name points to: its name without the parenthesised acronym in any
   * language, else the acronym (in parentheses or the whole name). Ambiguous names match nothing.
   * An organisation recorded with another identifier than the file's is not the same one.
   */
  findByName(names: string[], ref: string | null): number | undefined {
    const compatible = (id: number) => {
      const recorded = this.organisations.get(id)?.iatiIdentifier;
      return !ref || !recorded || recorded.toUpperCase() === ref.toUpperCase();
    };
    const unique = (ids: Set<number> | undefined) => {
      const usable = [...(ids ?? [])].filter(compatible);
      return usable.length === 1 ? usable[0] : undefined;
    };
    for (const name of names) {
      const split = splitAcronym(name);
      const byName = unique(this.byName.get(normaliseName(split.name)));
      if (byName !== undefined) return byName;
    }
    for (const name of names) {
      const split = splitAcronym(name);
      const acronym = split.acronym ?? (/^\S{2,12}$/.test(split.name) ? split.name : null);
      const byAcronym = acronym ? unique(this.byAcronym.get(normaliseName(acronym))) : undefined;
      if (byAcronym !== undefined) return byAcronym;
    }
    return undefined;
  }

  /** The names the near-match query compares, one row per organisation and language. */
  comparableNames(): { id: number; name: string }[] {
    return [...this.organisations.values()].flatMap((o) =>
      Object.entries(o.name).flatMap(([key, value]) =>
        key !== "machine" && typeof value === "string" && value.trim()
          ? [{ id: o.id, name: normaliseName(splitAcronym(value).name) }]
          : [],
      ),
    );
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  if (!key) return;
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

/** Loads the registry's organisations for matching (one query). */
export async function loadOrganisationIndex(db: Db): Promise<OrganisationIndex> {
  const rows = await db
    .selectFrom("organisation")
    .select(["id", "slug", "name", "acronym", "iati_identifier"])
    .execute();
  return new OrganisationIndex(
    rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, acronym: r.acronym, iatiIdentifier: r.iati_identifier })),
  );
}

/** Similarity from which a registry organisation is proposed for an unmatched name. */
const NEAR_MATCH_THRESHOLD = 0.45;

/**
 * Near matches (pg_trgm similarity of normalised names) for every unmatched name at once: one
 * query whatever the number of names; the best three per name.
 */
export async function findNearMatches(
  db: Db,
  index: OrganisationIndex,
  unmatched: { key: string; name: string }[],
): Promise<Map<string, NearMatch[]>> {
  const out = new Map<string, NearMatch[]>();
  const candidates = index.comparableNames();
  const wanted = unmatched
    .map((u) => ({ key: u.key, name: normaliseName(splitAcronym(u.name).name) }))
    .filter((u) => u.name.length >= 3);
  if (wanted.length === 0 || candidates.length === 0) return out;
  const rows = await sql<{ key: string; id: number; score: number }>`
    select u.key, r.id, max(similarity(u.name, r.name))::real as score
    from unnest(${wanted.map((w) => w.key)}::text[], ${wanted.map((w) => w.name)}::text[]) as u(key, name)
    cross join unnest(${candidates.map((c) => c.id)}::int[], ${candidates.map((c) => c.name)}::text[]) as r(id, name)
    where similarity(u.name, r.name) >= ${NEAR_MATCH_THRESHOLD}
    group by u.key, r.id
    order by u.key, score desc, r.id`.execute(db);
  for (const row of rows.rows) {
    const list = out.get(row.key) ?? [];
    if (list.length >= 3) continue;
    const o = index.organisations.get(row.id);
    list.push({
      organisationId: row.id,
      name: o?.name.en ?? o?.name.sq ?? o?.name.sr ?? o?.slug ?? String(row.id),
      score: Math.round(Number(row.score) * 100) / 100,
    });
    out.set(row.key, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Locations

const kosovoReference = referenceFolder("kosovo", import.meta.url, "kosovo_municipalities.csv");

/** English names of the municipalities (geoBoundaries) by KAS code, read from the reference data. */
function englishMunicipalityNames(): Map<string, string> {
  if (!kosovoReference) return new Map();
  const rows = parse(fs.readFileSync(new URL("kosovo_municipalities.csv", kosovoReference)), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return new Map(rows.map((r) => [r.kas_code ?? "", r.name_en_geoboundaries ?? ""]));
}

/** Names commonly written in English reports that no reference column holds. */
const EXTRA_MUNICIPALITY_NAMES: Record<string, string[]> = {
  "19": ["Pristina", "Prishtina"],
  "38": ["North Mitrovica", "Mitrovica North", "Mitrovica Veriore", "Mitrovicë Veriore", "Северна Косовска Митровица"],
  "11": ["South Mitrovica", "Mitrovica South", "Mitrovica e Jugut"],
  "33": ["Hani i Elezit", "Elez Han", "General Jankovic"],
};

/** The Albanian definite form of a name ("Gjakovë" → "Gjakova", "Gjilan" is left as it is). */
function definiteForms(name: string): string[] {
  const words = name.split(" ");
  const out: string[] = [];
  const last = words.length - 1;
  if (/ë$/.test(words[last]!)) out.push([...words.slice(0, last), words[last]!.replace(/ë$/, "a")].join(" "));
  if (words.length > 1 && /ë$/.test(words[0]!)) out.push([words[0]!.replace(/ë$/, "a"), ...words.slice(1)].join(" "));
  return out;
}

/** The parts of a written location name worth trying: the whole, and each side of "/", "," or " - ". */
export function locationNameParts(text: string): string[] {
  const whole = text.trim();
  const parts = whole
    .replace(/\([^)]*\)/g, " ")
    .split(/\s*(?:\/|,|;|\s[-–—]\s|\|)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return [...new Set([whole, ...parts])];
}

/** Municipalities, settlements and boundaries indexed for recognising locations. */
export class LocationIndex {
  private readonly municipalityByName = new Map<string, Set<string>>();
  private readonly settlementByName = new Map<string, Set<string>>();
  private readonly settlementById = new Map<string, string>();
  private readonly boundaries: { kasCode: string; shape: GeoPermissibleObjects }[];
  readonly municipalityNames: Map<string, string>;

  constructor(
    municipalities: {
      kasCode: string;
      nameSq: string;
      nameSr: string;
      nameSrCyrl: string;
      nameAlt: string | null;
      boundary: unknown;
    }[],
    settlements: {
      id: number;
      kasCode: string;
      name: string;
      nameAscii: string;
      nameCyrl: string | null;
      alternateNames: string;
    }[],
  ) {
    const english = englishMunicipalityNames();
    this.municipalityNames = new Map(municipalities.map((m) => [m.kasCode, m.nameSq]));
    for (const m of municipalities) {
      const names = [
        m.nameSq,
        m.nameSr,
        m.nameSrCyrl,
        english.get(m.kasCode) ?? "",
        ...(EXTRA_MUNICIPALITY_NAMES[m.kasCode] ?? []),
        ...definiteForms(m.nameSq),
      ];
      if (m.nameAlt) {
        for (const part of m.nameAlt.replace(/\([^)]*\)/g, "").split(/[;/]/)) names.push(part.trim());
      }
      for (const name of names) add(this.municipalityByName, normaliseName(name), m.kasCode);
    }
    for (const s of settlements) {
      this.settlementById.set(String(s.id), s.kasCode);
      for (const name of [s.name, s.nameAscii, s.nameCyrl ?? "", ...s.alternateNames.split("|")])
        add(this.settlementByName, normaliseName(name), s.kasCode);
    }
    this.boundaries = municipalities.map((m) => ({
      kasCode: m.kasCode,
      shape: orientForD3(m.boundary as Boundary) as GeoPermissibleObjects,
    }));
  }

  /** The municipality a name or combined name points to, or the municipalities it could be. */
  byName(text: string): { kasCode: string; via: "municipality" | "settlement" } | { ambiguous: string[] } | null {
    const parts = locationNameParts(text);
    for (const part of parts) {
      const found = this.municipalityByName.get(normaliseName(part));
      if (found?.size === 1) return { kasCode: [...found][0]!, via: "municipality" };
    }
    for (const part of parts) {
      const found = this.settlementByName.get(normaliseName(part));
      if (found?.size === 1) return { kasCode: [...found][0]!, via: "settlement" };
      if (found && found.size > 1) return { ambiguous: [...found].sort() };
    }
    return null;
  }

  /** The municipality of a GeoNames id (a settlement of the reference data). */
  byGeonamesId(id: string): string | null {
    return this.settlementById.get(id.trim()) ?? null;
  }

  /** The municipality whose boundary contains the point (longitude, latitude), if any. */
  byPoint(longitude: number, latitude: number): string | null {
    for (const b of this.boundaries) if (geoContains(b.shape, [longitude, latitude])) return b.kasCode;
    return null;
  }
}

/** Loads municipalities (with boundaries) and settlements for recognising locations (two queries). */
export async function loadLocationIndex(db: Db): Promise<LocationIndex> {
  const [municipalities, settlements] = await Promise.all([
    db
      .selectFrom("municipality")
      .select(["kas_code", "name_sq", "name_sr", "name_sr_cyrl", "name_alt", "boundary"])
      .execute(),
    db
      .selectFrom("settlement")
      .select(["id", "kas_code", "name", "name_ascii", "name_cyrl", "alternate_names"])
      .execute(),
  ]);
  return new LocationIndex(
    municipalities.map((m) => ({
      kasCode: m.kas_code,
      nameSq: m.name_sq,
      nameSr: m.name_sr,
      nameSrCyrl: m.name_sr_cyrl,
      nameAlt: m.name_alt,
      boundary: m.boundary,
    })),
    settlements.map((s) => ({
      id: s.id,
      kasCode: s.kas_code,
      name: s.name,
      nameAscii: s.name_ascii,
      nameCyrl: s.name_cyrl,
      alternateNames: s.alternate_names,
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Result dimensions

const GENDER_NAMES = new Set(["sex", "gender", "gjinia", "pol", "rod"]);
const COMMUNITY_NAMES = new Set([
  "community",
  "communities",
  "ethnicity",
  "ethnic group",
  "ethnic community",
  "komuniteti",
  "zajednica",
  "nationality",
]);
const BENEFICIARY_NAMES = new Set([
  "beneficiary type",
  "beneficiary",
  "beneficiary_type",
  "type of beneficiary",
  "beneficiary group",
  "status",
]);
const FEMALE = new Set([
  "female",
  "f",
  "women",
  "woman",
  "girls",
  "girl",
  "femra",
  "gra",
  "vajza",
  "zensko",
  "zene",
  "devojcice",
]);
const MALE = new Set([
  "male",
  "m",
  "men",
  "man",
  "boys",
  "boy",
  "meshkuj",
  "burra",
  "djem",
  "musko",
  "muskarci",
  "decaci",
]);
const BENEFICIARY_BY_NAME: Record<string, string> = {
  returnee: "returnee",
  returnees: "returnee",
  "returned persons": "returnee",
  "internally displaced persons": "displaced",
  "internally displaced": "displaced",
  idps: "displaced",
  idp: "displaced",
  displaced: "displaced",
  refugee: "refugee",
  refugees: "refugee",
  repatriated: "repatriated",
  "repatriated persons": "repatriated",
  "host community": "host_community",
  "host communities": "host_community",
  official: "official",
  officials: "official",
  other: "other",
};

/**
 * The platform disaggregation a dimension of an IATI value stands for, with the category in the
 * platform's terms; null when the platform has no such disaggregation (the dimension is kept as
 * given). `communityNames` maps normalised community names (any language, singular or plural) to codes.
 */
export function platformDimension(
  name: string,
  value: string,
  communityNames: Map<string, string>,
): { dimension: ProjectDisaggregation; category: string } | null {
  const n = normaliseName(name);
  const v = normaliseName(value);
  if (GENDER_NAMES.has(n)) {
    if (FEMALE.has(v)) return { dimension: "gender", category: "female" };
    if (MALE.has(v)) return { dimension: "gender", category: "male" };
    return null;
  }
  if (COMMUNITY_NAMES.has(n)) {
    const code =
      communityNames.get(v) ?? communityNames.get(v.replace(/^k /, "")) ?? communityNames.get(v.replace(/s$/, ""));
    return code ? { dimension: "community", category: code } : null;
  }
  if (BENEFICIARY_NAMES.has(n)) {
    const category = BENEFICIARY_BY_NAME[v];
    return category ? { dimension: "beneficiary_type", category } : null;
  }
  return null;
}

/** Normalised names of the communities (codes and every language's name, plural and singular) → code. */
export function communityNameIndex(communities: { code: string; name: TranslatedText }[]): Map<string, string> {
  const out = new Map<string, string>();
  const singular: Record<string, string[]> = {
    albanian: ["albanian", "albanians", "shqiptar", "shqiptare", "albanci", "albanac"],
    serb: ["serb", "serbs", "serbian", "serbe", "serbët", "srbi", "srbin", "k serb", "kosovo serb", "kosovo serbs"],
    bosniak: ["bosniak", "bosniaks", "boshnjak", "boshnjake", "bosnjaci", "bosnjak"],
    turkish: ["turk", "turks", "turkish", "turq", "turci", "turcin"],
    roma: ["roma", "rom", "rome", "romi", "romë"],
    ashkali: ["ashkali", "ashkalia", "askalije", "askalija"],
    egyptian: ["egyptian", "egyptians", "egjiptian", "egjiptiane", "egipcani", "egipcanin"],
    gorani: ["gorani", "gorans", "gorane", "goranci", "goranac"],
    other: ["other", "others", "te tjere", "ostali"],
  };
  for (const c of communities) {
    out.set(normaliseName(c.code), c.code);
    for (const [key, value] of Object.entries(c.name))
      if (key !== "machine" && typeof value === "string") out.set(normaliseName(value), c.code);
    for (const name of singular[c.code] ?? []) out.set(normaliseName(name), c.code);
  }
  return out;
}

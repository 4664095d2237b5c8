import { sql } from "kysely";
import { camelRow } from "#app/db/camel-row.ts";
import type { Db } from "#app/db/client.server.ts";
import type { Municipality, TranslatedText } from "#app/db/schema.ts";

/** A municipality as listed: names, district, census totals and its population by community. */
export interface MunicipalitySummary {
  kasCode: string;
  slug: string;
  nameSq: string;
  nameSr: string;
  nameSrCyrl: string;
  nameAlt: string | null;
  district: TranslatedText;
  population2011: number | null;
  population2024: number;
  population2024Enumerated: number;
  population2024IsEstimate: boolean;
  /** 2024 census population by community code. */
  communities: Record<string, number>;
}

const SUMMARY_COLUMNS = [
  "m.kas_code",
  "m.slug",
  "m.name_sq",
  "m.name_sr",
  "m.name_sr_cyrl",
  "m.name_alt",
  "m.district",
  "m.pop_2011",
  "m.pop_2024",
  "m.pop_2024_enumerated",
  "m.pop_2024_is_estimate",
] as const;

/** The row of SUMMARY_COLUMNS: every column but the boundary. */
type SummaryRow = Omit<Municipality, "boundary">;

function toSummary(row: SummaryRow, communities: Record<string, number>): MunicipalitySummary {
  return {
    kasCode: row.kas_code,
    slug: row.slug,
    nameSq: row.name_sq,
    nameSr: row.name_sr,
    nameSrCyrl: row.name_sr_cyrl,
    nameAlt: row.name_alt,
    district: row.district,
    population2011: row.pop_2011,
    population2024: row.pop_2024,
    population2024Enumerated: row.pop_2024_enumerated,
    population2024IsEstimate: row.pop_2024_is_estimate,
    communities,
  };
}

async function populationsByMunicipality(db: Db): Promise<Map<string, Record<string, number>>> {
  const query = db
    .selectFrom("municipality_population as p")
    .innerJoin("community as c", "c.code", "p.community_code")
    .select(["p.kas_code", "p.community_code", "p.population"])
    .where("p.year", "=", 2024)
    .orderBy("c.sort_order");
  const map = new Map<string, Record<string, number>>();
  for (const row of await query.execute()) {
    const entry = map.get(row.kas_code) ?? {};
    entry[row.community_code] = row.population;
    map.set(row.kas_code, entry);
  }
  return map;
}

/** All 38 municipalities with their census figures, in the statistics agency's order (two queries). */
export async function listMunicipalities(db: Db): Promise<MunicipalitySummary[]> {
  const [rows, populations] = await Promise.all([
    db.selectFrom("municipality as m").select(SUMMARY_COLUMNS).orderBy("m.kas_code").execute(),
    populationsByMunicipality(db),
  ]);
  return rows.map((row) => toSummary(row, populations.get(row.kas_code) ?? {}));
}

/** One municipality by its two-digit KAS code, or null. One query. */
export async function getMunicipality(
  db: Db,
  kasCode: string,
): Promise<(MunicipalitySummary & { settlementCount: number }) | null> {
  const row = await db
    .selectFrom("municipality as m")
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("settlement as s")
        .whereRef("s.kas_code", "=", "m.kas_code")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("settlement_count"),
    )
    // Its 2024 population by community in the same statement, in the communities' order (as `populationsByMunicipality`).
    .select(
      sql<
        Record<string, number> | string | null
      >`(select json_object_agg(p.community_code, p.population order by c.sort_order)
        from municipality_population p join community c on c.code = p.community_code
        where p.year = 2024 and p.kas_code = m.kas_code)`.as("communities"),
    )
    .where("m.kas_code", "=", kasCode)
    .executeTakeFirst();
  if (!row) return null;
  const communities = typeof row.communities === "string" ? JSON.parse(row.communities) : row.communities;
  return { ...toSummary(row, communities ?? {}), settlementCount: Number(row.settlement_count ?? 0) };
}

/** A municipality's names and stored boundary, for drawing maps and finding its neighbours. */
export interface MunicipalityOutline {
  kasCode: string;
  slug: string;
  nameSq: string;
  nameSr: string;
  nameSrCyrl: string;
  /** GeoJSON geometry (longitude/latitude), projected by `municipality-map.server.ts`. */
  boundary: unknown;
}

/** Every municipality's boundary with its names (one query); the maps are projected from these. */
export async function listMunicipalityOutlines(db: Db): Promise<MunicipalityOutline[]> {
  const rows = await db
    .selectFrom("municipality")
    .select(["kas_code", "slug", "name_sq", "name_sr", "name_sr_cyrl", "boundary"])
    .orderBy("kas_code")
    .execute();
  return rows.map(camelRow);
}

/** The settlements of one municipality, alphabetically. */
export async function listSettlements(
  db: Db,
  kasCode: string,
): Promise<{ id: number; name: string; nameCyrl: string | null }[]> {
  const rows = await db
    .selectFrom("settlement")
    .select(["id", "name", "name_cyrl"])
    .where("kas_code", "=", kasCode)
    .orderBy("name")
    .execute();
  return rows.map(camelRow);
}

/** National totals computed from the reference data: one query. */
export interface NationalFigures {
  municipalityCount: number;
  settlementCount: number;
  population2024: number;
  /** Members of the non-majority communities (every community except the majority, "other" and "not declared"). */
  nonMajorityPopulation2024: number;
  nonMajorityCommunityCount: number;
}

/** Key figures for the home page, computed from the census tables (never typed in). */
export async function getNationalFigures(db: Db): Promise<NationalFigures> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("municipality")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("municipality_count"),
      eb
        .selectFrom("settlement")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("settlement_count"),
      eb
        .selectFrom("municipality")
        .select((e) => e.fn.sum<number>("pop_2024").as("n"))
        .as("population"),
      eb
        .selectFrom("municipality_population as p")
        .innerJoin("community as c", "c.code", "p.community_code")
        .where("p.year", "=", 2024)
        .where("c.is_majority", "=", false)
        .where("c.code", "not in", ["other", "not_declared"])
        .select((e) => e.fn.sum<number>("p.population").as("n"))
        .as("non_majority"),
      eb
        .selectFrom("community")
        .where("is_majority", "=", false)
        .where("code", "not in", ["other", "not_declared"])
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("non_majority_communities"),
    ])
    .executeTakeFirstOrThrow();
  return {
    municipalityCount: Number(row.municipality_count ?? 0),
    settlementCount: Number(row.settlement_count ?? 0),
    population2024: Number(row.population ?? 0),
    nonMajorityPopulation2024: Number(row.non_majority ?? 0),
    nonMajorityCommunityCount: Number(row.non_majority_communities ?? 0),
  };
}

import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { NEED_CATEGORIES, NEED_STATUSES, type NeedCategory, type NeedStatus } from "#app/db/tables/needs.ts";
import { caseMunicipality } from "./needs.case-place.server.ts";
import { publishTotal, SMALL_COUNT_LIMIT, suppressTable, type PublishedTable } from "./public/suppression.ts";

/** The key of the "community not stated" row (cases submitted without a community). */
export const COMMUNITY_NOT_STATED = "not_stated";

/** The raw counts behind the statistics: never leave the server as they are. */
export interface NeedCounts {
  total: number;
  byCategory: Map<string, number>;
  byMunicipality: Map<string, number>;
  byCommunity: Map<string, number>;
  byStatus: Map<string, number>;
  resolvedCount: number;
  medianResolutionSeconds: number | null;
  hasDemoCases: boolean;
}

/** The width of the resolution histogram's buckets, in tenths of a day: one below 100 days, ten from there (migration 0035). */
export function resolutionBucketWidth(tenths: number): number {
  return tenths < 1000 ? 1 : 10;
}

/**
 * The median of the values counted in a histogram, the way `percentile_cont(0.5)` takes it over the
 * values themselves (the mean of the two middle values when their number is even), each value
 * taken as the middle of its bucket, so the result is always within half a bucket's width of the
 * exact median. `buckets` are (lower bound, width, count), in any order, in any unit; the result is
 * in the same unit.
 */
export function medianFromBuckets(buckets: readonly { lower: number; width: number; n: number }[]): number | null {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.lower - b.lower);
  const total = sorted.reduce((sum, b) => sum + b.n, 0);
  if (total === 0) return null;
  const valueAt = (rank: number): number => {
    let before = 0;
    for (const bucket of sorted) {
      if (rank < before + bucket.n) return bucket.lower + bucket.width / 2;
      before += bucket.n;
    }
    throw new Error("rank beyond the histogram");
  };
  const middle = (total - 1) / 2;
  const low = valueAt(Math.floor(middle));
  return low + (middle - Math.floor(middle)) * (valueAt(Math.ceil(middle)) - low);
}

/**
 * Counts of cases by category, municipality, community and status, and the median time from
 * submission to resolution, in one query whatever the number of cases: they are read from the
 * counters that triggers keep in the transaction of every write (migration 0035, decision 044),
 * not from the cases. Duplicates merged into another case are left out (the case they were merged
 * into counts). The median comes from a histogram in tenths of a day (whole days beyond 100 days):
 * within 0.05 day of the exact median below 100 days, within half a day beyond.
 */
export async function loadNeedCounts(db: Db): Promise<NeedCounts> {
  const rows = await sql<{ dimension: string; key: string; n: string | number; demo: string | number }>`
    select dimension, key, n, demo from need_public_count where n <> 0 or demo <> 0
    union all
    select 'resolution', tenths::text, n, 0 from need_resolution_count where n <> 0
  `.execute(db);
  const maps: Record<string, Map<string, number>> = {
    category: new Map(),
    municipality: new Map(),
    community: new Map(),
    status: new Map(),
  };
  const buckets: { lower: number; width: number; n: number }[] = [];
  let total = 0;
  let demo = 0;
  for (const row of rows.rows) {
    const n = Number(row.n);
    if (row.dimension === "resolution") {
      const tenths = Number(row.key);
      buckets.push({ lower: tenths * 8_640, width: resolutionBucketWidth(tenths) * 8_640, n });
      continue;
    }
    maps[row.dimension]?.set(row.key, n);
    if (row.dimension === "category") {
      total += n;
      demo += Number(row.demo);
    }
  }
  return {
    total,
    byCategory: maps.category ?? new Map(),
    byMunicipality: maps.municipality ?? new Map(),
    byCommunity: maps.community ?? new Map(),
    byStatus: maps.status ?? new Map(),
    resolvedCount: buckets.reduce((sum, b) => sum + b.n, 0),
    medianResolutionSeconds: medianFromBuckets(buckets),
    hasDemoCases: demo > 0,
  };
}

/** The reference lists the tables are laid out by (every row appears, with or without cases). */
export interface StatsLayout {
  municipalities: { kasCode: string; nameSq: string; nameSr: string; nameSrCyrl: string }[];
  communities: { code: string; name: TranslatedText }[];
}

/** The statistics as published: every table suppressed (see suppression.ts), no raw small number anywhere. */
export interface PublicNeedStats {
  total: { state: "shown" | "fewer_than_5"; count: number | null };
  byCategory: PublishedTable<NeedCategory>;
  byMunicipality: PublishedTable<string>;
  byCommunity: PublishedTable<string>;
  byStatus: PublishedTable<NeedStatus>;
  /** Median days from submission to resolution; null when fewer than 5 cases were resolved. */
  medianResolutionDays: number | null;
  hasDemoCases: boolean;
}

/** Applies the publication rule to raw counts. The only way counts reach a page, the CSV or the API. */
export function publishNeedStats(counts: NeedCounts, layout: StatsLayout): PublicNeedStats {
  const table = <K extends string>(keys: readonly K[], map: Map<string, number>) =>
    suppressTable(keys.map((key) => ({ key, count: map.get(key) ?? 0 })));
  return {
    total: publishTotal(counts.total),
    byCategory: table(NEED_CATEGORIES, counts.byCategory),
    byMunicipality: table(
      layout.municipalities.map((m) => m.kasCode),
      counts.byMunicipality,
    ),
    byCommunity: table([...layout.communities.map((c) => c.code), COMMUNITY_NOT_STATED], counts.byCommunity),
    byStatus: table(NEED_STATUSES, counts.byStatus),
    medianResolutionDays:
      counts.resolvedCount >= SMALL_COUNT_LIMIT && counts.medianResolutionSeconds !== null
        ? Math.round((counts.medianResolutionSeconds / 86_400) * 10) / 10
        : null,
    hasDemoCases: counts.hasDemoCases,
  };
}

/**
 * The layout lists in two queries (the municipalities' names without their boundaries): the tables'
 * rows here, and the submission form's choices.
 */
export async function loadStatsLayout(db: Db): Promise<StatsLayout> {
  const [municipalities, communities] = await Promise.all([
    db
      .selectFrom("municipality")
      .select(["kas_code", "name_sq", "name_sr", "name_sr_cyrl"])
      .orderBy("kas_code")
      .execute(),
    db.selectFrom("community").select(["code", "name"]).orderBy("sort_order").execute(),
  ]);
  return {
    municipalities: municipalities.map((m) => ({ kasCode: m.kas_code, ...caseMunicipality(m) })),
    communities: communities.map((c) => ({ code: c.code, name: c.name })),
  };
}

/** The published statistics with their layout, in three queries: what the API and the CSV serve. */
export async function getPublicNeedStats(db: Db): Promise<{ stats: PublicNeedStats; layout: StatsLayout }> {
  const [counts, layout] = await Promise.all([loadNeedCounts(db), loadStatsLayout(db)]);
  return { stats: publishNeedStats(counts, layout), layout };
}

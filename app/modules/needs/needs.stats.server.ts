import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import { NEED_CATEGORIES, NEED_STATUSES, type NeedCategory, type NeedStatus } from "#app/db/tables/needs.ts";
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

/**
 * Counts of cases by category, municipality, community and status, and the median time from
 * submission to resolution: two queries whatever the number of cases. Duplicates merged into
 * another case are left out (the case they were merged into counts).
 */
export async function loadNeedCounts(db: Db): Promise<NeedCounts> {
  const [groups, resolution] = await Promise.all([
    sql<{ dimension: string; key: string; n: number; demo: number }>`
      select 'category' as dimension, category as key, count(*)::int as n, count(*) filter (where is_demo)::int as demo from need_case where merged_into_id is null group by category
      union all
      select 'municipality', kas_code, count(*)::int, 0 from need_case where merged_into_id is null group by kas_code
      union all
      select 'community', coalesce(community_code, ${COMMUNITY_NOT_STATED}), count(*)::int, 0 from need_case where merged_into_id is null group by community_code
      union all
      select 'status', status, count(*)::int, 0 from need_case where merged_into_id is null group by status
    `.execute(db),
    sql<{ n: number; median_seconds: number | string | null }>`
      select count(*)::int as n,
             percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - c.created_at)) as median_seconds
      from need_case c
      join (select case_id, min(created_at) as resolved_at from need_status_change where to_status = 'resolved' group by case_id) r on r.case_id = c.id
      where c.merged_into_id is null
    `.execute(db),
  ]);
  const maps: Record<string, Map<string, number>> = { category: new Map(), municipality: new Map(), community: new Map(), status: new Map() };
  let total = 0;
  let demo = 0;
  for (const row of groups.rows) {
    maps[row.dimension]?.set(row.key, Number(row.n));
    if (row.dimension === "category") {
      total += Number(row.n);
      demo += Number(row.demo);
    }
  }
  const resolved = resolution.rows[0];
  return {
    total,
    byCategory: maps.category ?? new Map(),
    byMunicipality: maps.municipality ?? new Map(),
    byCommunity: maps.community ?? new Map(),
    byStatus: maps.status ?? new Map(),
    resolvedCount: Number(resolved?.n ?? 0),
    medianResolutionSeconds: resolved?.median_seconds === null || resolved?.median_seconds === undefined ? null : Number(resolved.median_seconds),
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
  const table = <K extends string>(keys: readonly K[], map: Map<string, number>) => suppressTable(keys.map((key) => ({ key, count: map.get(key) ?? 0 })));
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
      counts.resolvedCount >= SMALL_COUNT_LIMIT && counts.medianResolutionSeconds !== null ? Math.round((counts.medianResolutionSeconds / 86_400) * 10) / 10 : null,
    hasDemoCases: counts.hasDemoCases,
  };
}

/** The layout lists in two queries (the municipalities' names without their boundaries). */
export async function loadStatsLayout(db: Db): Promise<StatsLayout> {
  const [municipalities, communities] = await Promise.all([
    db.selectFrom("municipality").select(["kas_code", "name_sq", "name_sr", "name_sr_cyrl"]).orderBy("kas_code").execute(),
    db.selectFrom("community").select(["code", "name"]).orderBy("sort_order").execute(),
  ]);
  return {
    municipalities: municipalities.map((m) => ({ kasCode: m.kas_code, nameSq: m.name_sq, nameSr: m.name_sr, nameSrCyrl: m.name_sr_cyrl })),
    communities: communities.map((c) => ({ code: c.code, name: c.name })),
  };
}

/** The published statistics with their layout, in four queries: what the API and the CSV serve. */
export async function getPublicNeedStats(db: Db): Promise<{ stats: PublicNeedStats; layout: StatsLayout }> {
  const [counts, layout] = await Promise.all([loadNeedCounts(db), loadStatsLayout(db)]);
  return { stats: publishNeedStats(counts, layout), layout };
}

import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";

/** The public counters and the resolution histogram as plain maps ("dimension:key" → [n, demo]; tenths → n), zeros left out. */
export interface NeedSummary {
  counts: Record<string, [number, number]>;
  resolution: Record<string, number>;
}

/** What the triggers of migration 0035 keep: read from need_public_count and need_resolution_count. */
export async function storedNeedSummary(db: Db): Promise<NeedSummary> {
  const counts = await db.selectFrom("need_public_count").select(["dimension", "key", "n", "demo"]).execute();
  const resolution = await db.selectFrom("need_resolution_count").select(["tenths", "n"]).execute();
  return {
    counts: Object.fromEntries(
      counts
        .filter((r) => Number(r.n) !== 0 || Number(r.demo) !== 0)
        .map((r) => [`${r.dimension}:${r.key}`, [Number(r.n), Number(r.demo)]]),
    ),
    resolution: Object.fromEntries(
      resolution.filter((r) => Number(r.n) !== 0).map((r) => [String(r.tenths), Number(r.n)]),
    ),
  };
}

/** The bucket of a resolution time, from the rule (tenths of a day below 100 days, whole days from there). */
function bucketOf(seconds: number): number {
  const tenths = Math.floor(seconds / 8_640);
  return tenths < 1000 ? tenths : Math.floor(tenths / 10) * 10;
}

/**
 * The same figures recomputed from the cases and their status history, without the triggers'
 * column or function: cases not merged into another; resolution time from the case's creation to
 * its earliest change to "resolved".
 */
export async function recomputedNeedSummary(db: Db): Promise<NeedSummary & { resolutionSeconds: number[] }> {
  const cases = await sql<{
    category: string;
    kas_code: string;
    community_code: string | null;
    status: string;
    is_demo: boolean;
    seconds: number | string | null;
  }>`
    select c.category, c.kas_code, c.community_code, c.status, c.is_demo,
           extract(epoch from (select min(s.created_at) from need_status_change s where s.case_id = c.id and s.to_status = 'resolved') - c.created_at)::float8 as seconds
    from need_case c where c.merged_into_id is null`.execute(db);
  const counts: Record<string, [number, number]> = {};
  const resolution: Record<string, number> = {};
  const resolutionSeconds: number[] = [];
  for (const c of cases.rows) {
    for (const key of [
      `category:${c.category}`,
      `municipality:${c.kas_code}`,
      `community:${c.community_code ?? "not_stated"}`,
      `status:${c.status}`,
    ]) {
      const cell = (counts[key] ??= [0, 0]);
      cell[0] += 1;
      if (c.is_demo) cell[1] += 1;
    }
    if (c.seconds !== null) {
      const seconds = Number(c.seconds);
      resolutionSeconds.push(seconds);
      const bucket = String(bucketOf(seconds));
      resolution[bucket] = (resolution[bucket] ?? 0) + 1;
    }
  }
  return { counts, resolution, resolutionSeconds };
}

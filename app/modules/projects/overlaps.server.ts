import { sql } from "kysely";
import type { Db } from "#app/db/client.server.ts";
import type { TranslatedText } from "#app/db/schema.ts";
import type { ProjectOverlapDecision } from "#app/db/tables/projects.ts";
import { inTransaction } from "#app/services/commands.server.ts";

/**
 * Overlap detection. Two projects overlap when both are under way (pipeline or implementation),
 * both are known to the Office (submitted or validated), they share at least one
 * municipality × sector × community combination, and their periods (actual dates where given,
 * else planned) intersect. Each pair is scored with pg_trgm's similarity of their titles and
 * descriptions (normalised text, 0–1): a high score suggests a duplicate, a low one complementary
 * work in the same place. The structural test is exact; the score only ranks.
 */

/** What two overlapping projects share (codes), and how alike their texts are (0–1). */
export interface OverlapTerms {
  score: number;
  municipalities: string[];
  sectors: string[];
  communities: string[];
}

/** A pair of overlapping projects (`a` < `b`) as the statement finds it. */
interface OverlapPairRow extends OverlapTerms {
  a: number;
  b: number;
}

/** The pairs as one SQL statement; `onlyProject` limits it to pairs with that project (which may be a draft), or with any of those projects. */
function overlapPairs(onlyProject: number | number[] | null) {
  const only = onlyProject === null ? null : Array.isArray(onlyProject) ? onlyProject : [onlyProject];
  const activeFilter =
    only === null
      ? sql`p.activity_status in ('pipeline', 'implementation') and p.validation_status in ('submitted', 'validated')`
      : sql`p.activity_status in ('pipeline', 'implementation') and (p.validation_status in ('submitted', 'validated') or p.id = any(${only}::int[]))`;
  const keyFilter =
    only === null ? sql`true` : sql`k1.project_id = any(${only}::int[]) or k2.project_id = any(${only}::int[])`;
  return sql<OverlapPairRow>`
    with active as (
      select p.id, coalesce(p.actual_start, p.planned_start) as starts, coalesce(p.actual_end, p.planned_end) as ends, p.match_text
      from project p where ${activeFilter}
    ),
    keys as (
      select pm.project_id, pm.kas_code, ps.sector_code, pc.community_code
      from active a
      join project_municipality pm on pm.project_id = a.id
      join project_sector ps on ps.project_id = a.id
      join project_community pc on pc.project_id = a.id
    ),
    pairs as (
      select k1.project_id as a, k2.project_id as b,
        array_agg(distinct k1.kas_code order by k1.kas_code) as municipalities,
        array_agg(distinct k1.sector_code order by k1.sector_code) as sectors,
        array_agg(distinct k1.community_code order by k1.community_code) as communities
      from keys k1
      join keys k2 on k2.kas_code = k1.kas_code and k2.sector_code = k1.sector_code and k2.community_code = k1.community_code and k2.project_id > k1.project_id
      where ${keyFilter}
      group by k1.project_id, k2.project_id
    )
    select pairs.a, pairs.b, pairs.municipalities, pairs.sectors, pairs.communities, similarity(pa.match_text, pb.match_text)::real as score
    from pairs
    join active pa on pa.id = pairs.a
    join active pb on pb.id = pairs.b
    where pa.starts <= pb.ends and pb.starts <= pa.ends`;
}

/**
 * Recomputes the whole overlap queue in two statements: pairs that still overlap are inserted or
 * refreshed (their decisions kept), undecided pairs that no longer overlap are removed. Returns the
 * number of pairs flagged.
 */
export async function computeOverlaps(db: Db): Promise<number> {
  const run = async (trx: Db) => {
    const result = await sql<{ n: number }>`
      with found as (${overlapPairs(null)}),
      upserted as (
        insert into project_overlap (project_a_id, project_b_id, score, shared_municipalities, shared_sectors, shared_communities, computed_at)
        select a, b, score, municipalities, sectors, communities, now() from found
        on conflict (project_a_id, project_b_id) do update set score = excluded.score, shared_municipalities = excluded.shared_municipalities,
          shared_sectors = excluded.shared_sectors, shared_communities = excluded.shared_communities, computed_at = excluded.computed_at
        returning 1
      ),
      removed as (
        -- NOT IN (a hashed subplan) rather than NOT EXISTS: the planner underestimates "found" and
        -- would compare every queued pair with every found pair (seconds at 5,000 projects).
        delete from project_overlap o where o.decision is null and (o.project_a_id, o.project_b_id) not in (select f.a, f.b from found f)
        returning 1
      )
      select (select count(*) from upserted)::int as n, (select count(*) from removed)::int as removed`.execute(trx);
    return Number(result.rows[0]?.n ?? 0);
  };
  return inTransaction(db, run);
}

/** Refreshes the queue's pairs of one project (after it was saved, submitted or validated). */
export async function refreshOverlapsOf(trx: Db, projectId: number): Promise<void> {
  await sql`
    with found as (${overlapPairs(projectId)}),
    upserted as (
      insert into project_overlap (project_a_id, project_b_id, score, shared_municipalities, shared_sectors, shared_communities, computed_at)
      select a, b, score, municipalities, sectors, communities, now() from found f
      where exists (select 1 from project p where p.id = ${projectId} and p.validation_status <> 'draft')
      on conflict (project_a_id, project_b_id) do update set score = excluded.score, shared_municipalities = excluded.shared_municipalities,
        shared_sectors = excluded.shared_sectors, shared_communities = excluded.shared_communities, computed_at = excluded.computed_at
      returning 1
    )
    delete from project_overlap o
    where o.decision is null and (o.project_a_id = ${projectId} or o.project_b_id = ${projectId})
      and not exists (select 1 from found f where f.a = o.project_a_id and f.b = o.project_b_id
        and exists (select 1 from project p where p.id = ${projectId} and p.validation_status <> 'draft'))`.execute(
    trx,
  );
}

/**
 * `refreshOverlapsOf` for many projects in one statement (an IATI import creating hundreds): the
 * pairs with any of them are computed once instead of once per project.
 */
export async function refreshOverlapsOfMany(trx: Db, projectIds: number[]): Promise<void> {
  if (projectIds.length === 0) return;
  await sql`
    with found as (${overlapPairs(projectIds)}),
    upserted as (
      insert into project_overlap (project_a_id, project_b_id, score, shared_municipalities, shared_sectors, shared_communities, computed_at)
      select a, b, score, municipalities, sectors, communities, now() from found f
      where exists (select 1 from project p where p.id in (f.a, f.b) and p.id = any(${projectIds}::int[]) and p.validation_status <> 'draft')
      on conflict (project_a_id, project_b_id) do update set score = excluded.score, shared_municipalities = excluded.shared_municipalities,
        shared_sectors = excluded.shared_sectors, shared_communities = excluded.shared_communities, computed_at = excluded.computed_at
      returning 1
    )
    delete from project_overlap o
    where o.decision is null and (o.project_a_id = any(${projectIds}::int[]) or o.project_b_id = any(${projectIds}::int[]))
      and not exists (select 1 from found f where f.a = o.project_a_id and f.b = o.project_b_id
        and exists (select 1 from project p where p.id in (f.a, f.b) and p.id = any(${projectIds}::int[]) and p.validation_status <> 'draft'))`.execute(
    trx,
  );
}

/** A likely overlap of a project with another, for the hint shown while a project is entered. */
export interface OverlapHint extends OverlapTerms {
  otherId: number;
  otherTitle: TranslatedText;
  /** The Office's decision on the pair, when it took one (the project's owner sees it on the project page). */
  decision: ProjectOverlapDecision | null;
  decidedAt: Date | null;
  note: string | null;
}

/** The likely overlaps of one project (even a draft), best match first, with the Office's decision on each pair (one query). */
export async function findOverlapsOf(db: Db, projectId: number, limit = 10): Promise<OverlapHint[]> {
  const result = await sql<
    OverlapPairRow & {
      title: TranslatedText;
      decision: ProjectOverlapDecision | null;
      decided_at: Date | null;
      note: string | null;
    }
  >`
    with found as (${overlapPairs(projectId)})
    select f.*, p.title, o.decision, o.decided_at, o.note from found f
    join project p on p.id = case when f.a = ${projectId} then f.b else f.a end
    left join project_overlap o on o.project_a_id = f.a and o.project_b_id = f.b
    order by f.score desc, p.id limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    otherId: r.a === projectId ? r.b : r.a,
    otherTitle: r.title,
    score: Number(r.score),
    municipalities: r.municipalities,
    sectors: r.sectors,
    communities: r.communities,
    decision: r.decision,
    decidedAt: r.decided_at,
    note: r.note,
  }));
}

/** One pair of the review queue. */
export interface OverlapPair extends OverlapTerms {
  a: { id: number; title: TranslatedText };
  b: { id: number; title: TranslatedText };
  decision: ProjectOverlapDecision | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  note: string | null;
}

/** The review queue: undecided pairs first, highest score first (one query, paged). */
export async function listOverlapQueue(
  db: Db,
  options: { decided: boolean; limit: number; offset: number },
): Promise<{ total: number; pairs: OverlapPair[] }> {
  const rows = await db
    .selectFrom("project_overlap as o")
    .innerJoin("project as pa", "pa.id", "o.project_a_id")
    .innerJoin("project as pb", "pb.id", "o.project_b_id")
    .selectAll("o")
    .select(["pa.title as a_title", "pb.title as b_title", sql<number>`count(*) over ()`.as("total")])
    .where("o.decision", options.decided ? "is not" : "is", null)
    .orderBy("o.score", "desc")
    .orderBy("o.project_a_id")
    .orderBy("o.project_b_id")
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return {
    total: Number(rows[0]?.total ?? 0),
    pairs: rows.map((r) => ({
      a: { id: r.project_a_id, title: r.a_title },
      b: { id: r.project_b_id, title: r.b_title },
      score: Number(r.score),
      municipalities: r.shared_municipalities,
      sectors: r.shared_sectors,
      communities: r.shared_communities,
      decision: r.decision,
      decidedBy: r.decided_by_label,
      decidedAt: r.decided_at,
      note: r.note,
    })),
  };
}

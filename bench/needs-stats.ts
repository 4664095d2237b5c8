// `npx tsx bench/needs-stats.ts`: server time of the public needs statistics' counts at growing numbers of
// cases (decision 044), on a throwaway PostgreSQL 15 cluster (or DATABASE_URL, whose need cases it replaces
// with its own): the counters kept by triggers (`loadNeedCounts`, now) against the four scans and the
// percentile over every resolved case that the page ran before (the same SQL, kept here for the comparison).
// Half the cases are resolved, with a status history. Options: --cases 20000,200000 --requests 20 --warmup 3.
// Reports figures only, with the load average.
import os from "node:os";
import { sql } from "kysely";
import { openDatabase, type Db } from "#app/db/client.server.ts";
import { migrateToLatest } from "#app/db/migrate.server.ts";
import { loadNeedCounts } from "#app/modules/needs/needs.stats.server.ts";
import { parseBenchArgs } from "./bench-args.ts";
import { formatTable, median, percentile } from "./stats.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

const values = parseBenchArgs({ defaults: { cases: "20000,200000", requests: "20", warmup: "3" } });
const sizes = values.cases.split(",").map(Number);
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const PREFIX = "BENCH-STATS-";

/** What `loadNeedCounts` ran until decision 044: four group-bys over the cases and a percentile over the resolved ones. */
async function countsByScanning(db: Db): Promise<void> {
  await Promise.all([
    sql`
      select 'category' as dimension, category as key, count(*)::int as n, count(*) filter (where is_demo)::int as demo from need_case where merged_into_id is null group by category
      union all
      select 'municipality', kas_code, count(*)::int, 0 from need_case where merged_into_id is null group by kas_code
      union all
      select 'community', coalesce(community_code, 'not_stated'), count(*)::int, 0 from need_case where merged_into_id is null group by community_code
      union all
      select 'status', status, count(*)::int, 0 from need_case where merged_into_id is null group by status`.execute(
      db,
    ),
    sql`
      select count(*)::int as n,
             percentile_cont(0.5) within group (order by extract(epoch from r.resolved_at - c.created_at)) as median_seconds
      from need_case c
      join (select case_id, min(created_at) as resolved_at from need_status_change where to_status = 'resolved' group by case_id) r on r.case_id = c.id
      where c.merged_into_id is null`.execute(db),
  ]);
}

/** Adds cases up to `total`, in statements of 20,000: spread over categories, municipalities and communities; every other one resolved with its history. */
async function growTo(db: Db, total: number): Promise<void> {
  const have = Number(
    (await sql<{ n: string }>`select count(*) as n from need_case where reference like ${`${PREFIX}%`}`.execute(db))
      .rows[0]!.n,
  );
  for (let from = have + 1; from <= total; from += 20_000) {
    const to = Math.min(total, from + 19_999);
    await db.transaction().execute(async (trx) => {
      const ids = await sql<{ id: number; resolved: boolean }>`
        insert into need_case (reference, tracking_hash, category, kas_code, community_code, description, submitted_locale, status, status_changed_at, due_at, created_at, updated_at)
        select ${PREFIX} || g, md5(g::text), (array['civil_registration','education','employment','health','housing_property','social_assistance','discrimination','security','return_reintegration','other'])[1 + g % 10],
          lpad((1 + g % 38)::text, 2, '0'), (array['roma','ashkali','egyptian','serb','bosniak','turkish','gorani',null])[1 + g % 8], 'Case ' || g, 'en',
          case when g % 2 = 0 then 'resolved' else 'in_review' end, now(), case when g % 2 = 0 then null else now() + interval '3 days' end,
          now() - (g % 700) * interval '1 day', now()
        from generate_series(${from}::int, ${to}::int) g
        returning id, status = 'resolved' as resolved`.execute(trx);
      const resolved = ids.rows.filter((r) => r.resolved).map((r) => r.id);
      await sql`
        insert into need_status_change (case_id, from_status, to_status, created_at)
        select c.id, 'in_review', 'resolved', c.created_at + (c.id % 90) * interval '1 day' + (c.id % 24) * interval '1 hour'
        from need_case c where c.id = any(${resolved})`.execute(trx);
    });
  }
  await sql`analyze`.execute(db);
}

async function timed(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + requests; i++) {
    const started = performance.now();
    await fn();
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return { median: median(samples), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  let cluster: ThrowawayPostgres | null = null;
  let databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl) {
    cluster = await startThrowawayPostgres();
    databaseUrl = cluster.url;
  }
  const handle = await openDatabase({ databaseUrl });
  const rows: (string | number)[][] = [];
  try {
    await migrateToLatest(handle.db);
    await handle.db.deleteFrom("need_case").where("reference", "like", `${PREFIX}%`).execute();
    for (const size of sizes) {
      process.stdout.write(`Growing to ${size} cases… `);
      await growTo(handle.db, size);
      const cases = Number(
        (await sql<{ n: string }>`select count(*) as n from need_case`.execute(handle.db)).rows[0]!.n,
      );
      console.log(`${cases} cases.`);
      const now = await timed(() => loadNeedCounts(handle.db));
      const before = await timed(() => countsByScanning(handle.db));
      rows.push([cases, "counters (now)", now.median, now.p95], [cases, "scans (before)", before.median, before.p95]);
    }
    await handle.db.deleteFrom("need_case").where("reference", "like", `${PREFIX}%`).execute();
  } finally {
    await handle.close();
    cluster?.stop();
  }
  console.log(`\nNeeds statistics' counts, ${requests} runs after ${warmup} warm-up, in ms:`);
  console.log(formatTable(["cases", "read", "median", "p95"], rows, [0, undefined, 1, 1]));
  console.log(
    `Load average: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

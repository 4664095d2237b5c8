/**
 * `npx tsx bench/projects-3w-parts.ts`: where the 3W page's server time goes, part by part, on the
 * database of DATABASE_URL (a throwaway PostgreSQL cluster). Generates `--count` projects when
 * the database holds no generated ones (and removes them afterwards unless `--keep`), then times
 * in-process, from the source: the reference lists, the map (as it was: outlines query and d3-geo
 * projection per request; as it is: a digest query and the projection kept per process) and the
 * coordination query per filter; what `bench/projects-3w.ts` measures beyond these is the
 * loader's formatting and the rendering. Prints median and p95 per part.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55433/postgres npx tsx bench/projects-3w-parts.ts --count 20000 --requests 30
 */
import fs from "node:fs";
import { sql } from "kysely";
import { openDatabase } from "#app/db/client.server.ts";
import { listMunicipalityOutlines } from "#app/modules/municipalities/municipalities.queries.server.ts";
import { NATIONAL_MAP_FRAME } from "#app/modules/municipalities/map-frames.ts";
import { projectBoundaries } from "#app/modules/municipalities/municipality-map.server.ts";
import { loadProjectedOutlines } from "#app/modules/municipalities/projected-outlines.server.ts";
import { loadCoordinationView } from "#app/modules/projects/coordination.queries.server.ts";
import { loadProjectChoices } from "#app/modules/projects/projects.queries.server.ts";
import { parseProjectFilter } from "#app/modules/projects/projects.schema.ts";
import { parseBenchArgs, scratchDatabaseUrl } from "./bench-args.ts";
import { migrateWithDemoContent } from "./demo-database.ts";
import { generateProjects, projectsGenerator, SYNTHETIC_PROJECT_PREFIX } from "./generators/projects.ts";
import { formatTable, median, percentile } from "./stats.ts";

async function timed(runs: number, warmup: number, run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const began = performance.now();
    await run();
    if (i >= warmup) times.push(performance.now() - began);
  }
  return times;
}

async function main(): Promise<void> {
  const values = parseBenchArgs({
    defaults: { count: "20000", requests: "30", warmup: "5" },
    flags: ["keep"],
  });
  const runs = Number(values.requests);
  const warmup = Number(values.warmup);
  const handle = await openDatabase({ databaseUrl: scratchDatabaseUrl() });
  const db = handle.db;
  let generated = false;
  try {
    await migrateWithDemoContent(db);
    const existing = await sql<{
      n: string;
    }>`select count(*) as n from project where iati_identifier like ${`${SYNTHETIC_PROJECT_PREFIX}%`}`.execute(db);
    if (Number(existing.rows[0]!.n) === 0) {
      const count = Number(values.count);
      await generateProjects(db, 1, { count });
      await sql`analyze`.execute(db);
      generated = true;
    }
    const donor = (
      await sql<{
        id: number;
      }>`select organisation_id as id from project_organisation where role = 'funding' group by 1 order by count(*) desc limit 1`.execute(
        db,
      )
    ).rows[0]!.id;
    const community = (
      await sql<{
        code: string;
      }>`select community_code as code from project_community group by 1 order by count(*) desc limit 1`.execute(db)
    ).rows[0]!.code;
    const total = await sql<{
      n: string;
      v: string;
    }>`select count(*) as n, count(*) filter (where validation_status = 'validated') as v from project`.execute(db);
    console.log(
      `${total.rows[0]!.n} projects (${total.rows[0]!.v} validated); ${runs} runs per part after ${warmup} warm-up`,
    );
    console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
    const queries: [string, string][] = [
      ["all", ""],
      ["municipality", "municipality=20"],
      ["sector", "sector=education"],
      ["donor", `donor=${donor}`],
      ["community", `community=${community}`],
      ["year", "year=2025"],
      ["page 200", "page=200"],
    ];
    const rows: (string | number)[][] = [];
    const add = (label: string, times: number[]) => rows.push([label, median(times), percentile(times, 95)]);
    add("choices (reference lists)", await timed(runs, warmup, () => loadProjectChoices(db)));
    add("map, before: outlines query", await timed(runs, warmup, () => listMunicipalityOutlines(db)));
    const outlines = await listMunicipalityOutlines(db);
    add(
      "map, before: d3-geo projection",
      await timed(runs, warmup, async () => projectBoundaries(outlines, NATIONAL_MAP_FRAME)),
    );
    add(
      "map, now: digest query, kept projection",
      await timed(runs, warmup, () => loadProjectedOutlines(db, NATIONAL_MAP_FRAME)),
    );
    for (const [label, query] of queries) {
      const filter = parseProjectFilter(new URLSearchParams(query));
      add(`coordination query, ${label}`, await timed(runs, warmup, () => loadCoordinationView(db, filter)));
    }
    console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
    console.log(formatTable(["part", "ms p50", "ms p95"], rows, [undefined, 1, 1]));
  } finally {
    if (generated && !values.keep) await projectsGenerator.clear(db);
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
